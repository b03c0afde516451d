"""English names in lists and as speakers ("They had 6: David, Kristina and Alison.", "Keya: You saved my life!").

Each name of a list may have no cue of its own, but the list is evidence as a whole: when most
of three or more capitalised items joined by commas and a final "and"/"or" are census given names
or surnames
(:mod:`medllm.deid.wordlists.names`) and none is an English, medical or place word, every item is a
name. A speaker label is a line opening with one capitalised word, a colon and speech; it is a name
when the word is a census given name or a word no English dictionary knows, and not a medical word
("Plan:", "Medications:" and other headings are English words).
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.entities import NAME
from medllm.deid.patterns import explained_result
from medllm.deid.wordlists import medical
from medllm.deid.wordlists.common import tokens
from medllm.deid.wordlists.english import english_lexicon
from medllm.deid.wordlists.names import first_names, surnames
from medllm.deid.wordlists.places import is_large_place

_ITEM = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*"
_LIST = re.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{_ITEM},[ \t]+){{1,}}{_ITEM},?[ \t]+(?:and|or|&)[ \t]+{_ITEM}(?![\p{{L}}\p{{M}}])"
)
# Field labels of forms and notes that census lists also hold as surnames ("Location:", "Ref:", "Bed:").
_FIELD_LABELS = frozenset(
    tokens(
        """location ref re date time dob mrn phone fax tel email name address subject from to cc attn dx hx rx tx sx
    plan note notes reason allergies meds insurer policy member provider facility clinic pharmacy diagnosis
    procedure specimen indication findings impression history result results comment comments status room bed
    unit ward site source service case caller agent member tech pt patient nurse rn md np pa doctor staff proband
    donor claimant dependents dependent precautions counselor counsellor rep student sonographer adjuster clinician
    addr forum portal policyholder subscriber guarantor insured interpreter operator dispatcher technician
    therapist pharmacist resident attending client recipient sender author reviewer witness requester"""
    )
)
_ROLE_ENDINGS = ("er", "or", "ant", "ent", "ist", "ian", "ee", "ion")
# "Winthrop, Cecily A.", "GUTIERREZ, ANA L", "JOHNSON, DeShawn", "on Fletcher, Jon,": a surname, a comma and a census
# given name (with an initial), the way records and operative notes write a patient (blind batch 14).
_CAPITALISED = r"\p{Lu}(?:\p{Ll}+|\p{Lu}+)?(?:\p{Lu}\p{Ll}+)?(?:['’-]\p{Lu}[\p{L}]+)?"
_INVERTED = re.compile(
    rf"(?<![\p{{L}}\p{{M}},])({_CAPITALISED}),[ \t]+({_CAPITALISED})((?:[ \t]+\p{{Lu}}\.?)?)(?![\p{{L}}\p{{M}}])"
)
_SPEAKER = re.compile(rf"(?m)^[ \t]*({_ITEM})[ \t]*:[ \t]*(?=\S)(?![\d/])")


class NameListRecognizer(LocalRecognizer):
    """Names in comma lists and speaker labels (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[NAME], name="NameListRecognizer", supported_language="en")
        self.priority = 2

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        found: list[tuple[int, int, str]] = []
        if ", " in text:
            for m in _LIST.finditer(text):
                items = list(re.finditer(_ITEM, m.group()))
                words = [i.group() for i in items if i.group() not in ("and", "or")]
                listed = sum(w.lower() in first_names() or w.lower() in surnames() for w in words)
                if all(_plain_name(w) for w in words) and 2 * listed > len(words):
                    found += [(m.start() + i.start(), m.start() + i.end(), "an item of a list of names") for i in items]
        if ", " in text:
            for m in _INVERTED.finditer(text):
                family, given = m.group(1), m.group(2)
                if _inverted_name(family, given):
                    found.append((m.start(), m.end(), "surname, given name"))
        if ":" in text:
            for m in _SPEAKER.finditer(text):
                word = m.group(1)
                known = word.lower() in first_names() or not english_lexicon().is_english(word.lower())
                low = word.lower()
                singular = low[:-1] if low.endswith("s") else low
                role_noun = (
                    low not in first_names()
                    and singular.endswith(_ROLE_ENDINGS)
                    and (low in english_lexicon().nouns or singular in english_lexicon().nouns)
                )  # "Counselor:", "Donor:", "Dependents:": a role or a heading, not a speaker's name ("Brogan:" is)
                if (
                    known
                    and not role_noun
                    and low not in _FIELD_LABELS
                    and _plain_name(word)
                    and not english_lexicon().not_a_name(word)
                ):
                    found.append((m.start(1), m.end(1), "a speaker label"))
        return [explained_result(self, NAME, a, b, 0.5, why) for a, b, why in found]


def _inverted_name(family: str, given: str) -> bool:
    """A census given name after a surname and a comma, neither an English word used as one ("Thanks, Grace")."""
    lex = english_lexicon()
    g, f = given.lower(), family.lower()
    if len(g) < 2 or len(f) < 2 or g not in first_names() or f in _FIELD_LABELS:
        return False
    # "AAP, AMI and DOX" are drug acronyms: a surname in capitals must be a census surname of four letters or more.
    if family.isupper() and (len(family) < 4 or f not in surnames()):
        return False
    if not (f in surnames() or not lex.is_english(f)) or lex.not_a_name(family.capitalize()):
        return False
    if lex.is_english(f) and lex.is_english(g):  # "Rose, Grace" may be flowers and a prayer; "Jordan, Ashley" too
        return f in surnames() and g in first_names() and not lex.not_a_name(given.capitalize())
    return _plain_name(family) and _plain_name(given)


def _plain_name(word: str) -> bool:
    """Not a medical word, a place, or an English word that is no name."""
    low = word.lower()
    if medical.is_medical_word(low) or medical.is_drug_like(low) or is_large_place(word):
        return False
    return not english_lexicon().is_english(low) or low in first_names() or low in surnames()
