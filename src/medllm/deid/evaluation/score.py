"""Scoring de-identification against gold spans: recall per identifier class, survival of terms.

Definitions (character-exact, from the replacement spans the de-identifier reports, which are the
spans it actually rewrote):

- A planted identifier is **removed** when every letter and digit of its gold span lies inside some
  replacement, so none of them is copied into the output (spaces and dashes may remain). Removing
  half a name ("Maria [NAME]") counts as not removed. Recall is removed / planted, per class. In an English
  place, a state or province and the lower-case words joining two places ("... in ...", "of the") may remain.
- A removed identifier is **typed correctly** when the replacement covering most of its letters and
  digits has the identifier's class as its type.
- A term that must stay (drug, disease, test, anatomy, state or country, bare year, age under 90)
  **survives** when none of its characters lies inside a replacement.
- A replacement is **spurious** when it overlaps no planted identifier (over-redaction).
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from medllm.deid.evaluation.corpus import Sample

MIN_RECALL = 0.95
MIN_TERM_SURVIVAL = 0.97
TERM_KINDS = ("drug", "disease", "test", "anatomy")


@dataclass
class ClassScore:
    """Recall of one identifier class."""

    kind: str
    planted: int = 0
    removed: int = 0
    typed: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.removed / self.planted if self.planted else math.nan


@dataclass
class KeepScore:
    """Survival of one kind of term that must stay; ``unlisted`` counts terms the word lists lack."""

    kind: str
    total: int = 0
    survived: int = 0
    unlisted: int = 0
    unlisted_survived: int = 0
    lost: list[str] = field(default_factory=list)

    @property
    def survival(self) -> float:
        return self.survived / self.total if self.total else math.nan

    @property
    def unlisted_survival(self) -> float:
        return self.unlisted_survived / self.unlisted if self.unlisted else math.nan


@dataclass
class SetReport:
    """What :func:`score` measured on one set of samples."""

    name: str
    language: str
    split: str
    source: str
    samples: int
    classes: dict[str, ClassScore]
    keep: dict[str, KeepScore]
    spurious: Counter[str]
    seconds: float

    def failures(self, min_recall: float = MIN_RECALL, min_survival: float = MIN_TERM_SURVIVAL) -> list[str]:
        """One line per identifier class under ``min_recall`` and per term kind under ``min_survival``."""
        out = [
            f"{self.name}: {c.kind} recall {c.recall:.1%}; missed e.g. {c.missed[:5]}"
            for c in self.classes.values()
            if c.planted and c.recall < min_recall
        ]
        out += [
            f"{self.name}: {k.kind} survival {k.survival:.1%}; lost e.g. {k.lost[:5]}"
            for k in self.keep.values()
            if k.kind in TERM_KINDS and k.total and k.survival < min_survival
        ]
        return out

    def to_json(self, examples: int = 10) -> dict[str, Any]:
        return {
            "name": self.name,
            "language": self.language,
            "split": self.split,
            "source": self.source,
            "samples": self.samples,
            "ms_per_sample": round(1000 * self.seconds / self.samples, 2) if self.samples else None,
            "recall": {
                c.kind: {
                    "planted": c.planted,
                    "removed": c.removed,
                    "recall": _ratio(c.recall),
                    "typed_correctly": c.typed,
                    "missed_examples": c.missed[:examples],
                }
                for c in sorted(self.classes.values(), key=lambda c: c.kind)
                if c.planted
            },
            "must_survive": {
                k.kind: {
                    "total": k.total,
                    "survived": k.survived,
                    "survival": _ratio(k.survival),
                    "unlisted": k.unlisted,
                    "unlisted_survival": _ratio(k.unlisted_survival),
                    "lost_examples": k.lost[:examples],
                }
                for k in sorted(self.keep.values(), key=lambda k: k.kind)
                if k.total
            },
            "spurious_replacements": dict(sorted(self.spurious.items())),
        }


_TOKEN = None


_AGE_NUMBER = re.compile(
    r"\d+|[零〇一二两三四五六七八九十百]+|(?i:(?:one[ -])?hundred(?:[ -]and)?(?:[ -]\w+)?|ninety(?:[ -]\w+)?)"
)


_ZH_TITLE = re.compile(
    r"(?:先生|女士|小姐|老师|医生|医师|大夫|主任|教授|护士长|护士|师傅|大爷|大妈|阿姨|叔叔|奶奶|爷爷|同学|经理|院长|"
    r"药师|技师|护师|营养师|治疗师|康复师)$"
)


def _required(sample: Sample, gold) -> list[int]:
    """Positions of a gold identifier that must be replaced: its letters and digits, except, in an
    English address, the words that name a state, a Canadian province, an Australian state or a country, which Safe
    Harbor lets stay ("Mijdrecht, UT 33006": UT may stay), and lower-case joining words ("in", "of the") and, in a
    Chinese one, a province or a country ("河北省保定市":
    河北省 may stay), a title before an English name ("Dr Eleanor Marinović") or after a Chinese one
    ("陈老师"), and an age's label and unit ("Age 90", "93岁": only the number)."""
    import regex

    positions = [i for i in range(gold.start, gold.end) if sample.text[i].isalnum()]
    if gold.kind == "AGE":
        # The number is the identifier; its label and unit are not ("Age 90", "93岁", "99-year-old"),
        # and a replacement that leaves "[AGE]岁" or "a [AGE]-year-old" reveals nothing (Safe Harbor's (C)).
        number = _AGE_NUMBER.search(sample.text[gold.start : gold.end])
        if number:
            return [i for i in positions if gold.start + number.start() <= i < gold.start + number.end()]
        return positions
    if gold.kind == "NAME" and sample.language == "zh":
        # A title after a Chinese name is not the name ("陈老师", "付女士", "武大爷"): "[NAME]老师" reveals nothing.
        from medllm.chinese_script import simplified_view

        # Read in Simplified characters so that a Traditional title counts too ("陳醫生").
        title = _ZH_TITLE.search(simplified_view(sample.text[gold.start : gold.end]))
        if title and title.start() > 0:
            return [i for i in positions if i < gold.start + title.start()]
        return positions
    if gold.kind == "NAME" and sample.language == "en":
        title = regex.match(r"(?i:dr|mr|mrs|ms|mx|miss|prof)\.?[ \t]+", sample.text[gold.start : gold.end])
        return [i for i in positions if not title or i >= gold.start + title.end()]  # "Dr" is not the name
    if gold.kind == "LOCATION" and sample.language == "zh":
        # A province or a country inside a Chinese address may stay, like a US state ("河北省保定市竞秀区").
        from medllm.deid.wordlists.chinese import LARGE_PLACES_ZH

        chunk = sample.text[gold.start : gold.end]
        allowed_zh: set[int] = set()
        for large in sorted(LARGE_PLACES_ZH, key=len, reverse=True):
            for m in re.finditer(re.escape(large), chunk):
                if not allowed_zh & set(range(m.start(), m.end())):
                    allowed_zh.update(range(m.start(), m.end()))
        kept = [i for i in positions if i - gold.start not in allowed_zh]
        return kept or positions  # a province alone labelled as a place must still go
    if gold.kind != "LOCATION" or sample.language != "en":
        return positions
    from medllm.deid.wordlists.places import is_large_place

    allowed: set[int] = set()
    chunk_text = sample.text[gold.start : gold.end]
    words = list(regex.finditer(r"[\p{L}][\p{L}.]*", chunk_text))
    for k, word in enumerate(words):
        # Every word alone ("Akron OH 44310": OH) and every pair of words ("New York", "South Dakota").
        spans = [(word.start(), word.end())]
        if k + 1 < len(words) and not chunk_text[word.end() : words[k + 1].start()].strip(" \t"):
            spans.append((word.start(), words[k + 1].end()))
        for a, b in spans:
            piece = chunk_text[a:b]
            if is_large_place(piece) or piece in _PROVINCE_CODES or (b == word.end() and piece in _JOINING_WORDS):
                allowed.update(range(gold.start + a, gold.start + b))
    return [i for i in positions if i not in allowed]


# The first-level divisions of Canada and Australia, written as codes after a town like US state codes ("Kanata ON
# K2K 2X4", "Mackay QLD 4740"): Safe Harbor lets a state stay, and these are their states.
_PROVINCE_CODES = frozenset(
    {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}  # Canada
    | {"NSW", "QLD", "VIC", "Vic", "TAS", "Tas", "ACT", "WA", "SA"}  # Australia
)
# Lower-case joining words inside one labelled span ("Walgreens on Harmony Rd in Fort Collins", "Hospice of the North
# Shore"): they name nothing, and "[LOCATION] in [LOCATION]" reveals no more than "[LOCATION]".
_JOINING_WORDS = frozenset(("in", "on", "at", "of", "the", "and", "near", "by", "off", "&"))


def _ratio(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)


def score(
    deidentifier,
    samples: Sequence[Sample],
    name: str,
    split: str,
    source: str,
    listed: Callable[[str], bool] | None = None,
    examples: int = 20,
) -> SetReport:
    """De-identify ``samples`` (each with its own language tag) and score them (module docstring).

    Args:
        deidentifier: anything with ``deidentify_many(texts, languages) -> list[DeidResult]``.
        samples: texts with gold spans.
        name: the set's name in the report.
        split: ``dev`` or ``heldout``.
        source: where the wording comes from.
        listed: for English terms, whether the word lists know them (to report unlisted survival).
        examples: how many misses and losses to keep per class.
    """
    started = time.perf_counter()
    results = deidentifier.deidentify_many([s.text for s in samples], [s.language for s in samples])
    seconds = time.perf_counter() - started
    classes: dict[str, ClassScore] = {}
    keep: dict[str, KeepScore] = {}
    spurious: Counter[str] = Counter()
    for sample, result in zip(samples, results, strict=True):
        owner: list[int | None] = [None] * len(sample.text)
        for r, rep in enumerate(result.replacements):
            for i in range(rep.start, rep.end):
                owner[i] = r
        for gold in sample.identifiers:
            c = classes.setdefault(gold.kind, ClassScore(gold.kind))
            c.planted += 1
            required = _required(sample, gold)
            covering = [owner[i] for i in required]
            if covering and all(o is not None for o in covering):
                c.removed += 1
                main = Counter(covering).most_common(1)[0][0]
                c.typed += result.replacements[main].type == gold.kind  # type: ignore[index]
            elif len(c.missed) < examples:
                c.missed.append(f"{gold.text!r} in {sample.text!r}")
        for gold in sample.keep:
            k = keep.setdefault(gold.kind, KeepScore(gold.kind))
            k.total += 1
            unlisted = listed is not None and gold.kind in ("drug", "disease") and not listed(gold.text)
            if listed is None and gold.kind in TERM_KINDS:
                unlisted = True  # Chinese: the recognizers keep no list of medical terms
            k.unlisted += unlisted
            if all(owner[i] is None for i in range(gold.start, gold.end)):
                k.survived += 1
                k.unlisted_survived += unlisted
            elif len(k.lost) < examples:
                k.lost.append(f"{gold.text!r} in {result.text!r}")
        for rep in result.replacements:
            if not any(g.start < rep.end and rep.start < g.end for g in sample.identifiers):
                spurious[rep.type] += 1
    language = samples[0].language if samples else ""
    return SetReport(name, language, split, source, len(samples), classes, keep, spurious, seconds)
