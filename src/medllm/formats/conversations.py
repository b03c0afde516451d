"""Read chat and preference files in the formats the field uses as medllm records, and write them back.

Formats: ``alpaca``, ``sharegpt``, ``openai``, ``disc``, ``preference`` and ``medllm`` (native
records). With ``format="auto"`` the first row that looks like one of them decides the format for
the whole file. Every non-blank row is either yielded as a record or reported, once, to
``on_issue`` with its line (or array item), a reason from :class:`~medllm.records.Reason` and the
field at fault.

Example:
    >>> from medllm.io import IssueLog
    >>> log = IssueLog()
    >>> records = list(read_conversations("medical_sft_1K_format.jsonl", on_issue=log))  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from medllm.formats._rows import RowRef, convert, json_rows, need_object
from medllm.formats.alpaca import AlpacaFormat
from medllm.formats.base import RowFormat
from medllm.formats.disc import DiscFormat
from medllm.formats.native import NativeFormat
from medllm.formats.openai_messages import OpenAIFormat
from medllm.formats.preference import PreferenceFormat
from medllm.formats.sharegpt import ShareGptFormat
from medllm.io.issues import DataError, OnIssue, raise_on_issue
from medllm.io.jsonl import DEFAULT_MAX_ROW_BYTES, ReadStats, atomic_writer
from medllm.records.errors import Reason, RecordError
from medllm.records.types import Conversation, Record

# In detection order (see medllm.formats.base.SIGNATURES, which makes the order unambiguous).
ROW_FORMATS: dict[str, RowFormat] = {
    fmt.name: fmt
    for fmt in (
        NativeFormat(),
        PreferenceFormat(),
        DiscFormat(),
        ShareGptFormat(),
        OpenAIFormat(),
        AlpacaFormat(),
    )
}
AUTO = "auto"


def get_format(name: str) -> RowFormat:
    """The format called ``name``.

    Raises:
        DataError: no format has that name; the message lists the valid ones.
    """
    try:
        return ROW_FORMATS[name]
    except KeyError:
        raise DataError(f"unknown format {name!r}: expected one of {', '.join(ROW_FORMATS)}") from None


def detect_format(row: dict[str, Any]) -> RowFormat | None:
    """The format a row is in, judged by its keys; None when it looks like none of them."""
    return next((fmt for fmt in ROW_FORMATS.values() if fmt.matches(row)), None)


class RowReader:
    """Records from a JSON Lines file or a file holding one JSON array, in one of :data:`ROW_FORMATS`.

    Args:
        path: the file.
        format: a format name, or ``"auto"`` to detect it from the first row that matches one.
        on_issue: called with each bad row; the default raises :class:`DataError` on the first.
        max_row_bytes: longer lines are rejected unparsed.
        stats: counts of rows, blank lines and tolerated quirks, filled in while reading.
        sft: also reject conversations that cannot be SFT data (reason ``no_user_turn``: no user
            turn, or the assistant speaks first).

    Attributes:
        format: the format in use; with ``"auto"``, None until a row has been detected.
        stats: the read's counts; ``stats.rows`` equals records yielded plus issues reported.

    Raises:
        DataError: ``format`` is not a known name (at construction); the file cannot be read, or
            ``on_issue`` raised (while iterating).
    """

    def __init__(
        self,
        path: str | Path,
        format: str = AUTO,
        *,
        on_issue: OnIssue = raise_on_issue,
        max_row_bytes: int = DEFAULT_MAX_ROW_BYTES,
        stats: ReadStats | None = None,
        sft: bool = False,
    ) -> None:
        self.path = path
        self.sft = sft
        self.on_issue = on_issue
        self.max_row_bytes = max_row_bytes
        self.stats = stats if stats is not None else ReadStats()
        self._auto = format == AUTO
        self.format: RowFormat | None = None if self._auto else get_format(format)

    def __iter__(self) -> Iterator[Record]:
        if self._auto:
            self.format = None  # each pass detects afresh
        rows = json_rows(self.path, on_issue=self.on_issue, stats=self.stats, max_row_bytes=self.max_row_bytes)
        yield from convert(rows, self._convert, self.on_issue)

    def _convert(self, ref: RowRef, value: Any) -> Record:
        row = need_object(value)
        if self.format is None:
            self.format = detect_format(row)
            if self.format is None:
                keys = ", ".join(repr(k) for k in list(row)[:10]) or "none"
                formats = ", ".join(ROW_FORMATS)
                message = f"no known format has these keys: {keys} (formats: {formats})"
                raise RecordError(Reason.UNKNOWN_FORMAT, message)
        record = self.format.to_record(row)
        if self.sft and isinstance(record, Conversation):
            problem = record.sft_problem()
            if problem is not None:
                raise RecordError(Reason.NO_USER_TURN, problem[1], problem[0])
        return record


def read_conversations(
    path: str | Path,
    format: str = AUTO,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
) -> Iterator[Record]:
    """Iterate the records of a chat or preference file (see :class:`RowReader`).

    Raises:
        DataError: ``format`` is unknown (immediately), or as :class:`RowReader` while iterating.
    """
    return iter(RowReader(path, format, on_issue=on_issue, stats=stats))


def write_rows(path: str | Path, records: Iterable[Record], format: str) -> int:
    """Write records as JSON Lines rows in ``format``, atomically (UTF-8, not ASCII-escaped).

    Records read from ``format`` are written back exactly as their rows were.

    Args:
        path: the output file; it appears only once every record is written.
        records: the records.
        format: a format name (not ``"auto"``).

    Returns:
        The number of rows written.

    Raises:
        DataError: an unknown format, or a record the format cannot hold (no file is written).
    """
    fmt = get_format(format)
    count = 0
    with atomic_writer(path) as handle:
        for count, record in enumerate(records, start=1):
            try:
                row = fmt.from_record(record)
            except RecordError as error:
                raise DataError(f"{path}: record {count} cannot be written as {fmt.name}: {error}") from error
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count
