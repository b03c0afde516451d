"""Which language a message is in, for the two medllm speaks to patients: English and Chinese."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """``zh`` when a message is mostly Chinese, else ``en``.

    Counts Han characters against Latin letters; a Han character carries about as much as a
    three-letter English word, so mixed messages such as "我现在 chest pain 很厉害" read as Chinese.
    """
    han = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return "zh" if han and han * 3 >= latin * 0.5 else "en"


def has_han(text: str) -> bool:
    """Whether the text holds any Han character."""
    return _CJK.search(text) is not None
