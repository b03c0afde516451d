"""English names marked by their place in a message or their form, not by a title or a label.

- **the person addressed or signing**: a given name (US Census list) opening a message before a comma,
  a dash or "here" ("Jamal, your colonoscopy prep ...", "Faith - pharmacy here", "Isla here."), or closing
  it after a dash or before a kiss ("-Reed", "— Ines, pharmacist", "Priya x");
- **a spelled-out name** on a call ("D-E-S-M-O-N-D");
- **a nickname in quotes inside a name** (Wendell "Buck" Harrow);
- **a relative or a role named in lower case** ("DIL rose", "interpreter Ayla", "son Rusty");
- **a user name or handle** ("Username: spearfishgal", "handle: blueridge_bill"), which names a person too.
Given names that are also words ("Faith", "May", "Bill") are taken only in these frames.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.entities import NAME
from medllm.deid.patterns import explained_result
from medllm.deid.wordlists.english import english_lexicon
from medllm.deid.wordlists.names import first_names

_OPENING = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:[A-Za-z]+:[ \t]*)?(?:(?:hi|hey|dear|hello|morning|evening)[ \t]+)?(?P<name>[A-Z][a-z]+)"
    r"(?=[ \t]*(?:,[ \t]*(?:your|you|ur|u|pls|please|can|could|just|the|remember|reminder|don't|do|it's|its|this|we)\b|"
    r"[ \t]+[-–—][ \t]|[ \t]+here\b|[ \t]+hun\b))",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"(?:(?<=[\s.!?])[-–—]{1,2}[ \t]*(?P<dash>[A-Za-z][a-z]+)(?=[ \t]*(?:,[^\n]{0,30})?[ \t.!]*$)"
    r"|(?<=[\s.!?])(?P<kiss>[A-Z][a-z]+)[ \t]+x{1,3}[ \t.!]*$)",
    re.MULTILINE,
)
_SPELLED = re.compile(r"(?<![A-Za-z-])(?:[A-Z]-){3,}[A-Z](?![A-Za-z-])")
_QUOTED_NICKNAME = re.compile(r"\b[A-Z][a-z]+[ \t]+[\"“][A-Z][a-z]+[\"”][ \t]+[A-Z][A-Za-z'’-]+")
_RELATIVE = re.compile(
    r"\b(?:dil|sil|fil|mil|son|daughter|wife|husband|partner|mom|mum|dad|interpreter|nurse|np|rn|aide|carer|"
    r"caregiver|sister|brother)[ \t]+(?P<name>[a-z][a-z]+)\b(?=[ \t]*(?:[,.;:)(]|at\b|is\b|was\b|drove\b|called\b|"
    r"states\b|said\b|$))",
    re.IGNORECASE,
)
_HANDLE = re.compile(
    r"\b(?:user ?name|handle|screen ?name|login|gamertag)\b[^A-Za-z0-9\n]{0,4}(?:is[ \t]+|on the portal[ \t]*)?"
    r"[(:]?[ \t]*(?P<name>[A-Za-z][A-Za-z0-9._-]{2,}[A-Za-z0-9])",
    re.IGNORECASE,
)
# Added after blind batch 13: a forum or chat speaker's handle at the start of a line ("throwaway_mom_of3 wrote:",
# "Jen_L:", "MaxPower88:"): an underscore, or letters then two digits or more, before a colon or "wrote".
_SPEAKER_HANDLE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<name>(?=[A-Za-z0-9_]*[a-z])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|(?=[A-Za-z]*[a-z])"
    r"(?!(?i:day|week|month|year|room|bed|visit|cycle|dose|page|step|table|figure|item|test|sample|round|chair|unit|"
    r"ward|bay|level|grade|stage|phase|part|section|line|note)\d)[A-Za-z]{3,}\d{2,})"
    r"(?=[ \t]*(?::(?:[ \t]|$)|[ \t]+(?:wrote|said|replied|posted)\b))"
)
# A patient's or resident's name in lower case right after the label ("pt: guadalupe ramirez-ochoa", "res. agnes
# o'toole", "name: bea okonkwo"): the first word a census given name that is not an English word, or a capitalised
# given name followed by a capitalised surname that is not one ("Pt Dale Whitehorse").
_LABELLED = re.compile(
    r"\b(?:pt|patient|name|res|resident|client)\b\.?[ \t]*:?[ \t]+(?P<first>[A-Za-z][a-z'-]+)"
    r"(?:[ \t]+(?P<last>[A-Za-z][a-z'-]+(?:-[A-Za-z][a-z'-]+)?))?",
    re.IGNORECASE,
)
# Added after blind batch 14: a name given in quotes after "goes by", "gave name" ("goes by 'Sky'", "Pt gave name
# 'Shadow'"), a family signing ("- the Nwachukwu family") and a relative's name in brackets ("Mum (Sian) is
# confident", "My mum (Dolores, 93) has Alzheimer's").
# ("also known as 'Tommy John surgery'" names a procedure: "known as" and "aka" are left out.)
_KNOWN_AS = re.compile(
    r"\b(?:goes by|going by|went by|calls (?:himself|herself|themselves)|gave (?:his |her |their )?name(?: as)?|"
    r"nicknamed?)[ \t]*:?[ \t]*['\"“‘](?P<name>[A-Za-z][A-Za-z'’-]{1,20}(?:[ \t]+[A-Z][A-Za-z'’-]{1,20})?)['\"”’]",
    re.IGNORECASE,
)
_FAMILY = re.compile(
    r"\b[Tt]he[ \t]+(?P<name>\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?)[ \t]+(?:family|families|household)\b"
)
_RELATIVE_BRACKET = re.compile(
    r"\b(?i:mum|mom|dad|wife|husband|son|daughter|partner|mother|father|sister|brother|nan|nana|gran|granny|grandma|"
    r"grandpa|grandad|granddad|auntie|aunt|uncle|niece|nephew|carer|friend|baby)[ \t]*\([ \t]*"
    r"(?P<name>\p{Lu}[\p{Ll}'’-]+)(?:[ \t]*,[ \t]*\d{1,3})?[ \t]*\)"
)
_RELATIVE_WORDS = (
    "dil",
    "sil",
    "fil",
    "mil",
    "son",
    "daughter",
    "wife",
    "husband",
    "partner",
    "mom",
    "mum",
    "dad",
    "interpreter",
    "nurse",
    "np ",
    "rn ",
    "aide",
    "carer",
    "caregiver",
    "sister",
    "brother",
)
# Closing words that are not names ("-thanks", "— regards").
_NOT_SIGNATURES = frozenset(("thanks", "thank", "regards", "cheers", "best", "sent", "thx", "ty", "love", "xoxo"))


class EnglishMarkedNameRecognizer(LocalRecognizer):
    """English names found by frames (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[NAME], name="EnglishMarkedNameRecognizer", supported_language="en")
        self.priority = 3

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        given = first_names()
        found: dict[tuple[int, int], tuple[float, str]] = {}

        def add(span: tuple[int, int], score: float, why: str) -> None:
            if found.get(span, (0.0, ""))[0] < score:
                found[span] = (score, why)

        # Cheap checks first: each frame needs a character or word that most turns lack (speed).
        for m in _OPENING.finditer(text):
            if m.group("name").lower() in given:
                add(m.span("name"), 0.8, "the person addressed")
        if "-" in text or "–" in text or "—" in text or " x" in text:
            for m in _CLOSING.finditer(text):
                group = "dash" if m.group("dash") else "kiss"
                word = m.group(group)
                if word.lower() in given and word.lower() not in _NOT_SIGNATURES:
                    add(m.span(group), 0.8, "the signature")
            for m in _SPELLED.finditer(text):
                add(m.span(), 0.85, "a spelled-out name")
        if '"' in text or "“" in text:
            for m in _QUOTED_NICKNAME.finditer(text):
                add(m.span(), 0.85, "a nickname inside a name")
        lowered = text.lower()
        if any(w in lowered for w in _RELATIVE_WORDS):
            for m in _RELATIVE.finditer(text):
                if m.group("name").lower() in given:
                    add(m.span("name"), 0.75, "a relative or carer named in lower case")
        if any(w in lowered for w in ("name", "handle", "login", "gamertag")):
            for m in _HANDLE.finditer(text):
                add(m.span("name"), 0.85, "a user name")
        if "_" in text or ":" in text:
            for m in _SPEAKER_HANDLE.finditer(text):
                add(m.span("name"), 0.8, "a speaker's handle")
        if any(w in lowered for w in ("pt", "patient", "name", "res", "client")):
            words = english_lexicon()
            for m in _LABELLED.finditer(text):
                first, last = m.group("first"), m.group("last")
                if first.lower() not in given:
                    continue
                is_word = first.lower() in words.english or first.lower() in words.nouns
                last_is_name = (
                    last is not None and last.lower() not in words.english and last.lower() not in words.nouns
                )
                if not is_word:
                    add((m.start("first"), m.end("last") if last_is_name else m.end("first")), 0.75, "a labelled name")
                elif first[0].isupper() and last is not None and last[0].isupper() and last_is_name:
                    add((m.start("first"), m.end("last")), 0.75, "a labelled name")
        if "'" in text or '"' in text or "‘" in text or "“" in text:
            for m in _KNOWN_AS.finditer(text):
                add(m.span("name"), 0.8, "a name given in quotes")
        if "amil" in text or "ousehold" in text:
            lex = english_lexicon()
            for m in _FAMILY.finditer(text):
                word = m.group("name")
                if not lex.is_english(word.lower()) and not lex.not_a_name(word):
                    add(m.span("name"), 0.7, "a family named")
        if "(" in text:
            lex = english_lexicon()
            for m in _RELATIVE_BRACKET.finditer(text):
                word = m.group("name")
                if word.lower() in given or not lex.is_english(word.lower()):
                    add(m.span("name"), 0.75, "a relative's name in brackets")
        return [explained_result(self, NAME, a, b, score, why) for (a, b), (score, why) in sorted(found.items())]
