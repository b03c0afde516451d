"""Optional extra vocabularies for de-identification: medical terms from the dataset registry.

The de-identifier's own rules are general (word lists, drug-name stems, medical word endings and
the context around a word, see :mod:`medllm.deid.en.terms`). A corpus built from a known
vocabulary, such as ChatDoctor's dialogues generated from its disease database, can also name
that vocabulary: ``Deidentifier(vocabularies=["chatdoctor-kb"])`` or, in a recipe,
``deidentify: {vocabularies: [chatdoctor-kb]}``. A name or place found only by the named-entity
model, the capitalised-words shape or a weak place cue ("near X") is then kept when it lies
inside an occurrence of a vocabulary term in the text ("Benzylpenicilloyl Polylysine (Pre-Pen)",
"Botulinum Toxin Type A", "Mittelschmerz"). Names found by a cue ("Dr. Parkinson", "my daughter
Grace", "Patient: ...") are never dropped this way, and a word of a term is not enough on its own:
"Vera" stays a name though "Aloe Vera Topical" is a medication.

Vocabularies are off by default and read once per process (cached by name).

Supported: any registry dataset of ``kb_entry`` records (its disease names, tests and procedures,
and medications, each medication also split into its generic and its parenthesised brand name).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import regex as re

__all__ = ["Vocabulary", "load_vocabulary"]

_TOKEN = re.compile(r"[\p{L}\p{M}\d]+")
_PARENS = re.compile(r"\(([^()]*)\)")
MAX_TERM_WORDS = 8


def _words(term: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN.findall(term))


class Vocabulary:
    """A set of medical terms, matched word by word, case-insensitively.

    Args:
        terms: the terms ("Alprazolam (Xanax)", "Depression screen"); a parenthesised part also
            counts as a term of its own, and so does the term without it.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        from medllm.deid.wordlists import medical, places

        phrases: set[tuple[str, ...]] = set()
        for term in terms:
            parts = [_PARENS.sub(" ", term), *_PARENS.findall(term)]
            for part in parts:
                words = _words(part)
                if not words or len(words) > MAX_TERM_WORDS:
                    continue
                if len(words) == 1:
                    w = words[0]
                    # a lone word must be a real term: not a stop word, an eponym or a place
                    if len(w) < 3 or w in STOP_WORDS or medical.is_eponym(w) or places.is_large_place(w):
                        continue
                phrases.add(words)
        self.phrases = frozenset(phrases)
        self.longest = max((len(p) for p in self.phrases), default=0)

    def __len__(self) -> int:
        return len(self.phrases)

    def covers(self, text: str, start: int, end: int) -> bool:
        """True when text[start:end] lies inside an occurrence of a term (whole words only)."""
        if not self.phrases:
            return False
        left = max(0, start - 80)
        tokens = [m for m in _TOKEN.finditer(text, left, min(len(text), end + 80))]
        inside = [i for i, m in enumerate(tokens) if m.start() < end and start < m.end()]
        if not inside:
            return False
        first, last = inside[0], inside[-1]
        if tokens[first].start() < start or tokens[last].end() > end:
            return False  # the span cuts a word
        words = [m.group().lower() for m in tokens]
        for i in range(max(0, last - self.longest + 1), first + 1):
            for j in range(last, min(len(words), i + self.longest)):
                if tuple(words[i : j + 1]) in self.phrases:
                    return True
        return False


def _kb_terms(name: str) -> list[str]:
    from medllm.datasets import iter_records

    terms: list[str] = []
    for record in iter_records(name, progress=False):
        if getattr(record, "kind", None) != "kb_entry":
            raise ValueError(f"vocabulary {name!r}: records are {getattr(record, 'kind', type(record).__name__)}, "
                             "not kb_entry")  # fmt: skip
        terms.append(record.name)
        terms.extend(record.tests)
        terms.extend(record.medications)
    return terms


@functools.lru_cache(maxsize=16)
def _one(name: str) -> Vocabulary:
    return Vocabulary(_kb_terms(name))


@functools.lru_cache(maxsize=16)
def _combined(names: tuple[str, ...]) -> Vocabulary:
    combined = Vocabulary(())
    phrases = frozenset().union(*(_one(n).phrases for n in names))
    combined.phrases = phrases
    combined.longest = max((len(p) for p in phrases), default=0)
    return combined


def load_vocabulary(names: Sequence[str]) -> Vocabulary | None:
    """The union of the named registry vocabularies (read once per process), or None for none.

    Raises:
        DataError: a name is not in the registry or its files cannot be found.
        ValueError: a dataset's records are not knowledge-base entries.
    """
    names = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not names:
        return None
    return _combined(names)
