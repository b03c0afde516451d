"""Triage levels and the result every triage call returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class TriageLevel(IntEnum):
    """How soon a person needs care; ordered, so ``max`` picks the more urgent level.

    - ``ROUTINE``: self-care or a routine appointment; general questions.
    - ``URGENT``: to be seen by a clinician today (urgent care, a same-day GP slot, NHS 111).
    - ``EMERGENCY``: call the emergency number now.
    """

    ROUTINE = 0
    URGENT = 1
    EMERGENCY = 2

    @property
    def label(self) -> str:
        """The level's name as it appears in JSON: ``routine``, ``urgent`` or ``emergency``."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | int | TriageLevel) -> TriageLevel:
        """A level from its label (``"urgent"``), its number or itself.

        Raises:
            ValueError: the value names no level.
        """
        if isinstance(value, TriageLevel):
            return value
        if isinstance(value, int):
            return cls(value)
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown triage level {value!r} (expected routine, urgent or emergency)") from None


@dataclass(frozen=True)
class TriageReason:
    """One red flag that fired: which rule, the level it sets, and the words that triggered it.

    Args:
        rule: the rule's id (``stroke_signs``, ``infant_fever`` ...), stable across versions.
        level: the level this rule sets.
        label: a short human description in the message's language.
        evidence: the words of the message that matched (normalised text).
        source: the guidance this rule follows (key of :data:`medllm.assistant.triage.sources.SOURCES`).
        note: why the level differs from the rule's usual one (resolved, long-standing), if it does.
    """

    rule: str
    level: TriageLevel
    label: str
    evidence: tuple[str, ...] = ()
    source: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "level": self.level.label,
            "label": self.label,
            "evidence": list(self.evidence),
            "source": self.source,
        }
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class TriageResult:
    """The outcome of triaging one message (or a conversation's user turns).

    Args:
        level: the most urgent level any rule set (``routine`` when none fired).
        reasons: every rule that fired, most urgent first.
        language: ``en`` or ``zh``, the language replies should use.
        raised_by: who set the final level: ``rules``, or ``model`` when an optional model check raised it.
    """

    level: TriageLevel
    reasons: tuple[TriageReason, ...] = ()
    language: str = "en"
    raised_by: str = "rules"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_emergency(self) -> bool:
        return self.level is TriageLevel.EMERGENCY

    def raise_to(self, level: TriageLevel, reason: TriageReason, by: str) -> TriageResult:
        """This result with ``level`` if that is more urgent; a lower level is ignored (only raising is allowed)."""
        if level <= self.level:
            return self
        return TriageResult(level, (reason, *self.reasons), self.language, by, dict(self.extra))

    def to_dict(self) -> dict[str, Any]:
        """``{"level", "reasons", "language"}`` as ``medllm triage --json`` prints it."""
        data: dict[str, Any] = {
            "level": self.level.label,
            "reasons": [r.to_dict() for r in self.reasons],
            "language": self.language,
        }
        if self.raised_by != "rules":
            data["raised_by"] = self.raised_by
        return data


@dataclass(frozen=True)
class Rule:
    """One red flag: fires when every ``all_of`` finding, one ``any_of`` finding (if any) and no ``none_of`` finding
    is current (see :mod:`medllm.assistant.triage.rules`)."""

    id: str
    level: TriageLevel
    en: str
    zh: str
    all_of: tuple[str, ...]
    any_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    source: str = "nhs-999"
    soften: bool = True
