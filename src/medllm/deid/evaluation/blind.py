"""The blind split: texts written by someone who never saw the rules, read from JSON Lines files.

Every ``data/blind_*.jsonl`` next to this module is one batch written by an independent author.
One row per line::

    {"id": "...", "language": "en" | "zh", "genre": "...", "text": "...",
     "identifiers": [{"kind": "NAME", "text": "..."}, ...],
     "keep": [{"kind": "drug", "text": "..."}, ...]}

Rows name values, not offsets, so that an author can write them by hand: every occurrence of a
value in the text is a gold span (an identifier repeated in a text must be removed everywhere).
Identifier kinds are those of :data:`~medllm.deid.entities.ENTITY_TYPES`; keep kinds are the
medical ones (drug, disease, test, anatomy) plus ``place_ok`` (a state or country) and ``age_ok``
(an age under 90), which must stay but are not medical terms. A value that is not in its text and
a row that cannot be read are reported with their file and line and skipped, never guessed at, so
a typo in the data cannot silently change a figure.
"""

from __future__ import annotations

import json
from pathlib import Path

from medllm.deid.entities import ENTITY_TYPES
from medllm.deid.evaluation.corpus import Gold, Sample
from medllm.deid.evaluation.score import TERM_KINDS

DATA_DIR = Path(__file__).with_name("data")
# Blind batches whose first-sight score is recorded and whose misses were read: development data now.
STUDIED_DIR = DATA_DIR / "studied"
PATTERN = "blind_*.jsonl"
KEEP_KINDS = (*TERM_KINDS, "place_ok", "age_ok")
LANGUAGES = ("en", "zh")


def blind_files(folder: Path = DATA_DIR) -> list[Path]:
    """The blind batches in ``folder``, in batch order (``blind_r2`` before ``blind_r10``)."""
    return sorted(folder.glob(PATTERN), key=_batch_order)


def _batch_order(path: Path) -> tuple[str, int, str]:
    stem = path.stem
    digits = len(stem) - len(stem.rstrip("0123456789"))
    return (stem[: len(stem) - digits], int(stem[len(stem) - digits :] or -1), path.name)


def load_blind(paths: list[Path]) -> tuple[list[Sample], list[str]]:
    """Samples from the rows of ``paths``, and one problem line (``file:line: what``) per skip.

    A bad row (not JSON, a missing or mistyped field, an unknown language or kind) is skipped
    whole; a value not found in its text is skipped alone and the rest of the row kept.
    """
    samples: list[Sample] = []
    problems: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path.name}:{number}"
                sample = _sample(line, where, problems)
                if sample is not None:
                    samples.append(sample)
    return samples, problems


def _sample(line: str, where: str, problems: list[str]) -> Sample | None:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        problems.append(f"{where}: not JSON ({error.msg}); row skipped")
        return None
    why = _row_problem(row)
    if why:
        problems.append(f"{where}: {why}; row skipped")
        return None
    text = row["text"]
    identifiers = _spans(text, row.get("identifiers") or [], where, problems)
    keep = _spans(text, row.get("keep") or [], where, problems)
    return Sample(str(row["id"]), row["language"], where.split(":")[0], str(row.get("genre", "")), text,
                  identifiers, keep)  # fmt: skip


def _row_problem(row: object) -> str | None:
    if not isinstance(row, dict):
        return "not an object"
    if not isinstance(row.get("text"), str) or not row["text"]:
        return "no text"
    if "id" not in row:
        return "no id"
    if row.get("language") not in LANGUAGES:
        return f"language {row.get('language')!r} is not one of {', '.join(LANGUAGES)}"
    for field, kinds in (("identifiers", ENTITY_TYPES), ("keep", KEEP_KINDS)):
        values = row.get(field) or []
        if not isinstance(values, list):
            return f"{field} is not a list"
        for value in values:
            if not isinstance(value, dict) or not isinstance(value.get("text"), str) or not value["text"]:
                return f"{field} holds {value!r}, not {{kind, text}}"
            if value.get("kind") not in kinds:
                return f"{field} kind {value.get('kind')!r} is not one of {', '.join(kinds)}"
    return None


def _spans(text: str, values: list[dict], where: str, problems: list[str]) -> list[Gold]:
    """Every occurrence of every value; the same span named twice counts once."""
    spans: dict[tuple[str, int, int], Gold] = {}
    for value in values:
        kind, needle = value["kind"], value["text"]
        start = text.find(needle)
        if start < 0:
            problems.append(f"{where}: {kind} value {needle!r} is not in the text; value skipped")
            continue
        while start >= 0:
            spans.setdefault((kind, start, start + len(needle)), Gold(kind, start, start + len(needle), needle))
            start = text.find(needle, start + len(needle))
    return sorted(spans.values(), key=lambda g: (g.start, g.end, g.kind))
