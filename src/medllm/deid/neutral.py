"""Recognizers that do not depend on the language around them: e-mail, URL, IP and MAC addresses.

They run in every language's analyzer, and alone on the parts of a text written in a language
that has no recognizers of its own (which are then reported, never passed as de-identified).
Character classes are ASCII where the identifier is ASCII, so an address written straight after
Chinese text ("邮箱abc@qq.com，谢谢") is cut at the Chinese characters, not swallowed with them.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import EMAIL, URL
from medllm.deid.patterns import ClinicalPatternRecognizer

_TLDS = (
    r"com|org|net|edu|gov|mil|int|io|info|biz|health|care|clinic|hospital|app|co|us|uk|ca|au|nz|in|de|"
    r"fr|es|it|nl|eu|me|ly|tv|ai|md|ie|ch|se|no|jp|cn|br|mx|za|ng|ke|ph|sg|pk|hk|tw"
)
# Characters a URL may hold: not space, quotes, brackets, CJK characters or CJK/full-width punctuation.
_URL_CHAR = r"[^\s<>\"'\[\]\p{Han}\u3000-\u303f\uff00-\uffef]"


def _trim_url(text: str, start: int, end: int) -> tuple[int, int] | None:
    while end > start and text[end - 1] in ".,;:!?'\")]}>":
        end -= 1
    return (start, end) if end - start >= 4 else None


def recognizers(language: str) -> list[EntityRecognizer]:
    """E-mail, URL, IP and MAC recognizers for the analyzer of ``language``."""
    from presidio_analyzer.predefined_recognizers import IpRecognizer, MacAddressRecognizer

    email = ClinicalPatternRecognizer(
        EMAIL,
        [
            Pattern(
                "email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![A-Za-z])", 1.0
            )
        ],
        "EmailRecognizer",
        priority=3,
        quick="@",
        language=language,
    )
    url = ClinicalPatternRecognizer(
        URL,
        [
            Pattern("scheme URL", rf"(?i:(?<![A-Za-z])(?:https?|s?ftp)://){_URL_CHAR}+", 0.9),
            Pattern("www URL", rf"(?i:(?<![A-Za-z0-9.])www\d{{0,3}}\.){_URL_CHAR}+", 0.9),
            Pattern(
                "bare domain",
                rf"(?<![@A-Za-z0-9.-])(?:[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*\.)+(?:{_TLDS})(?::\d+)?"
                rf"(?:/{_URL_CHAR}*)?(?![A-Za-z0-9@-])",
                0.6,
            ),
        ],
        "UrlRecognizer",
        priority=2,
        adjust=_trim_url,
        quick=rf"://|(?i:www)|\.(?:{_TLDS})(?![A-Za-z])",
        language=language,
    )
    ip = IpRecognizer(supported_language=language)
    mac = MacAddressRecognizer(supported_language=language)
    for recognizer in (ip, mac):
        recognizer.priority = 1
    return [email, url, ip, mac]
