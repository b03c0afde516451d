"""The prefix gate of the triage engine: which strings every match of a concept pattern starts with.

Most concepts cannot match most messages. Each concept's regex is analysed once for the strings (up to
``GATE_CHARS[language]`` long) any match must start with; a message only runs the patterns whose start strings occur
in it. Chinese words are short, so two characters already tell patterns apart. The gate is exact: it never skips a
concept that could match, it only avoids scanning for one that cannot.

Analysing ~1,400 patterns with the regex parser takes about 0.7 s, most of a fresh process's first triage. The
results are therefore shipped in ``data/gates.json.gz``, keyed by a hash of each pattern and the gate length, and
written by ``python -m medllm.assistant.triage.build_gates``; a pattern missing from the file (tables edited since) is
analysed at run time, so a stale file costs time, never a different result. A test checks the file is current.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

__all__ = ["CACHE_PATH", "GATE_CHARS", "gate_starts", "write_cache"]

CACHE_PATH = Path(__file__).parent / "data" / "gates.json.gz"

# Most concepts cannot match most messages. Each concept's regex is analysed once for the strings (up to
# GATE_CHARS[language] long) any match must start with; a message only runs the patterns whose start strings occur
# in it. Chinese words are short, so two characters already tell patterns apart.
# The gate is exact: it never skips a concept that could match, it only avoids scanning for one that cannot.
GATE_CHARS = {"en": 4, "zh": 2}
_GATE_LIMIT = 600  # more start strings than this and the concept simply always runs

try:
    # The parser's own tree is the only exact source of start strings (private, hence the fallback below).
    from re import _constants as _sre
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - a Python without the 3.11 layout: no gate, same results
    _sre = _sre_parser = None

_Starts = frozenset[tuple[str, bool]]  # (start string, whether the parsed part ended exactly there)
_OPEN: _Starts = frozenset({("", False)})  # anything may follow: no usable start string


def _item_starts(op: object, av: object, limit: int, size: int) -> _Starts:
    if op is _sre.LITERAL:
        return frozenset({(chr(av), True)})
    if op is _sre.IN:
        chars: list[str] = []
        for item_op, value in av:
            if item_op is _sre.LITERAL:
                chars.append(chr(value))
            elif item_op is _sre.RANGE and value[1] - value[0] < 16:
                chars.extend(chr(c) for c in range(value[0], value[1] + 1))
            elif item_op is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
                chars.extend("0123456789")  # \d; text with other Unicode digits skips the gate (_candidates)
            else:  # NEGATE, CATEGORY (\w, \d), wide ranges
                return _OPEN
        return frozenset((c, True) for c in chars)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({("", True)})  # zero width; ignoring an assertion only widens the gate
    if op is _sre.SUBPATTERN:
        return _seq_starts(av[3].data, limit, size)
    if op is _sre.ATOMIC_GROUP:
        return _seq_starts(av.data, limit, size)
    if op is _sre.BRANCH:
        out: set[tuple[str, bool]] = set()
        for branch in av[1]:
            out |= _seq_starts(branch.data, limit, size)
        return frozenset(out)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        inner = _seq_starts(body.data, limit, size)
        if high != 1:  # after one pass the body may repeat: stop the start string there
            inner = frozenset((s, False) for s, _ in inner)
        return inner | {("", True)} if low == 0 else inner
    return _OPEN


def _seq_starts(items: list, limit: int, size: int) -> _Starts:
    done: set[tuple[str, bool]] = set()
    open_: set[str] = {""}
    for op, av in items:
        if not open_:
            break
        item = _item_starts(op, av, limit, size)
        following: set[str] = set()
        for prefix in open_:
            for part, complete in item:
                joined = prefix + part
                if len(joined) >= size:
                    done.add((joined[:size], False))
                elif complete:
                    following.add(joined)
                else:
                    done.add((joined, False))
        open_ = following
        if len(done) + len(open_) > limit:
            return _OPEN
    return frozenset(done | {(s, True) for s in open_})


def _gate(pattern: str, size: int) -> frozenset[str] | None:
    """The strings every match of ``pattern`` starts with, or None when it could start anywhere."""
    if _sre_parser is None:
        return None
    try:
        starts = _seq_starts(_sre_parser.parse(pattern).data, _GATE_LIMIT, size)
    except Exception:  # an unparsable corner of the private parser: run the pattern unconditionally
        return None
    strings = frozenset(s for s, _ in starts)
    return None if "" in strings or not strings else strings


def _key(pattern: str, size: int) -> str:
    return hashlib.sha1(f"{size}\0{pattern}".encode()).hexdigest()[:20]


@functools.cache
def _shipped() -> dict[str, list[str] | None]:
    try:
        with gzip.open(CACHE_PATH, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):  # missing or damaged: every gate is analysed at run time
        return {}
    return data.get("gates", {}) if isinstance(data, dict) else {}


def gate_starts(patterns: Sequence[str], size: int) -> list[frozenset[str] | None]:
    """For each pattern, the strings every match starts with (None: it may start anywhere)."""
    shipped = _shipped()
    out: list[frozenset[str] | None] = []
    for pattern in patterns:
        key = _key(pattern, size)
        if key in shipped:
            value = shipped[key]
            out.append(None if value is None else frozenset(value))
        else:
            out.append(_gate(pattern, size))
    return out


def write_cache(path: Path = CACHE_PATH) -> int:
    """Analyse every pattern of both languages' tables and write the gate file; returns the number of patterns."""
    from medllm.assistant.triage import concepts_acute, concepts_en, concepts_late, concepts_zh

    gates: dict[str, list[str] | None] = {}
    for language, tables in (
        ("en", (concepts_en.CONCEPTS, concepts_acute.EN, concepts_late.EN)),
        ("zh", (concepts_zh.CONCEPTS, concepts_acute.ZH, concepts_late.ZH)),
    ):
        table = concepts_acute.merged(concepts_acute.merged(tables[0], tables[1]), tables[2])
        size = GATE_CHARS[language]
        for patterns in table.values():
            for pattern in patterns:
                gate = _gate(pattern, size)
                gates[_key(pattern, size)] = None if gate is None else sorted(gate)
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same tables give byte-identical files.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(json.dumps({"gates": gates}, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    _shipped.cache_clear()
    return len(gates)
