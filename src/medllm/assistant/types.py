"""What one assistant turn returns: every step's result, so callers can show, log or test each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medllm.assistant.answer import Citation
from medllm.assistant.triage import TriageResult


class AssistantInputError(ValueError):
    """The conversation cannot be answered as given (empty, not text, no user turn); one line saying why."""


@dataclass(frozen=True)
class Passage:
    """A retrieved passage as numbered for the answer: ``[n]`` in the text maps to it."""

    n: int
    id: str
    doc_id: str
    name: str
    source: str
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "id": self.id,
            "doc_id": self.doc_id,
            "name": self.name,
            "source": self.source,
            "score": round(self.score, 6),
            "text": self.text,
        }


@dataclass(frozen=True)
class TurnResult:
    """The structured result of one turn.

    Attributes:
        kind: ``emergency`` (the reply opens with the emergency instruction), ``followup`` (questions
            before advice) or ``answer``.
        triage: the level, the red flags and the reply language.
        locale: the locale whose emergency number was used (``en-US``, ``zh-CN`` ...).
        preface: the fixed text that opens the reply (emergency or urgent instruction), or ``""``.
        followup_questions: questions asked instead of advice.
        passages: the passages given to the model, numbered as cited.
        retrieval: the query, mode, relevance score, threshold and whether passages were used.
        answer: the model's answer after the citation and safety checks.
        citations: the passages the answer rests on and whether the text cites each.
        uncovered: what the question asks about that no passage mentions.
        note: the sentence saying what the sources do not cover (or that none were found).
        limits: what this advice can and cannot do.
        warnings: what the checks changed (removed markers and sentences, truncated input, gated retrieval).
        model: the model's name, or None when no model was called.
    """

    kind: str
    triage: TriageResult
    locale: str
    preface: str = ""
    followup_questions: tuple[str, ...] = ()
    passages: tuple[Passage, ...] = ()
    retrieval: dict[str, Any] | None = None
    answer: str = ""
    citations: tuple[Citation, ...] = ()
    uncovered: tuple[str, ...] = ()
    note: str = ""
    limits: str = ""
    warnings: tuple[str, ...] = ()
    model: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.triage.language

    def sources_block(self) -> str:
        """The numbered source list shown under the answer."""
        if not self.citations:
            return ""
        head = "参考资料：" if self.language == "zh" else "Sources:"
        lines = [f"[{c.n}] {c.name} ({c.source}, {c.id})" for c in self.citations]
        return "\n".join([head, *lines])

    def text(self) -> str:
        """The whole reply as a user sees it: preface first, then questions or answer, sources, note, limits."""
        body = ""
        if self.kind == "followup":
            intro = "为了给出有用的建议，我需要先了解几点：" if self.language == "zh" else FOLLOWUP_INTRO
            body = "\n".join([intro, *(f"- {q}" for q in self.followup_questions)])
        else:
            body = self.answer
        parts = [self.preface, body, self.sources_block(), self.note, self.limits]
        return "\n\n".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON (``medllm ask --json`` and the server's extra fields)."""
        return {
            "kind": self.kind,
            "triage": self.triage.to_dict(),
            "locale": self.locale,
            "preface": self.preface,
            "followup_questions": list(self.followup_questions),
            "passages": [p.to_dict() for p in self.passages],
            "retrieval": self.retrieval,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "uncovered": list(self.uncovered),
            "note": self.note,
            "limits": self.limits,
            "warnings": list(self.warnings),
            "model": self.model,
            "text": self.text(),
        }


FOLLOWUP_INTRO = "To give you useful advice, I need a few details first:"
FOLLOWUP_INTRO_ZH = "为了给出有用的建议，我需要先了解几点："


@dataclass(frozen=True)
class TurnEvent:
    """One step of a streamed turn.

    ``preface`` (the emergency or urgent instruction, always first when there is one), ``followup``,
    ``sources`` (the passages, before the answer), ``delta`` (answer text as it is generated and
    checked, sentence by sentence) and ``done`` (the full :class:`TurnResult`).
    """

    type: str
    text: str = ""
    result: TurnResult | None = None
    passages: tuple[Passage, ...] = ()
