"""Span resolution: from the recognizers' overlapping results to one non-overlapping identifier per stretch.

Presidio returns every recognizer's result, overlapping ones included ("Dr. Maria Lopez" as a
NAME from the title cue and from spaCy; "13812345678" as a phone and as an unlabelled account
number with a low score). :func:`resolve` keeps the strongest result of each overlap (score, then
how specific the recognizer is, then length); the winner also absorbs the loser's characters, so a
partial overlap never leaves half an identifier behind. Neighbouring names separated only by
spaces become one name.

:func:`propagate` then removes other occurrences of a name or place found once in the same text
("Mr. Nguyen ... Nguyen's wife"; "患者张伟 ... 张伟自述"), unless one of those occurrences is used as
a medical term (English only: "Elidel" found as a name but "the use of Elidel" elsewhere).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from medllm.deid.entities import LOCATION, NAME


@dataclass
class Span:
    """One candidate identifier: type, character span, score, recognizer priority, language."""

    type: str
    start: int
    end: int
    score: float
    priority: int
    language: str = "en"


def resolve(text: str, spans: list[Span]) -> list[Span]:
    """Non-overlapping spans in text order (see the module docstring)."""
    accepted: list[Span] = []
    for s in sorted(spans, key=lambda s: (-s.score, -s.priority, -(s.end - s.start), s.start)):
        overlapping = [a for a in accepted if a.start < s.end and s.start < a.end]
        if not overlapping:
            accepted.append(Span(s.type, s.start, s.end, s.score, s.priority, s.language))
            continue
        winner = overlapping[0]
        winner.start, winner.end = min(winner.start, s.start), max(winner.end, s.end)
    accepted.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for s in accepted:
        if merged and s.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, s.end)
        elif merged and s.type == merged[-1].type == NAME and text[merged[-1].end : s.start].strip(" \t") == "":
            merged[-1].end = s.end
        else:
            merged.append(s)
    return merged


_NAME_WORD = re.compile(r"\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]|\p{Lu}[\p{Ll}]")
_HAN = re.compile(r"\p{Han}")


def propagate(text: str, spans: list[Span]) -> list[Span]:
    """Other occurrences of the names and places in ``spans`` (to resolve together with them)."""
    found: list[Span] = []
    english = [s for s in spans if s.language != "zh"]
    chinese = [s for s in spans if s.language == "zh"]
    if english:
        found.extend(_propagate_english(text, english))
    if chinese:
        found.extend(_propagate_chinese(text, chinese))
    return found


def _propagate_chinese(text: str, spans: list[Span]) -> list[Span]:
    """Exact repeats of a Chinese name (two characters or more) or place (three or more)."""
    found = []
    for s in spans:
        chunk = text[s.start : s.end]
        if not _HAN.search(chunk):
            continue
        if (s.type == NAME and len(chunk) >= 2) or (s.type == LOCATION and len(chunk) >= 3):
            start = text.find(chunk)
            while start >= 0:
                if start != s.start:
                    found.append(Span(s.type, start, start + len(chunk), 0.8, 0, "zh"))
                start = text.find(chunk, start + len(chunk))
    return found


def _propagate_english(text: str, spans: list[Span]) -> list[Span]:
    from medllm.deid.en.context import eponym_context
    from medllm.deid.wordlists.english import english_lexicon

    lex = english_lexicon()
    found: list[Span] = []
    words: set[str] = set()
    places: set[str] = set()
    for s in spans:
        chunk = text[s.start : s.end]
        if s.type == NAME:
            for word in _NAME_WORD.findall(chunk):
                word = word.strip("'’-")
                if len(word) >= 2 and not lex.not_a_name(word):
                    words.add(word)
        elif s.type == LOCATION and len(chunk) >= 4 and not any(c.isdigit() for c in chunk):
            places.add(chunk)
    for word in sorted(words):
        spots = list(_occurrences(text, word))
        if len(spots) > 1 and _a_term(text, spots):
            continue  # "Elidel" found once as a name, but "the use of Elidel" elsewhere: a drug
        for a, b in spots:
            if not eponym_context(text, a, b):
                found.append(Span(NAME, a, b, 0.8, 0))
    for place in sorted(places):
        spots = list(_occurrences(text, place))
        if len(spots) > 1 and _a_term(text, spots):
            continue
        found.extend(Span(LOCATION, a, b, 0.8, 0) for a, b in spots)
    return found


def _a_term(text: str, spots: list[tuple[int, int]]) -> bool:
    """True when the words around one of these occurrences make it a drug or a medical term (an
    eponym use does not count: "Mrs. Bell ... Bell's palsy ... Bell said")."""
    from medllm.deid.en.context import drug_context, eponym_context, medical_context

    return any(
        not eponym_context(text, a, b) and (drug_context(text, a, b) or medical_context(text, a, b))
        for a, b in spots[:12]
    )


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    pattern = _word_pattern(tuple(sorted({word, word.upper()})))
    for m in pattern.finditer(text):
        yield m.span()


@functools.lru_cache(maxsize=4096)
def _word_pattern(forms: tuple[str, ...]) -> re.Pattern:
    alternation = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\p{{L}}\p{{M}}\d])(?:{alternation})(?![\p{{L}}\p{{M}}\d])")
