"""Validate a data file row by row: every bad row reported with its line and reason, every good row kept."""

from __future__ import annotations

from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medllm.io.issues import IssueLog, RowIssue
from medllm.io.jsonl import DEFAULT_MAX_ROW_BYTES, ReadStats, atomic_writer


@dataclass
class ValidationReport:
    """Counts from one validation pass; ``valid + invalid == rows`` always holds."""

    path: str
    format: str | None
    rows: int
    valid: int
    invalid: int
    by_reason: dict[str, int]
    blank_lines: int
    tolerated: dict[str, int]
    kinds: dict[str, int]
    issues: list[RowIssue] = field(default_factory=list)
    valid_out: str | None = None
    rejects: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "by_reason": self.by_reason,
            "blank_lines": self.blank_lines,
            "tolerated": self.tolerated,
            "kinds": self.kinds,
            "valid_out": self.valid_out,
            "rejects": self.rejects,
            "issues": [
                {
                    "line": i.line,
                    "item": i.item,
                    "reason": i.reason.value,
                    "field": i.field,
                    "message": i.message,
                }
                for i in self.issues
            ],
        }


def validate_file(
    path: str | Path,
    *,
    format: str = "auto",
    rejects: str | Path | None = None,
    valid_out: str | Path | None = None,
    max_row_bytes: int = DEFAULT_MAX_ROW_BYTES,
    keep_issues: int = 1000,
    sft: bool = True,
) -> ValidationReport:
    """Stream ``path`` through the format reader, counting good and bad rows.

    Args:
        path: a JSON Lines file, or a file holding one JSON array.
        format: ``auto`` or a format name (alpaca, sharegpt, openai, disc, preference, medllm).
        rejects: where to write every bad row with its reason (JSON Lines); None writes nothing.
        valid_out: where to write every good row as a medllm record (JSON Lines); None writes nothing.
        max_row_bytes: rows larger than this are rejected without being parsed.
        keep_issues: how many issues the report keeps for display (all are counted and go to ``rejects``).
        sft: check conversations as SFT data: one with no user turn, or whose first turn after the
            system prompt is the assistant's, is a bad row (``no_user_turn``).

    Returns:
        The report. Bad rows never raise.

    Raises:
        DataError: the file cannot be read at all (missing, a directory, an unknown format name).
    """
    from medllm.formats.conversations import RowReader

    stats = ReadStats()
    kinds: Counter[str] = Counter()
    with _maybe_open(rejects) as rejects_handle, _maybe_open(valid_out) as valid_handle:
        log = IssueLog(rejects=rejects_handle, keep=keep_issues)
        reader = RowReader(path, format, on_issue=log, max_row_bytes=max_row_bytes, stats=stats, sft=sft)
        valid = 0
        for record in reader:
            valid += 1
            kinds[record.kind] += 1  # type: ignore[attr-defined]
            if valid_handle is not None:
                valid_handle.write(record.model_dump_json(exclude_none=True) + "\n")
    if valid + log.total != stats.rows:  # a reader that loses rows silently is a bug, never bad data
        raise AssertionError(f"row accounting broke: {valid} valid + {log.total} invalid != {stats.rows} rows")
    return ValidationReport(
        path=str(path),
        format=reader.format.name if reader.format else None,
        rows=stats.rows,
        valid=valid,
        invalid=log.total,
        by_reason=dict(sorted(log.counts.items())),
        blank_lines=stats.blank_lines,
        tolerated=dict(sorted(stats.notes.items())),
        kinds=dict(kinds),
        issues=log.issues,
        valid_out=str(valid_out) if valid_out else None,
        rejects=str(rejects) if rejects else None,
    )


def _maybe_open(path: str | Path | None) -> AbstractContextManager[Any]:
    return atomic_writer(path) if path else nullcontext(None)
