"""A Chinese nickname with the full name in brackets after it: "小马（马俊杰）", "秦伯（秦国华，78岁）",
"王大爷（王有福）", "透析人老李（李建设）", "糖糖（陈语桐）", "杜老三（本名杜德才）".

Added after blind batch 14, where notes, handovers and family posts named a patient by a nickname and gave the
full name in brackets; the surname rules found one of the two or neither. Both are names when the nickname has one
of the forms people are called by (小/老/阿 + surname, surname + a kinship or respect word, a doubled character)
and the bracket opens with a surname and two to four characters (an optional 本名/真名/大名 before it), then closes
or goes on after a comma. Bracketed terms after other words ("（高血压）", "（白细胞）") are not read.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.entities import NAME
from medllm.deid.patterns import explained_result
from medllm.deid.wordlists.chinese import COMPOUND_SURNAMES, SINGLE_SURNAMES

_SURNAME = "".join(sorted(SINGLE_SURNAMES))
_COMPOUND = "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True))
_KIN = (
    r"伯|叔|婶|嬸|姨|爷|大爷|大爺|奶奶|阿姨|阿嬷|阿嬤|阿婆|婆婆|老师|老師|师傅|師傅|姐|哥|嫂|大姐|大哥|伯伯|叔叔|阿伯|"
    r"阿[一二三四五六七八九十]|老[一二三四五六七八九十大二三]"
)
_NICKNAME = re.compile(
    rf"(?:[小老阿][{_SURNAME}]|(?:{_COMPOUND}|[{_SURNAME}])(?:{_KIN})|(?P<double>\p{{Han}})(?P=double))$"
)
_FULL = re.compile(
    rf"[（(](?:本名|真名|大名|原名|全名|姓名)?[：:]?[ \t]*(?P<full>(?:{_COMPOUND}|[{_SURNAME}])\p{{Han}}{{1,3}}?)"
    r"(?=[，,、；;）)]|[ \t]|\d)"
)


# Doubled characters that are words, not nicknames ("哈哈", "刚刚", "天天"), and kinship words ("妈妈（李秀英）": the
# bracket is a name, "妈妈" is not).
_DOUBLED_WORDS = set("哈呵嘿嗯嘻好常刚渐慢天偏悄稍仅往谢多少大小人个年月日时次家处样")
_DOUBLED_KIN = set("妈爸哥姐弟妹爷奶宝婆公舅姨叔伯嫂")


class ChineseBracketNameRecognizer(LocalRecognizer):
    """A nickname and the full name in brackets after it (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[NAME], name="ChineseBracketNameRecognizer", supported_language="zh")
        self.priority = 3

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if "（" not in text and "(" not in text:
            return []
        found: list[tuple[int, int, str]] = []
        for m in _FULL.finditer(text):
            nickname = _NICKNAME.search(text, max(0, m.start() - 5), m.start())
            if nickname is None:
                continue
            double = nickname.group("double")
            if double in _DOUBLED_WORDS:
                continue
            if double not in _DOUBLED_KIN:
                found.append((nickname.start(), nickname.end(), "a nickname before a full name in brackets"))
            found.append((m.start("full"), m.end("full"), "a full name in brackets after a nickname"))
        return [explained_result(self, NAME, a, b, 0.8, why) for a, b, why in found]
