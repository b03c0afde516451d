"""English name recognizers (Safe Harbor A).

Titles ("Dr. Okafor"), labels ("Patient: Okafor, Chidi"), relatives ("my daughter Aisha"),
introductions and sign-offs ("my name is ...", "Thanks, ..."), credentials ("..., MD"), two or three
capitalised words that are not English or medical words, and a name opening a sentence before a
narrative verb. spaCy's PERSON entities are added by :class:`~medllm.deid.en.ner.ClinicalSpacyRecognizer`.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.en.context import (
    TITLE_ABBR,
    WORD,
    drug_context,
    medical_context,
    medical_use,
    term_elsewhere,
    title_before,
    trim_name,
)
from medllm.deid.en.terms import looks_like_name
from medllm.deid.entities import NAME
from medllm.deid.patterns import ClinicalPatternRecognizer
from medllm.deid.wordlists import medical
from medllm.deid.wordlists.english import english_lexicon

_NAME_TOKEN = (
    r"(?:(?:al|el)-)?\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:(?:['’](?!s\b)|-)(?:\p{Lu}?[\p{Ll}\p{M}]+|(?<=\p{Lu}-)\p{Lu}{2,}))*"
)
_INITIAL = r"\p{Lu}\."
_PARTICLE = r"(?:de|da|das|do|dos|del|della|der|den|di|du|van|von|ter|ten|la|le|bin|binti|bint|ibn|ben|abu|al|el)"
_FULL_NAME = (
    rf"(?:{_INITIAL}[ \t]*)?{_NAME_TOKEN}"
    rf"(?:[ \t]+(?:{_INITIAL}[ \t]+)?(?:{_PARTICLE}[ \t]+)*{_NAME_TOKEN}){{0,3}}"
)
_LAST_FIRST = rf"{_NAME_TOKEN},[ \t]*{_NAME_TOKEN}(?:[ \t]+(?:{_INITIAL}|{_NAME_TOKEN}))?"
_TITLE_ABBR = TITLE_ABBR
# Words that open what follows a cue and are never a name ("Doctor, I have ...", "Thanks, We will ..."): ruling
# them out in the pattern saves the name checks that would reject them (thousands of "Doctor, I" in ChatDoctor).
_NOT_A_NAME_START = (
    r"(?:I|I['’](?:m|ve|d|ll)|We|You|He|She|They|It|My|Our|Your|His|Her|Their|This|That|The|A|An|Please|Thanks|"
    r"Thank|Hi|Hello|Dear|Sir|Madam|Yes|No|Ok|Okay|What|How|Why|When|Can|Could|Is|Are|Do|Does|Will|Would)\b"
)


_LINE_END_AFTER = re.compile(r"[ \t]*(?::|\n|$)")


def _name_recognizers() -> list[EntityRecognizer]:
    relatives = (
        r"wife|husband|son|daughter|mother|father|mom|mum|dad|brother|sister|friend|partner|boyfriend|"
        r"girlfriend|fianc[eé]e?|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|granny|"
        r"aunt|uncle|cousin|nephew|niece|neighbou?r|caregiver|carer|baby|child|kid|twin|roommate|"
        r"colleague|co-?worker|boss|stepson|stepdaughter|stepmother|stepfather|sibling|spouse|doctor|gp|"
        r"pcp|physician|nurse|therapist|dentist|surgeon|oncologist|cardiologist|pediatrician|"
        r"psychiatrist|neurologist|midwife|pharmacist|counsellor|counselor|case[ \t]+manager|social[ \t]+worker"
    )
    labels = (
        r"patient(?:'s)?(?:[ \t]+(?:full[ \t]+)?name)?|pt(?:[ \t]+name)?|name|full[ \t]+name|legal[ \t]+name|"
        r"preferred[ \t]+name|guarantor|subscriber|insured|policy[ \t]*holder|emergency[ \t]+contact|"
        r"contact(?:[ \t]+person)?|next[ \t]+of[ \t]+kin|nok|spouse|wife|husband|partner|mother|father|"
        r"parent|guardian|caregiver|son|daughter|brother|sister|attending(?:[ \t]+(?:physician|md))?|"
        r"physician|provider|pcp|primary[ \t]+care(?:[ \t]+(?:physician|provider|doctor))?|"
        r"referring(?:[ \t]+(?:physician|provider|doctor|md))?|surgeon|resident|fellow|intern|nurse|rn|np|"
        r"therapist|pharmacist|midwife|dentist|signed|e-?signed|electronically[ \t]+signed(?:[ \t]+by)?|"
        r"dictated[ \t]+by|transcribed[ \t]+by|reviewed[ \t]+by|seen[ \t]+by|cc|author|from|to|attn|re|"
        r"witness|interpreter|consultant|md|do|doctor"
    )
    intro = (
        r"my[ \t]+name[ \t]+is|name[ \t]+is|i[ \t]+am|i'm|this[ \t]+is|named|call[ \t]+me|"
        r"known[ \t]+as|goes[ \t]+by|given[ \t]+as|signed|regards|sincerely|thanks|thank[ \t]+you|best|cheers|"
        r"yours[ \t]+truly|warmly|respectfully|love"
    )
    patterns = [
        Pattern("title + name", rf"(?<![\w.]){_TITLE_ABBR}\.?[ \t]+(?P<value>{_FULL_NAME})", 0.85),
        Pattern(
            "word title + name",
            rf"\b(?:Doctor|Professor|Nurse|Sister|Father|Rabbi|Pastor|Imam|Reverend|Rev\.|Judge|Officer|"
            rf"Captain|Coach|Dean)[ \t]+(?P<value>{_FULL_NAME})",
            0.6,
        ),
        Pattern(
            "label: name",
            rf"(?i:\b(?:{labels}))[ \t]*:[ \t]*(?:{_TITLE_ABBR}\.?[ \t]+)?(?P<value>{_LAST_FIRST}|{_FULL_NAME})",
            0.85,
        ),
        Pattern(
            "relative + name",
            rf"(?=\p{{Lu}})(?!{_NOT_A_NAME_START})(?<=(?i:\b(?:(?:my|our|his|her|their|the[ \t]+patient's)[ \t]+)?"
            rf"(?:{relatives}))(?:,|[ \t]+is)?[ \t]+)(?P<value>{_FULL_NAME})",
            0.7,
        ),
        Pattern(
            "introduction + name",
            rf"(?=\p{{Lu}})(?!{_NOT_A_NAME_START})(?<=(?i:\b(?:{intro}))[ \t]*,?[ \t\n]+['‘\"“]?)"
            rf"(?P<value>{_FULL_NAME})",
            0.6,
        ),
        Pattern(
            "colon: Last, First",
            rf":[ \t]*(?P<value>{_LAST_FIRST})(?=[ \t]*(?:[,;|(\n]|$|DOB|MRN|MR#))",
            0.6,
        ),
        # A given name, a quoted nickname, a surname: "Ignatius 'Iggy' Mwale", "Cornelius 'Neil' Van Dyke".
        Pattern(
            "name with a quoted nickname",
            rf"\b{_NAME_TOKEN}[ \t]+['‘\"“]{_NAME_TOKEN}['’\"”][ \t]+"
            rf"(?:{_PARTICLE}[ \t]+|\p{{Lu}}\p{{Ll}}{{0,2}}[ \t]+)*{_NAME_TOKEN}",
            0.85,
        ),
        Pattern("dash sign-off", rf"(?:^|[.!?\n])[ \t]*[-–—~][ \t]*(?P<value>{_FULL_NAME})[ \t]*$", 0.6),
        Pattern(
            "name opening a sentence",
            rf"(?:^|[.!?][\"')]?[ \t]{{1,3}})(?P<value>{_NAME_TOKEN})(?=[ \t]+(?:had|was|says|said|reports|"
            r"reported|states|stated|called|moved|lives|lived|came|went|presents|presented|denies|denied|complains|"
            r"began|wrote|writes|joined|studied|graduated|founded|published|"
            r"complained|feels|felt|works|worked|died|returned|arrived|visited|asked|wants|wanted|"
            r"and[ \t]+(?:I|her|his|my))"
            r"\b(?![ \t]+(?:started|stopped|given|prescribed|discontinued|increased|decreased|held|changed|switched|"
            r"added|approved|used|injected|administered)\b))",
            0.5,
        ),
    ]

    def adjust(text: str, start: int, end: int) -> tuple[int, int] | None:
        if _ALIAS_BEFORE.search(text, max(0, start - 24), start) and (
            _ACRONYM.fullmatch(text[start:end])
            or any(medical.is_medical_term(w) for w in WORD.findall(text[start:end]))
            or _medical_clause(text, start)
            or medical_context(text, start, end, before=False)
        ):
            return None  # "... Polyneuropathy, also known as CIDP": a term's other name, not a person's
        if "," in text[start:end]:  # "Last, First": name-like words, not all English, not a drug list
            words = WORD.findall(text[start:end])
            lex = english_lexicon()
            if any(lex.not_a_name(w) for w in words) or all(lex.is_english(w) for w in words):
                return None
            if drug_context(text, start, end) or medical_use(text, start, end):
                return None
        before = text[max(0, start - 40) : start].lower()
        weak = not re.search(r"(?:dr|mr|mrs|ms|mx|miss|prof|doctor|:)[ \t.]*$", before)
        if re.match(
            r",?[ \t]+(?:MD|M\.D|DO\b|D\.O\.|NP|FNP|PA-C|RN|LPN|PhD|DDS|DMD|MBBS|DNP|APRN)", text[end : end + 8]
        ):
            weak = False
        span = trim_name(text, start, end, strict=weak)
        if span is not None and weak and _lone_noun(text, *span):
            return None  # "Toxicity was mild": an English noun opening a sentence, not a given name
        if span is not None and not title_before(text, span[0]) and medical_context(text, *span, before=False):
            return None  # "Patient: Connective tissue disorder?"
        return span

    credential = (
        r"MD|M\.D\.?|DO|D\.O\.|NP|FNP(?:-C)?|PA-C|RN|LPN|PhD|DDS|DMD|MBBS|FACP|FACS|DNP|CNM|MSW|LCSW|PharmD|APRN|CRNA"
    )
    return [
        ClinicalPatternRecognizer(NAME, patterns, "NameCueRecognizer", priority=3, adjust=adjust, quick=r"\p{Lu}"),
        ClinicalPatternRecognizer(
            NAME,
            [Pattern("name + credential", rf"(?P<value>{_FULL_NAME}),?[ \t]+(?:{credential})\b", 0.8)],
            "NameCredentialRecognizer",
            priority=3,
            adjust=adjust,
            quick=rf"\b(?:{credential})(?:\b|$)",
        ),
    ]


_ALIAS_BEFORE = re.compile(
    r"(?i)\b(?:known[ \t]+as|called|termed|aka|a\.k\.a\.?|abbreviated(?:[ \t]+as)?)[ \t]*,?[ \t]*$"
)
_ACRONYM = re.compile(r"\p{Lu}[\p{Lu}\d]{1,5}s?")


def _medical_clause(text: str, start: int) -> bool:
    """True when the clause before ``start`` names a disease or drug ("... disorder, also known as")."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 120, 0)
    return any(medical.is_medical_term(w) for w in WORD.findall(text[left:start]))


_TITLE_WORD = r"\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:['’-]\p{Lu}?\p{Ll}+)*"


def _lone_noun(text: str, start: int, end: int) -> bool:
    from medllm.deid.wordlists.names import first_names

    chunk = text[start:end]
    if " " in chunk or chunk.lower() in first_names():
        return False
    nouns = english_lexicon().nouns
    w = chunk.lower()
    return w in nouns or (w.endswith("s") and w[:-1] in nouns)


# A name heading a contact block: the next non-blank line starts with a house number, a PO box or
# a street word ("Mikko V Keskitalo\n\n4794 ul. Zakrzowska 92").
_ADDRESS_NEXT = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:\d{1,6}[ \t]+\S|(?i:p\.?[ \t]?o\.?[ \t]*box|flat|apt|suite|unit)\b)"
)


def _listed_name(words: list[str]) -> bool:
    """A census given name first or a census surname last ("Lena Andersson", "Millie B Jarvis")."""
    from medllm.deid.wordlists.names import first_names, surnames

    return bool(words) and (words[0].lower() in first_names() or words[-1].lower() in surnames())


def _name_shape_recognizer() -> ClinicalPatternRecognizer:
    """Two or three capitalised words in a row that are not English, clinical or medical words.

    Catches names the small NER model misses ("for Amara Villanueva on ..."); a common noun may
    pass ("Provider Portal") but a name rarely fails. Headings (followed by a colon or alone on a
    line) and drug or eponym uses are skipped.
    """
    shape = (
        rf"(?<![\p{{L}}\p{{M}}'’-])(?P<value>{_TITLE_WORD}(?:[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_TITLE_WORD}){{1,2}})"
        r"(?![\p{L}\p{M}'’-])"
    )

    def adjust(text: str, start: int, end: int) -> tuple[int, int] | None:
        # (compiled once, and the line start found with rfind: a search anchored at the end of text[:start] scans
        # the whole prefix for every candidate)
        if _LINE_END_AFTER.match(text, end) and not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t"):
            words = WORD.findall(text[start:end])
            heading = text[end:].lstrip(" \t").startswith(":")
            if heading or not (_listed_name(words) or _ADDRESS_NEXT.match(text, end)):
                return None  # a heading, not a name alone on its line (a signature, an address block)
        span = trim_name(text, start, end)
        if span is None:
            return None
        words = [w for w in WORD.findall(text[span[0] : span[1]]) if not re.fullmatch(r"\p{Lu}\.?", w)]
        lex = english_lexicon()
        if len(words) < 2 or any(lex.not_a_name(w) for w in words) or all(lex.is_english(w) for w in words):
            return None
        if not looks_like_name(text, *span):
            return None
        for a, b in {span, (start, end)}:  # the trimmed span and the whole match ("Pelvic Organ Prolapse")
            if drug_context(text, a, b) or medical_use(text, a, b):
                return None
        return None if term_elsewhere(text, *span) else span

    return ClinicalPatternRecognizer(
        NAME,
        [Pattern("capitalised words", shape, 0.5)],
        "NameShapeRecognizer",
        priority=0,
        adjust=adjust,
        quick=r"\p{Lu}\p{Ll}+[ \t]+\p{Lu}",
    )


def _adjust_handle(text: str, start: int, end: int) -> tuple[int, int] | None:
    value = text[start:end]
    if not any(c.islower() for c in value) or medical.is_medical_word(value) or medical.is_drug_like(value):
        return None  # "COVID-19", "SpO2", "HbA1c": terms, not user names
    return start, end


def _handle_recognizer() -> ClinicalPatternRecognizer:
    """User names on forums, chats and portals: "@Marguerite_R", "u/thyroidmama_84", "posted by grandma_bea".

    A handle names its owner as surely as a name does (Safe Harbor A, and any other unique identifier).
    Without an "@" or "u/", only a word with a digit, an underscore or inner capitals after a forum cue counts.
    """
    patterns = [
        Pattern("at-handle", r"(?<![\w@.])@(?P<value>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)", 0.8),
        Pattern("u/ handle", r"(?<![\w/])u/(?P<value>[A-Za-z0-9_-]{3,30})\b", 0.8),
        Pattern(
            "handle after a forum cue",
            r"(?i:\b(?:posted[ \t]+by|from[ \t]+user|user(?:name)?|quote[ \t]+from|reply[ \t]+to|replying[ \t]+to|"
            r"pm[ \t]+me|dm[ \t]+me)[ \t]*:?|\bfrom[ \t]*:)[ \t]*['‘\"“]?"
            r"(?P<value>(?=[A-Za-z0-9_.-]*(?:\d|_|[a-z][A-Z]))[A-Za-z][A-Za-z0-9_.-]{2,29}[A-Za-z0-9])\b",
            0.7,
        ),
    ]
    return ClinicalPatternRecognizer(
        NAME, patterns, "UserHandleRecognizer", priority=3, adjust=_adjust_handle, quick=r"@|u/|(?i:by|user|from|me)"
    )


def recognizers() -> list[EntityRecognizer]:
    """The English name recognizers (cues, credentials, user names and the capitalised-words shape)."""
    return [*_name_recognizers(), _handle_recognizer(), _name_shape_recognizer()]
