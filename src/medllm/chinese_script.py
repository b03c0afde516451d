"""Traditional Chinese read as Simplified, one character for one, so that every Chinese rule reads both scripts.

Shared by de-identification (:mod:`medllm.deid`) and triage (:mod:`medllm.assistant.triage.text_zh`). The Chinese
recognizers, word lists and jieba's dictionary are written in Simplified characters. A record
from Taiwan or Hong Kong (病歷號碼, 電話, 身分證字號, 陳, 黃) would pass them by, so the reader runs them on a
*view* of the text in which each Traditional character is replaced by its Simplified form. The view has the
same length as the text, so every span found in it is a span of the original.

The table is OpenCC's (the ``opencc-python-reimplemented`` package ships its dictionaries; medllm reads them
as data): Taiwan and Hong Kong variant forms to standard Traditional (``TWVariantsRev``, ``HKVariantsRev``),
then standard Traditional to Simplified (``TSCharacters``). Only one-character-to-one-character entries are
used, of several Simplified candidates the first (OpenCC's default), and never for a character that Simplified
text uses itself (a key of ``STCharacters``: 么, 著); phrase tables are left out because a phrase may change
length. Reading a text character by character is all the recognizers need: they match labels, surnames and
place words, which this view makes Simplified.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["simplified_view"]

_VARIANTS = ("TWVariantsRev.txt", "HKVariantsRev.txt")
_TRADITIONAL = "TSCharacters.txt"
_SIMPLIFIED = "STCharacters.txt"


def _pairs(name: str) -> dict[str, str]:
    folder = resources.files("opencc") / "dictionary"
    out: dict[str, str] = {}
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and key != first:
            out[key] = first
    return out


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    traditional = _pairs(_TRADITIONAL)
    variants: dict[str, str] = {}
    for name in _VARIANTS:
        variants.update(_pairs(name))
    # A character that is also written in Simplified text is left as it is (么 is no Traditional 幺, 著 stays).
    simplified = set(_pairs(_SIMPLIFIED)) | set(traditional.values())
    table = {ord(k): v for k, v in traditional.items() if k not in simplified}
    for variant, standard in variants.items():
        if variant not in simplified:
            table[ord(variant)] = traditional.get(standard, standard)
    return table


def simplified_view(text: str) -> str:
    """``text`` with each Traditional character replaced by its Simplified form; same length, same offsets."""
    return text.translate(_table())
