"""The consultation assistant, one turn at a time: triage, follow-up, retrieval, grounded answer, limits.

Each step is a small function over the conversation; :class:`Assistant` runs them in order. Triage
runs first, on the user's words only, before any model or document is read, and its result is
final: a model check may raise the level, nothing lowers it, and the emergency instruction is fixed
text placed before anything the model writes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from typing import Any, Protocol

from medllm.assistant.answer import (
    LIMITS,
    Citation,
    check_answer,
    discourages_care,
    uncovered_aspects,
    uncovered_note,
)
from medllm.assistant.intake import assess
from medllm.assistant.language import detect_language
from medllm.assistant.prompts import PromptPassage, answer_messages, clean_text, keyword_messages, triage_check_messages
from medllm.assistant.triage import (
    Locale,
    TriageLevel,
    TriageReason,
    TriageResult,
    emergency_instruction,
    triage,
    urgent_instruction,
)
from medllm.assistant.types import (
    FOLLOWUP_INTRO,
    FOLLOWUP_INTRO_ZH,
    AssistantInputError,
    Passage,
    TurnEvent,
    TurnResult,
)

logger = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?。！？\n]")
_NO_ANSWER = {
    "en": "I can't give a reliable answer to this; please ask a doctor or pharmacist.",
    "zh": "我无法给出可靠的回答，请咨询医生或药师。",
}
_MIN_READABLE = 0.5  # share of a message's characters that must be readable text


class Retriever(Protocol):
    """What the assistant needs from a knowledge base (:class:`medllm.knowledge.KnowledgeBase` has it)."""

    def retrieve(self, query: str, k: int = 5, mode: str = "hybrid") -> Any: ...


@dataclass(frozen=True)
class AssistantConfig:
    """How the assistant behaves; every field has a safe default.

    Args:
        k: passages given to the model (small models read long prompts badly; 3 by default).
        mode: retrieval mode, ``bm25``, ``dense`` or ``hybrid``.
        gate: answer without passages when retrieval's relevance is under the knowledge base's threshold.
        max_new_tokens: longest answer.
        temperature: 0 for greedy answers.
        seed: for sampled answers.
        followup: ask what is missing before advising on symptoms.
        followup_rounds: how many times per conversation to ask.
        model_triage: also ask the model whether the message is an emergency (it can only raise the level).
        model_keywords: form the retrieval query from keywords the model extracts (ChatDoctor's method).
        answer_emergencies: after the emergency instruction, add the model's brief answer.
        max_model_chars: how much of the latest message reaches the model (triage always reads all of it).
        locale: where the user is, for the emergency number (``en-GB``, ``zh-TW``); by default the
            language's default (911 for English, 120 for Chinese).
    """

    k: int = 3
    mode: str = "hybrid"
    gate: bool = True
    max_new_tokens: int = 256
    temperature: float = 0.0
    seed: int | None = None
    followup: bool = True
    followup_rounds: int = 1
    model_triage: bool = False
    model_keywords: bool = False
    answer_emergencies: bool = True
    max_model_chars: int = 6000
    locale: str | None = None


def _readable(text: str) -> str:
    return clean_text(text.replace("\ufffd", "")).strip()


def validate_conversation(messages: Sequence[Any]) -> list[dict[str, str]]:
    """Check the conversation and return it as ``{"role", "content"}`` dicts.

    Raises:
        AssistantInputError: no messages, a message that is not ``{"role", "content"}`` text, the last
            message not from the user, or a last message with no readable text.
    """
    if not messages:
        raise AssistantInputError("empty conversation: send at least one user message")
    out: list[dict[str, str]] = []
    for i, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        content = message.get("content") if isinstance(message, dict) else None
        if role not in ("system", "user", "assistant"):
            raise AssistantInputError(f"message {i}: role must be system, user or assistant, not {role!r}")
        if not isinstance(content, str):
            raise AssistantInputError(f"message {i}: content must be text, not {type(content).__name__}")
        out.append({"role": role, "content": content})
    if out[-1]["role"] != "user":
        raise AssistantInputError("the last message must be the user's")
    latest = out[-1]["content"]
    readable = _readable(latest)
    if not latest.strip():
        raise AssistantInputError("empty message: write what you would like to ask")
    if not readable or len(readable) < _MIN_READABLE * len(latest.strip()):
        raise AssistantInputError("the message has no readable text (binary data?)")
    return out


class Assistant:
    """A consultation assistant over any :class:`medllm.models.ChatModel` and optional knowledge base.

    Args:
        model: the model that writes answers (None: triage, follow-up and retrieval only).
        kb: a knowledge base to ground answers in (None: answers without passages).
        config: behaviour; see :class:`AssistantConfig`.
    """

    def __init__(self, model: Any | None = None, kb: Retriever | None = None, config: AssistantConfig | None = None):
        self.model = model
        self.kb = kb
        self.config = config or AssistantConfig()

    # --- steps --------------------------------------------------------------------------------------
    def triage_step(self, user_turns: list[str], language: str) -> TriageResult:
        """Rules on every user turn (a red flag said earlier still counts), then the optional model check."""
        result = triage("\n".join(user_turns), language=language)
        if self.config.model_triage and self.model is not None and not result.is_emergency:
            from medllm.models import GenerationConfig

            verdict = self.model.chat([triage_check_messages(user_turns[-1])], GenerationConfig(max_new_tokens=3))[0]
            if verdict.strip().lower().startswith(("yes", "是")):
                reason = TriageReason("model_check", TriageLevel.EMERGENCY, "the model judged this an emergency")
                result = result.raise_to(TriageLevel.EMERGENCY, reason, "model")
        return result

    def retrieval_query(self, user_turns: list[str]) -> str:
        """The whole conversation's user words, latest first (ChatDoctor's keywords when switched on)."""
        query = "\n".join(reversed(user_turns))
        if self.config.model_keywords and self.model is not None:
            from medllm.models import GenerationConfig

            raw = self.model.chat([keyword_messages(user_turns[-1])], GenerationConfig(max_new_tokens=48))[0]
            keywords = [k.strip() for k in raw.split("===")[0].replace("\n", ",").split(",") if k.strip()]
            if keywords:
                query = ", ".join(keywords)
        return query

    def retrieve_step(self, user_turns: list[str]) -> tuple[list[Passage], dict[str, Any] | None, list[str]]:
        if self.kb is None:
            return [], None, []
        query = self.retrieval_query(user_turns)
        found = self.kb.retrieve(query, k=self.config.k, mode=self.config.mode)
        used = found.relevant or not self.config.gate
        info = {
            "query": query[:500],
            "mode": found.mode,
            "relevance": round(float(found.relevance), 4),
            "threshold": round(float(found.threshold), 4),
            "used": bool(used and found.hits),
        }
        warnings = [] if used else ["retrieval below the relevance threshold: answered without passages"]
        if not used:
            return [], info, warnings
        passages = [
            Passage(i, h.id, h.doc_id, h.name, h.source, h.text, float(h.score)) for i, h in enumerate(found.hits, 1)
        ]
        return passages, info, warnings

    # --- the turn -----------------------------------------------------------------------------------
    def respond(self, messages: Sequence[Any], *, locale: str | None = None) -> TurnResult:
        """Answer the conversation's last user message; see :meth:`stream` for the steps."""
        result = None
        for event in self.stream(messages, locale=locale):
            if event.type == "done":
                result = event.result
        assert result is not None
        return result

    def stream(self, messages: Sequence[Any], *, locale: str | None = None) -> Iterator[TurnEvent]:
        """Run one turn, yielding its steps as they happen.

        Order: ``preface`` (emergency or urgent instruction, first, before any model call), then either
        ``followup`` or ``sources`` and ``delta`` events, then ``done`` with the :class:`TurnResult`.

        Raises:
            AssistantInputError: the conversation cannot be answered (see :func:`validate_conversation`).
        """
        conversation = validate_conversation(messages)
        user_turns = [m["content"] for m in conversation if m["role"] == "user"]
        language = detect_language(user_turns[-1])
        parsed = Locale.parse(locale or self.config.locale, language)
        where = Locale(language, parsed.region)
        locale_tag = f"{language}-{where.region}"
        level = self.triage_step(user_turns, language)
        warnings: list[str] = []
        preface = ""
        if level.level is TriageLevel.EMERGENCY:
            preface = emergency_instruction(level, where)
        elif level.level is TriageLevel.URGENT:
            preface = urgent_instruction(level, where)
        if preface:
            yield TurnEvent("preface", preface)
        base = TurnResult(
            kind="answer",
            triage=level,
            locale=locale_tag,
            preface=preface,
            limits=LIMITS[language],
            model=getattr(self.model, "name", None),
        )
        if level.is_emergency:
            base = replace(base, kind="emergency")

        intake = assess(user_turns, language)
        asked_before = sum(
            1
            for m in conversation
            if m["role"] == "assistant" and (FOLLOWUP_INTRO in m["content"] or FOLLOWUP_INTRO_ZH in m["content"])
        )
        if (
            not level.is_emergency
            and self.config.followup
            and intake.needs_followup
            and asked_before < self.config.followup_rounds
        ):
            result = replace(base, kind="followup", followup_questions=intake.questions, model=None)
            yield TurnEvent("followup", "\n".join(intake.questions))
            yield TurnEvent("done", result=result)
            return

        passages, retrieval, retrieval_warnings = self.retrieve_step(user_turns)
        warnings.extend(retrieval_warnings)
        yield TurnEvent("sources", passages=tuple(passages))
        if self.model is None or (level.is_emergency and not self.config.answer_emergencies):
            result = replace(base, passages=tuple(passages), retrieval=retrieval, warnings=tuple(warnings), model=None)
            yield TurnEvent("done", result=result)
            return

        latest = user_turns[-1]
        if len(latest) > self.config.max_model_chars:
            warnings.append(f"message cut to its first {self.config.max_model_chars} characters for the model")
            latest = latest[: self.config.max_model_chars]
        prompt = answer_messages(
            conversation[:-1], latest, [PromptPassage(p.n, p.name, p.source, p.text) for p in passages], language
        )
        remove = level.level >= TriageLevel.URGENT
        raw_parts: list[str] = []
        shown: list[str] = []
        for sentence in self._sentences(prompt):
            raw_parts.append(sentence)
            if remove and discourages_care(sentence):
                continue
            checked = check_answer(sentence, len(passages), remove_discouraging=False).text
            if checked:
                lead = sentence[: len(sentence) - len(sentence.lstrip())]
                piece = (lead if shown else "") + checked
                shown.append(piece)
                yield TurnEvent("delta", piece)
        if not "".join(shown).strip():
            fallback = _NO_ANSWER[language]
            shown.append(fallback)
            warnings.append("the model gave no usable answer; a plain statement was used instead")
            yield TurnEvent("delta", fallback)
        # The checks ran sentence by sentence while streaming; this pass reports what they changed.
        checked = check_answer("".join(raw_parts), len(passages), remove_discouraging=remove)
        checked = replace(checked, text="".join(shown).strip())
        if checked.removed_markers:
            warnings.append(f"removed citation markers that name no passage: {list(checked.removed_markers)}")
        if checked.removed_sentences:
            warnings.append(f"removed {len(checked.removed_sentences)} sentence(s) discouraging care")
        if passages and not re.search(r"\[\d{1,2}\]", checked.text):
            warnings.append("the model cited no passage by number; the passages it was given are listed")
        cited = {int(m) for m in re.findall(r"\[(\d{1,2})\]", checked.text)}
        citations = tuple(
            Citation(p.n, p.id, p.doc_id, p.name, p.source, p.n in cited) for p in passages if p.n in cited or not cited
        )
        aspects = uncovered_aspects(latest, [p.text for p in passages])
        note = uncovered_note(aspects, language, had_sources=bool(passages))
        result = replace(
            base,
            passages=tuple(passages),
            retrieval=retrieval,
            answer=checked.text,
            citations=citations,
            uncovered=tuple(aspects),
            note=note,
            warnings=tuple(warnings),
        )
        yield TurnEvent("done", result=result)

    def _sentences(self, prompt: list[dict[str, str]]) -> Iterator[str]:
        """The model's answer, streamed, cut into sentences so each can be checked before it is shown.

        Small models loop and echo their prompt: a sentence already said is dropped, a third repeat
        stops the generation, and sentences that copy the prompt's framing are dropped.
        """
        from medllm.models import GenerationConfig

        config = GenerationConfig(
            max_new_tokens=self.config.max_new_tokens, temperature=self.config.temperature, seed=self.config.seed
        )
        seen: set[str] = set()
        repeats = 0
        buffer = ""
        with closing(self.model.stream_chat(prompt, config)) as stream:
            for piece in stream:
                buffer += piece
                loop = _LOOP.search(buffer)
                if loop:  # "Skin rash, Skin rash, Skin rash, ..." never ends a sentence: keep one, stop
                    head = buffer[: loop.start() + len(loop.group(1))].rstrip(" ,;、，")
                    if head.strip() and not _ECHO.search(head):
                        yield head + "."
                    return
                while (match := _SENTENCE_END.search(buffer)) is not None:
                    sentence, buffer = buffer[: match.end()], buffer[match.end() :]
                    key = _sentence_key(sentence)
                    if key and key in seen:
                        repeats += 1
                        if repeats >= 3:
                            return
                        continue
                    seen.add(key)
                    if not _ECHO.search(sentence):
                        yield sentence
        if buffer.strip() and _sentence_key(buffer) not in seen and not _ECHO.search(buffer):
            yield buffer


def _sentence_key(sentence: str) -> str:
    return re.sub(r"\W+", "", sentence.lower())


# Lines a model copies from the prompt instead of answering.
_ECHO = re.compile(
    r'"""|^\s*(?:sources\b|patient\'s message|the patient\'s message|using the sources|answer this patient|'
    r"参考资料|患者的话|"
    r"请根据参考资料|请回答这位患者|\[\d+\] [^:：]{1,60}[:：])",
    re.IGNORECASE,
)
# A phrase of 4 to 60 characters said four times in a row.
_LOOP = re.compile(r"(.{4,60}?)(?:[\s,;、，]*\1){3,}", re.DOTALL)
