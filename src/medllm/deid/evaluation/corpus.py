"""The evaluation corpus: texts with the gold span of every planted identifier and every term that must stay.

A :class:`Sample` is one text (a sentence, a patient message, a record excerpt) with
:class:`Gold` spans of two kinds: ``identifiers`` (each with its Safe Harbor class, which must be
removed) and ``keep`` (medical terms, states and countries, bare years, ages under 90, which must
stay verbatim). :class:`Builder` assembles a text piece by piece and records the spans as it goes,
so gold offsets are exact by construction.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Gold:
    """A planted value: its class (``NAME``, ``drug`` ...), its character span, its text."""

    kind: str
    start: int
    end: int
    text: str


@dataclass
class Sample:
    """One evaluation text with its gold spans.

    Attributes:
        id: ``<set>-<split>-<n>`` (e.g. ``en-messages-dev-17``).
        language: ``en`` or ``zh``.
        source: where the text's wording comes from (``presidio-evaluator templates``, ...).
        template: the template's id within its source.
        text: the text.
        identifiers: gold identifier spans (must be removed).
        keep: gold spans that must survive verbatim (``kind`` says what they are).
    """

    id: str
    language: str
    source: str
    template: str
    text: str
    identifiers: list[Gold] = field(default_factory=list)
    keep: list[Gold] = field(default_factory=list)


class Builder:
    """Build a text left to right, recording the span of each planted piece."""

    @classmethod
    def from_template(cls, template: str, slots: Mapping[str, tuple[str, Callable[[], str]]]) -> Builder:
        """Fill ``template``'s ``{slot}`` fields: each slot is ``(kind, make)``; a kind ``"keep:KIND"``
        marks a value that must survive, another non-empty kind an identifier, ``""`` plain text."""
        builder = cls()
        for literal, slot, _, _ in string.Formatter().parse(template):
            builder.text(literal)
            if slot is None:
                continue
            kind, make = slots[slot]
            value = make()
            if kind.startswith("keep:"):
                builder.must_keep(kind.removeprefix("keep:"), value)
            elif kind:
                builder.identifier(kind, value)
            else:
                builder.text(value)
        return builder

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.identifiers: list[Gold] = []
        self.keep: list[Gold] = []

    def text(self, piece: str) -> None:
        """Plain text."""
        self.parts.append(piece)
        self.length += len(piece)

    def identifier(self, kind: str, value: str) -> None:
        """A value that must be removed."""
        self.identifiers.append(Gold(kind, self.length, self.length + len(value), value))
        self.text(value)

    def must_keep(self, kind: str, value: str) -> None:
        """A value that must survive."""
        self.keep.append(Gold(kind, self.length, self.length + len(value), value))
        self.text(value)

    def build(self, id: str, language: str, source: str, template: str) -> Sample:
        return Sample(id, language, source, template, "".join(self.parts), self.identifiers, self.keep)


def lower_sample(sample: Sample) -> Sample:
    """The same sample in lower case (spans unchanged: lower-casing keeps lengths for these scripts)."""
    text = sample.text.lower()
    if len(text) != len(sample.text):
        return sample
    return Sample(
        sample.id,
        sample.language,
        sample.source,
        sample.template + "+lower",
        text,
        [Gold(g.kind, g.start, g.end, text[g.start : g.end]) for g in sample.identifiers],
        [Gold(g.kind, g.start, g.end, text[g.start : g.end]) for g in sample.keep],
    )
