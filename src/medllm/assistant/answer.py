"""Turning a model's raw answer into a safe, cited one.

- Citations: ``[n]`` markers that name a passage are kept and mapped to it; markers that name no
  passage are removed and reported. When the model cited nothing, the passages it was given are
  still listed as sources, marked as not cited in the text.
- Safety: when triage found an urgent or emergency problem, sentences that discourage care ("no
  need to see a doctor", "this is not an emergency") are removed, whoever wrote them.
- Coverage: what the question asks about (dose, side effects, pregnancy, ...) that no passage
  mentions is named, so the answer says what its sources do not cover.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_MARKER = re.compile(r"\[(\d{1,2})\]")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*\s*|\n")

_DISCOURAGING = re.compile(
    r"\b(?:no need|not necessary|don'?t need|do not need|unnecessary|no reason|needn'?t)\b[^.!?]{0,15}\b(?:to )?"
    r"(?:call|go|see|visit|seek|get|ring|phone|contact|bother)\b|"
    r"\b(?:no need to|not need to|don'?t need to|do not need to|not necessary to|unnecessary to|shouldn'?t|should not|"
    r"don'?t|do not|no reason to|avoid|never)\b[^.!?]{0,40}\b(?:call|calling|go|going|see|seeing|visit|seek|get)\b"
    r"[^.!?]{0,30}"
    r"\b(?:911|999|112|000|120|emergency|ambulance|er|a&e|hospital|doctor|help|medical)\b|"
    r"\b(?:this|it|that)(?: is|'s) (?:not|no|n't)\b[^.!?]{0,12}\b(?:emergency|serious|urgent|dangerous)\b|"
    r"\b(?:this|it|that) isn'?t\b[^.!?]{0,12}\b(?:emergency|serious|urgent|dangerous)\b|"
    r"\b(?:nothing to worry about|no cause for concern|safe to wait|just wait|wait and see|sleep it off|"
    r"ignore (?:it|the)|"
    r"not (?:an )?emergency)\b|"
    r"(?:不用|不必|不需要|无需|没必要|别|不要)[^。！？]{0,6}(?:去|打|叫|看|上)[^。！？]{0,8}(?:医院|急诊|120|医生|救护车|就医)|"
    r"(?:不是急症|不是急诊|没什么大不了|不要紧|没关系|观察一下就好|等等再说|睡一觉就好)",
    re.IGNORECASE,
)

_ASPECTS = {
    "dose": (
        r"\b(?:dose|dosage|how much|how many|mg|milligrams?)\b|剂量|吃多少|用量|几片",
        r"\b(?:dose|dosage|\d+ ?mg)\b|剂量|毫克",
    ),
    "side effects": (r"\bside[- ]?effects?\b|不良反应|副作用", r"\bside[- ]?effects?\b|不良反应|副作用"),
    "pregnancy": (r"\b(?:pregnan\w*|breastfeed\w*)\b|孕|哺乳", r"\b(?:pregnan\w*|breastfeed\w*)\b|孕|哺乳"),
    "children": (
        r"\b(?:child|children|kid|kids|baby|babies|toddler|infant)\b|儿童|孩子|宝宝|婴儿",
        r"\b(?:child\w*|kids?|pediatric|paediatric|infant\w*)\b|儿童|小儿|婴儿",
    ),
    "recovery time": (
        r"\b(?:how long|recovery|prognosis|go away)\b|多久|能好|预后",
        r"\b(?:days|weeks|months|recover\w*|prognosis)\b|天|周|预后|恢复",
    ),
}
_LABELS_ZH = {
    "dose": "剂量",
    "side effects": "副作用",
    "pregnancy": "孕期",
    "children": "儿童",
    "recovery time": "恢复时间",
}


@dataclass(frozen=True)
class Citation:
    """A passage the answer rests on, with whether the answer's text cites it by number."""

    n: int
    id: str
    doc_id: str
    name: str
    source: str
    cited: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "id": self.id,
            "doc_id": self.doc_id,
            "name": self.name,
            "source": self.source,
            "cited": self.cited,
        }


@dataclass(frozen=True)
class CheckedAnswer:
    """The model's answer after the checks, and what the checks changed."""

    text: str
    cited: tuple[int, ...]
    removed_markers: tuple[int, ...]
    removed_sentences: tuple[str, ...]


def check_answer(raw: str, n_passages: int, *, remove_discouraging: bool) -> CheckedAnswer:
    """Keep valid ``[n]`` markers, drop the rest, and (when asked) drop sentences that discourage care."""
    removed_markers: list[int] = []

    def marker(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if 1 <= n <= n_passages:
            return match.group()
        removed_markers.append(n)
        return ""

    text = _MARKER.sub(marker, raw)
    removed: list[str] = []
    if remove_discouraging:
        kept = []
        for sentence in _SENTENCE.findall(text):
            if _DISCOURAGING.search(sentence):
                removed.append(sentence.strip())
            else:
                kept.append(sentence)
        text = "".join(kept)
    text = re.sub(r"[ \t]+\n", "\n", re.sub(r"[ \t]{2,}", " ", text)).strip()
    cited = tuple(sorted({int(m) for m in _MARKER.findall(text)}))
    return CheckedAnswer(text, cited, tuple(removed_markers), tuple(removed))


def discourages_care(sentence: str) -> bool:
    """Whether a sentence tells someone not to seek care (used to filter streamed sentences)."""
    return _DISCOURAGING.search(sentence) is not None


def uncovered_aspects(question: str, passages: Sequence[str]) -> list[str]:
    """What the question asks about that none of the passages mentions."""
    joined = "\n".join(passages).lower()
    asked = question.lower()
    return [name for name, (ask, cover) in _ASPECTS.items() if re.search(ask, asked) and not re.search(cover, joined)]


def uncovered_note(aspects: Sequence[str], language: str, *, had_sources: bool) -> str:
    """One sentence naming what the sources do not cover."""
    if language == "zh":
        if not had_sources:
            return "没有找到与这个问题相关的参考资料，以上内容仅供参考，请向医生或药师确认。"
        return (
            "参考资料没有涉及：" + "、".join(_LABELS_ZH[a] for a in aspects) + "；请向医生或药师确认。"
            if aspects
            else ""
        )
    if not had_sources:
        return (
            "No relevant sources were found for this question, so please check this answer with a doctor or pharmacist."
        )
    return (
        ("The sources found do not cover " + ", ".join(aspects) + "; ask a doctor or pharmacist about them.")
        if aspects
        else ""
    )


LIMITS = {
    "en": (
        "This is general information, not a diagnosis or treatment plan, and it cannot replace an examination. "
        "See a doctor if symptoms are severe, get worse, last more than a few days, or you are worried; in an "
        "emergency call your local emergency number."
    ),
    "zh": (
        "以上是一般性健康信息，不是诊断或治疗方案，不能代替面诊。"
        "如果症状严重、加重、持续数天不缓解或你感到担心，请及时就医；遇到急症请立即拨打当地急救电话。"
    ),
}
