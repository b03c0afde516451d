"""Chinese names with no cue word: found by where they stand in the sentence.

:class:`~medllm.deid.zh.names.ChineseNameRecognizer` needs a label, a relation, an honorific or
jieba's name tag. People also write "冬梅今天又咳嗽了" (a given name alone), "凯凯今天……" (a doubled
nickname), "和田勇约好……" (jieba reads 和田 as the place Hetian) and "这是欧亮的报告". Two frames:

- **a clause opening**: at the start of the text or after punctuation, a given name (two characters
  jieba tags ``nr``, a doubled character, or two characters common in given names) or a surname
  with one or two given-name characters, followed by what follows a name (a time word, a verb of
  telling or being ill, 出生, an honorific);
- **a person frame**: 和/跟/与/同/给/听/陪/找/问/带/让/告诉/这是/那是 + surname + one or two
  given-name characters + 说/约/一起/讲/的/打电话/聊/商量/联系/见面.

A span that is a dictionary word other than a name ("常常", "家人") is never taken, and the drug
guard of :mod:`medllm.deid.zh.names` applies to every span.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.entities import NAME
from medllm.deid.patterns import explained_result
from medllm.deid.wordlists.chinese import GIVEN_NAME_CHARS, HONORIFICS_AFTER, NOT_NAMES, SURNAMES_COMMON_AS_WORDS
from medllm.deid.zh.names import _AFTER_NAME, drug_word_around, surname_at
from medllm.deid.zh.names import plausible_given as _given_ok
from medllm.deid.zh.nlp import ChineseArtifacts, dictionary_flag

_NAME_FLAGS = (None, "nr", "nrfg", "nrt")
_OPENING = "，。！？；：、,.!?;:\n　 \t"
_AFTER = re.compile(r"(?:出生|生于|" + "|".join(re.escape(h) for h in HONORIFICS_AFTER) + r")|" + _AFTER_NAME.pattern)
_FRAME_BEFORE = re.compile(r"(?:和|跟|与|同|给|听|陪|找|问|带|让|告诉|这是|那是|就是|替|帮)")
_FRAME_AFTER = re.compile(r"(?:说|约|一起|讲|的|打电话|打了电话|聊|商量|联系|见面|发消息|发微信)")


class ChineseContextNameRecognizer(LocalRecognizer):
    """Chinese names at a clause opening or inside a person frame (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[NAME], name="ChineseContextNameRecognizer", supported_language="zh")
        self.priority = 2

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseArtifacts):
            return []
        tags = {w.start: w for w in nlp_artifacts.words}
        found: dict[tuple[int, int], str] = {}
        for p in range(len(text)):
            if p == 0 or text[p - 1] in _OPENING:
                span = _opening_name(text, p, tags)
                if span:
                    found.setdefault(span, "a name opening a clause")
            m = _FRAME_BEFORE.match(text, p)
            if m and (p == 0 or not _is_han(text[p - 1]) or text[p - 1] in "我你他她们就还也都"):
                span = _surname_name(text, m.end(), _FRAME_AFTER)
                if span:
                    found.setdefault(span, f"after {m.group()}, before what a person does")
        # "谢谢王医生": thanks, then the name; 谢 here is no surname.
        thanked = {
            ((a + 2, b) if text.startswith(("谢谢", "多谢"), a) else (a, b)): why for (a, b), why in found.items()
        }
        return [
            explained_result(self, NAME, a, b, 0.6, why)
            for (a, b), why in sorted(thanked.items())
            if a < b and text[a:b] not in NOT_NAMES and not drug_word_around(text, a, b)
        ]


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def _opening_name(text: str, p: int, tags: dict) -> tuple[int, int] | None:
    span = _surname_name(text, p, _AFTER, known=False)
    if span:
        return span
    given = text[p : p + 2]
    if len(given) < 2 or not _given_ok(given) or not _AFTER.match(text, p + 2):
        return None
    word = tags.get(p)
    # jieba's HMM tag on a word its dictionary lacks (冬梅); its dictionary's own nr entries include
    # ordinary words ("子宫"), so those do not count.
    tagged = word is not None and word.text == given and word.flag in ("nr", "nrfg") and dictionary_flag(given) is None
    # Doubled nicknames (凯凯, 平平, 玲玲): jieba's dictionary may call them adjectives or idioms, but
    # kinship words (妈妈, 宝宝: nouns) and adverbs (常常, 刚刚) are excluded by their class.
    doubled = given[0] == given[1] and dictionary_flag(given) in (*_NAME_FLAGS, "nz", "a", "i")
    common = all(c in GIVEN_NAME_CHARS for c in given) and dictionary_flag(given) in (*_NAME_FLAGS, "n")
    return (p, p + 2) if tagged or doubled or common else None


def _surname_name(text: str, p: int, after: re.Pattern, known: bool = True) -> tuple[int, int] | None:
    """Surname at ``p``, then two or one given-name characters, then a match of ``after``.

    With ``known`` false the span must be no dictionary word at all: at a clause opening jieba's
    dictionary tags ordinary words as names ("子宫" nr), so only the frame of a person's action
    ("和……说") is trusted with those."""
    n = surname_at(text, p) if p < len(text) else 0
    if n == 0 or (not known and text[p] in SURNAMES_COMMON_AS_WORDS):
        return None  # "有明显", "通常会", "都需": an opening word, not a surname
    for size in (2, 1):
        end = p + n + size
        if end > len(text) or not _given_ok(text[p + n : end]):
            continue
        if dictionary_flag(text[p:end]) not in (_NAME_FLAGS if known else (None,)):
            continue  # a dictionary word that starts with a surname character ("方法", "高血压")
        if size == 2 and dictionary_flag(text[p + n : end]) not in (*_NAME_FLAGS, "n", "ng", "nz", "a"):
            continue  # a verb or adverb after the surname ("王说明"), not a given name
        if after.match(text, end):
            return p, end
    return None
