"""Which recognizers read which part of a text: routing by language, span by span.

A record carries a language (``record.language``, set by the ``detect_language`` step) or none.
Within a text, Han characters and the digits, Latin letters and punctuation standing between them
form Chinese segments; the rest forms segments of the record's language (English when the record
is Chinese or untagged). A Latin-script stretch of four words or more inside Chinese text ("患者说 I
have had a cough since Monday") is a segment of its own; shorter ones (a drug name, a unit, an
e-mail address) stay inside the Chinese segment, whose recognizers handle numbers, e-mails and
URLs as well. A text without Han characters and without a tag is detected as a whole (the script
rule, then py3langid); Japanese and Korean records are never read as Chinese.

Languages with recognizers: :data:`SUPPORTED`. Any other language's segments get only the
language-neutral recognizers, and the text reports the language as unsupported; nothing is
passed through as if it had been de-identified.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex as re

SUPPORTED: tuple[str, ...] = ("en", "zh")
MIN_LETTERS_TO_DETECT = 50

# A Chinese stretch: Han characters, with anything but a long Latin run between them.
_HAN = r"[\p{Han}\u3000-\u303f\uff00-\uffef]"
_CHINESE = re.compile(rf"{_HAN}(?:[^\p{{Han}}\n]{{0,40}}?{_HAN})*")
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:.!?()\"]+[A-Za-z][A-Za-z'’-]*){3,}")
_ANY_HAN = re.compile(r"\p{Han}")
_LETTER = re.compile(r"\p{L}")


class Segment(NamedTuple):
    """A stretch of text and the language whose recognizers read it."""

    start: int
    end: int
    language: str


_TAG_SEP = re.compile(r"[-_]")


def base_language(tag: str | None) -> str | None:
    """``zh`` for ``zh-Hans``/``zh_CN``, ``en`` for ``en-US``; None for no tag or ``und``."""
    if not tag:
        return None
    base = _TAG_SEP.split(tag.strip().lower())[0]
    return None if base in ("", "und", "unknown", "mul") else base


def detect(text: str, default: str = "en") -> str:
    """The language of a text without a tag: the script rule, then py3langid.

    Short texts (under :data:`MIN_LETTERS_TO_DETECT` letters) and texts py3langid is unsure of
    (probability under 0.5) get ``default``: py3langid cannot tell "Thanks, see you Monday" from
    other languages, and a wrong guess would leave the text to the language-neutral recognizers.
    """
    from medllm.curate.language import script_language

    by_script = script_language(text)
    if by_script:
        return by_script
    if len(_LETTER.findall(text)) < MIN_LETTERS_TO_DETECT:
        return default
    code, confidence = _detector().detect(text)
    return code if confidence >= 0.5 else default


@functools.cache
def _detector():
    from medllm.curate.language import LanguageDetector

    return LanguageDetector()


def route(text: str, language: str | None = None, default: str = "en") -> list[Segment]:
    """The segments of ``text``, each with the language whose recognizers should read it.

    Args:
        text: the text.
        language: the record's language tag, or None to detect it.
        default: the language of an untagged text too short or too unclear to detect.
    """
    if not text:
        return []
    tag = base_language(language)
    if not _ANY_HAN.search(text):
        # No Chinese at all: one segment in the record's language (the fast path for most data).
        return [Segment(0, len(text), tag or detect(text, default))]
    if tag in ("ja", "ko"):
        return [Segment(0, len(text), tag)]  # Han characters in Japanese or Korean text are not Chinese
    # Latin-script stretches of a Chinese record are read as English unless the record says otherwise.
    latin_language = tag if tag not in (None, "zh") else "en"
    pieces: list[tuple[int, int, str | None]] = []
    cursor = 0
    for m in _CHINESE.finditer(text):
        a, b = m.span()
        if cursor < a:
            pieces.append((cursor, a, None))
        position = a
        for latin in _LATIN_WORDS.finditer(text, a, b):
            if latin.start() > position:
                pieces.append((position, latin.start(), "zh"))
            pieces.append((latin.start(), latin.end(), latin_language))
            position = latin.end()
        if position < b:
            pieces.append((position, b, "zh"))
        cursor = b
    if cursor < len(text):
        pieces.append((cursor, len(text), None))
    out: list[Segment] = []
    for a, b, language_of in pieces:
        if language_of is None:
            # Text outside the Chinese stretches: in a record of another language, that language; in a
            # Chinese or untagged record, English only for a run of four words or more, else it goes
            # with the Chinese text around it ("医保卡号：E42184315", "邮箱nana@qq.com").
            if tag not in (None, "zh") and _LETTER.search(text, a, b):
                language_of = tag
            elif _LATIN_WORDS.search(text, a, b):
                language_of = latin_language
            else:
                language_of = "zh"
        if out and out[-1].language == language_of and out[-1].end == a:
            out[-1] = Segment(out[-1].start, b, language_of)
        else:
            out.append(Segment(a, b, language_of))
    return out
