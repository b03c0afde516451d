"""Phone numbers in the layouts of other countries, trusted only next to a word about calling.

The formatted-number patterns of :mod:`medllm.deid.en.identifiers` know the North American layout
and numbers written with a ``+``. Numbers from the UK, Ireland, India, Australia, New Zealand and
continental Europe are grouped differently ("0171-5201763", "02.74.68.06.67", "(020) 9168-730",
"96 198448", "0699 164 39 35"), and a bare run of digit groups is as likely a quantity or a
reference. So a digit-group run counts here only when

- a phone word stands shortly before it ("Phone:", "call me on", "my registered ...", "talk to her
  at", "text"), or a line label follows it ("-Office", "(mobile)"); and
- Google's ``phonenumbers`` (the library Presidio's PhoneRecognizer uses) finds it a possible
  number (the right length) for at least one of the regions below; and
- it is not a date, a time or a decimal.
"""

from __future__ import annotations

import functools

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.en.identifiers import _phone_or_fax
from medllm.deid.entities import FAX, PHONE
from medllm.deid.patterns import explained_result

# English-speaking regions first (the brief of the evaluation), then the European layouts that
# patients abroad and generated contact blocks use.
REGIONS = ("US", "GB", "IE", "IN", "AU", "NZ", "CA", "DE", "FR", "IT", "ES", "NL", "BE", "DK", "SE", "NO", "FI",
           "PL", "AT", "CH", "PT", "BR", "ZA")  # fmt: skip

_CANDIDATE = re.compile(
    r"(?<![\w+./:-])(?:\+\d{1,3}[ \t.-]?)?(?:\(0\)[ \t]?)?\(?\d{1,12}\)?(?:[ \t.-]{1,2}\(?\d{1,8}\)?){0,5}"
    r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?(?![\w]|[.,/-]\d)"
)
_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:phone[sd]?|ph|tel|telephone|cell(?:phone)?|mobile|mob|landline|pager|fax|call(?:ed|ing)?|ring|"
    r"text|txt|sms|whatsapp|dial(?:l?ed)?|contact(?:ed)?|reach(?:ed)?|registered|number|no\.?|talk|speak|message|"
    r"voicemail|"
    r"helpline|hotline|office|home|work)\b)[^\n\d]{0,24}(?:\n[ \t]*)?$"
)
_LABEL_AFTER = re.compile(r"[ \t]*[-–(\[]?[ \t]*(?i:office|mobile|cell|fax|home|work|desk|landline|direct|phone|tel)\b")
# National layouts with a trunk 0 that nothing but a phone number has: UK "0113 496 0731", "07700 900944",
# Australian "(03) 7010 5562", "0491 570 156". Trusted without a phone word.
_NATIONAL = re.compile(
    r"\(0\d{1,4}\)[ \t]?\d{3,4}[ \t-]?\d{3,4}|0\d{2,4}[ \t]\d{3,4}[ \t]\d{3,4}|07\d{3}[ \t]?\d{6}|"
    r"04\d{2}[ \t]\d{3}[ \t]\d{3}"
)
_NOT_PHONE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[:.]\d{2}")


@functools.cache
def _phonenumbers():
    import phonenumbers

    return phonenumbers


def possible_number(value: str) -> bool:
    """True when ``phonenumbers`` reads ``value`` as a number of a possible length in one of :data:`REGIONS`."""
    lib = _phonenumbers()
    for region in REGIONS:
        try:
            if lib.is_possible_number(lib.parse(value, region)):
                return True
        except lib.NumberParseException:
            continue
    return False


class InternationalPhoneRecognizer(LocalRecognizer):
    """Digit-group phone numbers of many countries, next to a phone word (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[PHONE, FAX], name="InternationalPhoneRecognizer", supported_language="en")
        self.priority = 2

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for m in _CANDIDATE.finditer(text):
            start, end = m.span()
            value = m.group()
            digits = sum(c.isdigit() for c in value)
            if not 7 <= digits <= 15 or _NOT_PHONE.fullmatch(value.strip()):
                continue
            if re.fullmatch(r"\d+", value) and digits < 9:
                continue  # a lone short digit run is a code or a quantity more often than a number
            cued = (
                _CONTEXT_BEFORE.search(text, max(0, start - 48), start)
                or _LABEL_AFTER.match(text, end)
                or _NATIONAL.fullmatch(value.strip())
                or _NATIONAL.fullmatch(value.strip(" \t()"))
            )
            if not cued or not possible_number(value):
                continue
            results.append(
                explained_result(self, _phone_or_fax(text, start, end), start, end, 0.7, "phone word nearby")
            )
        return results
