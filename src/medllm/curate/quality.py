"""Quality filters for dialogue SFT data: length, turn structure, answers that copy the question, repetition.

Each filter is one small class with its own settings and named drop reasons; the detail of a drop
says which turn failed and by how much. All are pure Python and need no model.

Text is measured in one of three units. ``chars`` counts characters. ``words`` counts runs of
letters and digits, and each CJK character as one word, since Chinese and Japanese do not separate
words with spaces (a Chinese word is 1-2 characters, so a CJK "word" count runs a little high).
``tokens`` approximates a subword tokenizer: one token per CJK character plus one per four other
characters.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from pydantic import Field, model_validator

from medllm.curate.step import Filter, StepSettings
from medllm.records import Conversation

_CJK_CLASS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK = re.compile(f"[{_CJK_CLASS}]")
# A CJK character alone, or a run of other letters and digits.
_TOKEN = re.compile(rf"[{_CJK_CLASS}]|[^\W_{_CJK_CLASS}]+")

Unit = Literal["chars", "words", "tokens"]


def tokens(text: str) -> list[str]:
    """Lower-cased words, with each CJK character a word of its own; punctuation is dropped."""
    return _TOKEN.findall(text.lower())


def measure(text: str, unit: Unit) -> int:
    """The length of ``text`` in ``unit`` (see the module docstring)."""
    if unit == "chars":
        return len(text)
    if unit == "words":
        return len(_TOKEN.findall(text))
    cjk = len(_CJK.findall(text))
    other = len(text) - cjk
    return cjk + (other + 3) // 4


def _where(record: Conversation, index: int) -> str:
    return f"{record.messages[index].role} turn {index}"


class LengthSettings(StepSettings):
    """Settings of :class:`LengthFilter`; a bound of ``None`` is not checked.

    Attributes:
        unit: ``chars``, ``words`` (CJK characters count one each) or ``tokens`` (approximate).
        min_user / max_user: bounds on every user turn.
        min_assistant / max_assistant: bounds on every assistant turn.
        min_total / max_total: bounds on the whole conversation, system prompt included.
    """

    unit: Unit = "words"
    min_user: int | None = Field(2, ge=0)
    max_user: int | None = Field(None, gt=0)
    min_assistant: int | None = Field(5, ge=0)
    max_assistant: int | None = Field(None, gt=0)
    min_total: int | None = Field(None, ge=0)
    max_total: int | None = Field(4000, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> LengthSettings:
        for low, high in (("min_user", "max_user"), ("min_assistant", "max_assistant"), ("min_total", "max_total")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low} ({lo}) is greater than {high} ({hi})")
        return self


class LengthFilter(Filter):
    """Drop records with a turn, or a total, outside the bounds: reasons ``too_short`` and ``too_long``."""

    name = "length"
    Settings = LengthSettings
    settings: LengthSettings

    def check(self, record: Conversation) -> tuple[str, str] | None:
        s = self.settings
        total = 0
        for i, message in enumerate(record.messages):
            size = measure(message.content, s.unit)
            total += size
            if message.role == "user":
                low, high = s.min_user, s.max_user
            elif message.role == "assistant":
                low, high = s.min_assistant, s.max_assistant
            else:
                continue
            if low is not None and size < low:
                return "too_short", f"{_where(record, i)}: {size} {s.unit} < {low}"
            if high is not None and size > high:
                return "too_long", f"{_where(record, i)}: {size} {s.unit} > {high}"
        if s.min_total is not None and total < s.min_total:
            return "too_short", f"total: {total} {s.unit} < {s.min_total}"
        if s.max_total is not None and total > s.max_total:
            return "too_long", f"total: {total} {s.unit} > {s.max_total}"
        return None


class TurnSettings(StepSettings):
    """Settings of :class:`TurnFilter`.

    Attributes:
        min_exchanges: the fewest user-then-assistant pairs.
        max_exchanges: the most (``None``: no limit); very long dialogues are often scraping errors.
        same_role_repeats: also drop a turn equal to the previous turn of the same role (a patient
            who sent the same message twice, a doctor who pasted the same answer), not only one
            equal to the turn just before it.
    """

    min_exchanges: int = Field(1, ge=0)
    max_exchanges: int | None = Field(50, gt=0)
    same_role_repeats: bool = True


def _normalised(text: str) -> str:
    return " ".join(tokens(text))


class TurnFilter(Filter):
    """Check the turn structure: ``no_user_turn``, ``empty_turn``, ``repeated_turn``, ``too_few_turns``,
    ``too_many_turns``.

    ``no_user_turn``: no user turn at all, or the assistant speaks first after the system prompt.

    A turn is empty when it holds no letter or digit ("...", "?"). Turns are compared on their
    lower-cased words, so punctuation and spacing differences do not hide a repeat.
    """

    name = "turns"
    Settings = TurnSettings
    settings: TurnSettings

    def check(self, record: Conversation) -> tuple[str, str] | None:
        s = self.settings
        problem = record.sft_problem()
        if problem is not None:
            return "no_user_turn", f"{problem[0]}: {problem[1]}"
        seen: dict[str, str] = {}  # role -> normalised text of its last turn
        previous: str | None = None
        exchanges = 0
        for i, message in enumerate(record.messages):
            text = _normalised(message.content)
            if not text:
                return "empty_turn", f"{_where(record, i)} has no letters or digits"
            if text == previous:
                return "repeated_turn", f"{_where(record, i)} repeats turn {i - 1}"
            if s.same_role_repeats and seen.get(message.role) == text:
                return "repeated_turn", f"{_where(record, i)} repeats the previous {message.role} turn"
            if message.role == "assistant" and i > 0 and record.messages[i - 1].role == "user":
                exchanges += 1
            seen[message.role] = text
            previous = text
        if exchanges < s.min_exchanges:
            return "too_few_turns", f"{exchanges} exchanges < {s.min_exchanges}"
        if s.max_exchanges is not None and exchanges > s.max_exchanges:
            return "too_many_turns", f"{exchanges} exchanges > {s.max_exchanges}"
        return None


class AnswerCopiesSettings(StepSettings):
    """Settings of :class:`AnswerCopiesQuestionFilter`.

    Attributes:
        n: the n-gram size, in words (CJK characters count one each).
        threshold: drop when at least this share of the answer's n-grams occur in the question.
        min_ngrams: answers with fewer n-grams are not judged (a length filter's job).
    """

    n: int = Field(3, ge=1, le=10)
    threshold: float = Field(0.8, gt=0, le=1)
    min_ngrams: int = Field(3, ge=1)


class AnswerCopiesQuestionFilter(Filter):
    """Drop a record with an assistant turn that mostly repeats the user turn before it.

    The score is the share of the answer's word n-grams (counted with repeats) found in the
    question: an answer that restates the question and then answers it scores low; an echo, or a
    question pasted into the answer field, scores near 1. Reason ``answer_copies_question``.
    """

    name = "answer_copies_question"
    Settings = AnswerCopiesSettings
    settings: AnswerCopiesSettings

    def check(self, record: Conversation) -> tuple[str, str] | None:
        s = self.settings
        messages = record.messages
        for i in range(1, len(messages)):
            if messages[i].role != "assistant" or messages[i - 1].role != "user":
                continue
            answer = tokens(messages[i].content)
            grams = [tuple(answer[j : j + s.n]) for j in range(len(answer) - s.n + 1)]
            if len(grams) < s.min_ngrams:
                continue
            question = tokens(messages[i - 1].content)
            asked = {tuple(question[j : j + s.n]) for j in range(len(question) - s.n + 1)}
            share = sum(gram in asked for gram in grams) / len(grams)
            if share >= s.threshold:
                return (
                    "answer_copies_question",
                    f"{_where(record, i)}: {share:.0%} of its {s.n}-grams are in turn {i - 1}",
                )
        return None


class RepetitionSettings(StepSettings):
    """Settings of :class:`RepetitionFilter`.

    Gopher's repetition rules (Rae et al. 2021) were set for web pages; on short consultation
    answers its top-n-gram rule fires on any answer that names its disease three times ("sickle cell
    anemia", or "恶心呕吐" counted in characters), so the defaults keep only the rules that catch
    loops and pasted-twice answers. Gopher's values are ``max_top_ngram_share: {2: 0.20, 3: 0.18,
    4: 0.16}`` and ``max_duplicate_ngram_share: {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11,
    10: 0.10}``.

    Attributes:
        roles: the roles whose turns are checked.
        min_words: turns shorter than this are not judged (short texts repeat by chance).
        max_duplicate_line_share: share of characters in lines (or sentences, for text without
            line breaks) that repeat an earlier one; needs at least three lines.
        max_top_ngram_share: n -> the largest share of characters the most frequent n-gram may cover.
        max_duplicate_ngram_share: n -> the largest share of characters in n-grams that repeat an
            earlier one (words, and CJK characters one each).
    """

    roles: list[Literal["user", "assistant", "system"]] = Field(default_factory=lambda: ["assistant"])
    min_words: int = Field(50, ge=1)
    max_duplicate_line_share: float = Field(0.3, gt=0, le=1)
    max_top_ngram_share: dict[int, float] = Field(default_factory=dict)
    max_duplicate_ngram_share: dict[int, float] = Field(default_factory=lambda: {10: 0.3})


_SENTENCE = re.compile(r"[^\n.!?。！？]+[.!?。！？]*")


class RepetitionFilter(Filter):
    """Drop degenerate turns that repeat lines, sentences or n-grams; reason ``repetitive``.

    Catches generation loops, answers pasted twice (6 of the 163 DISC-Med-SFT samples) and scraping
    errors ("For more information consult a neurologist online. All the best." eight times over).
    """

    name = "repetition"
    Settings = RepetitionSettings
    settings: RepetitionSettings

    def check(self, record: Conversation) -> tuple[str, str] | None:
        roles = set(self.settings.roles)
        for i, message in enumerate(record.messages):
            if message.role in roles:
                problem = self.problem(message.content)
                if problem:
                    return "repetitive", f"{_where(record, i)}: {problem}"
        return None

    def problem(self, text: str) -> str | None:
        """What is repetitive about ``text``, or ``None``."""
        s = self.settings
        words = tokens(text)
        if len(words) < s.min_words:
            return None
        units = [u.strip().lower() for u in (text.split("\n") if "\n" in text.strip() else _SENTENCE.findall(text))]
        units = [u for u in units if u]
        if len(units) >= 3:
            seen: set[str] = set()
            repeated = 0
            for unit in units:
                if unit in seen:
                    repeated += len(unit)
                seen.add(unit)
            share = repeated / sum(map(len, units))
            if share > s.max_duplicate_line_share:
                return f"repeated lines cover {share:.0%} of the text"
        total = sum(map(len, words))
        for n, limit in sorted(s.max_top_ngram_share.items()):
            grams = Counter(tuple(words[j : j + n]) for j in range(len(words) - n + 1))
            if not grams:
                continue
            gram, count = grams.most_common(1)[0]
            if count > 1:
                share = count * sum(map(len, gram)) / total
                if share > limit:
                    return f"the top {n}-gram {' '.join(gram)!r} covers {share:.0%} of the text"
        for n, limit in sorted(s.max_duplicate_ngram_share.items()):
            share = _duplicate_ngram_share(words, n, total)
            if share > limit:
                return f"repeated {n}-grams cover {share:.0%} of the text"
        return None


def _duplicate_ngram_share(words: list[str], n: int, total: int) -> float:
    """The share of characters in words that belong to a repeat of an earlier n-gram."""
    seen: set[tuple[str, ...]] = set()
    marked = [False] * len(words)
    for j in range(len(words) - n + 1):
        gram = tuple(words[j : j + n])
        if gram in seen:
            for k in range(j, j + n):
                marked[k] = True
        else:
            seen.add(gram)
    return sum(len(w) for w, m in zip(words, marked, strict=True) if m) / total if total else 0.0
