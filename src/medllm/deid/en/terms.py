"""Is a capitalised word a medical term here? Context and shape judgements for de-identification.

spaCy's small English model tags almost any capitalised run as PERSON or GPE, and medical dialogue
is full of capitalised drug, test and disease names ("Iohexol (Omnipaque)", "Hypospadias",
"Botulinum Toxin Type A"). The word lists of :mod:`medllm.deid.wordlists.medical` cannot hold every one,
so these general rules look at how a word is used and how it is built. None names a drug, a person
or a place.

- :func:`diagnosis_before`: the words before call it a condition ("you may have X", "suffering from
  X", "experiencing X", "diagnosed me with X", "a condition called X");
- :func:`term_after`: the words after do ("X lateral sclerosis", "X tissue disorder", "X is a birth
  defect", "X. It is a condition ...", "X can be a symptom of ...");
- :func:`purpose_after`: the words after say what a drug does ("X to reduce nausea", "X (Brand) can
  be injected", "X helps decrease inflammation", "X is recommended for ...");
- :func:`paren_partner`: the "Generic (Brand)" and "Brand (generic)" pattern: the other half of
  ``X (Y)``, whose medical use makes this half medical too;
- :func:`lower_case_elsewhere`: a word that is not English but also appears in lower case in the same
  text is a technical term, not a proper noun ("gynecomastia ... Gynecomastia is");
- :func:`looks_like_name`: the shape of a person's name or a place: capitalised words with vowels,
  no lower-case word other than a particle ("Lichen simplex" is not a name), no roman numeral.
"""

from __future__ import annotations

import functools

import regex as re

from medllm.deid.wordlists import medical
from medllm.deid.wordlists.common import tokens
from medllm.deid.wordlists.english import english_lexicon

_PRONOUN = r"(?:i|you|he|she|they|we|it|patient|child|baby|son|daughter|husband|wife|mother|father|mom|dad)"
_ADVERBS = (
    r"(?:may|might|could|must|would|will|can|probably|likely|possibly|also|already|still|actually|really|"
    r"definitely|certainly|do|does|did|not|never|just|now|be|been|being|are|is|am|were|was|most|more)"
)
_MODIFIERS = (
    r"(?:a|an|the|this|that|some|acute|chronic|severe|mild|moderate|early|late|possible|probable|"
    r"suspected|recurrent|rare|mild|advanced|stage|type|bilateral|left|right|local|localized|generali[sz]ed)"
)
_DIAGNOSIS_BEFORE = re.compile(
    rf"(?i)\b(?:(?P<have>{_PRONOUN}(?:[ \t]+{_ADVERBS})*[ \t]+(?:have|has|had|having|got|developed))|"
    r"experienc(?:e|es|ed|ing)|suffer(?:s|ed|ing)?[ \t]+from|"
    r"diagnos(?:ed|ing|is|e)(?:[ \t]+(?:me|you|him|her|them|us))?[ \t]+(?:with|of|as)|"
    r"(?:condition|disease|disorder|syndrome|infection|illness|problem|symptom|tumou?r|cancer)s?"
    r"[ \t]+(?:called|named|known[ \t]+as|termed)|(?:also|commonly|otherwise)[ \t]+(?:known[ \t]+as|called|termed)|"
    r"(?:cases?|signs?|symptoms?|forms?|types?|history|episodes?|risk|treatment|diagnosis)[ \t]+of|"
    r"(?:caused|triggered)[ \t]+by|due[ \t]+to|rule[ \t]+out|ruled[ \t]+out|larvae[ \t]+of)"
    rf"(?:[ \t]+{_MODIFIERS})*[ \t]*[:,]?[ \t]+(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*[ \t]+){{0,2}}$"
)
_TERM_HEADS = (
    r"condition|disease|disorder|syndrome|infection|complication|symptom|sign|defect|inflammation|tumou?r|"
    r"cancer|illness|injury|abnormality|deficiency|malformation|lesion|growth|rash|medication|medicine|drug|"
    r"treatment|remedy|supplement|vaccine|antibiotic|bacteri(?:um|a|al)|virus|viral|parasite|parasitic|fungus|"
    r"fungal|worm|hormone|enzyme|protein|procedure|test|surgery|operation|therapy|agent|contrast|dye"
)
_TERM_AFTER = re.compile(
    r"(?i)[ \t]*(?:\([\p{L}\d\s,.'’-]{1,40}\))?[ \t]*(?:[,.;:-][ \t]*|[ \t]+)"
    r"(?:(?:which|this|that|it|and|it['’]s)[ \t]+)?"
    r"(?:is|are|was|can[ \t]+be|may[ \t]+be|could[ \t]+be|can[ \t]+cause|may[ \t]+cause|causes|refers[ \t]+to|"
    r"occurs|happens|affects)"
    r"(?:[ \t]+(?:also|usually|often|commonly|typically|generally|actually|sometimes|not|rarely|a|an|the|one|"
    r"type|kind|form)(?:[ \t]+of)?)*"
    rf"(?P<between>(?:[ \t]+[\p{{L}}-]+){{0,3}}?)[ \t]+(?:{_TERM_HEADS})s?\b"
)
# Words that cannot stand between "is" and the head word of a definition: a person "was treated for
# an infection", "was diagnosed with Wilson disease", "is recovering from a condition".
_NOT_BETWEEN = frozenset(
    tokens("with for by to from on in at as into after about over under since during without his her their my")
)
# What a drug does, in the base form ("to reduce", "will help relieve").
_PURPOSE_VERBS = (
    r"reduce|relieve|treat|prevent|improve|increase|decrease|control|manage|aid|boost|loosen|remove|"
    r"regulate|neutrali[sz]e|kill|lower|raise|dilate|stimulate|fight|clear|soothe|ease|alleviate|counteract|"
    r"suppress|promote|restore|replace|protect|digest|numb|heal|dissolve|shrink|strengthen|thin|calm|combat|"
    r"minimi[sz]e|correct|induce|block|inhibit|stop|slow|speed|support|balance|replenish|flush|cleanse|"
    r"moisturi[sz]e|hydrate|constrict|relax|contract|detect|diagnose|test|visuali[sz]e|highlight"
)
# ... and in the third person ("Zileuton decreases"), only verbs a person is rarely the subject of.
_PURPOSE_VERBS_3RD = (
    r"reduces|relieves|prevents|lowers|raises|dilates|stimulates|neutrali[sz]es|dissolves|inhibits|blocks|"
    r"suppresses|alleviates|counteracts|constricts|promotes|regulates|soothes|numbs|thins|replenishes"
)
# "X is injected", "X can be taken": passive uses a drug has and a person rarely does ("is used",
# "is available", "can be given" fit a person too, and are left out).
_BE_DONE = (
    r"injected|applied|administered|indicated|contraindicated|inhaled|infused|swallowed|chewed|dissolved|"
    r"instilled|dosed|absorbed|metaboli[sz]ed|prescribed|recommended"
)
_BE_DONE_MODAL = _BE_DONE + r"|used|taken|needed"
_MODAL = r"(?:can|will|may|might|could|should|would|must)"
_ADV = (
    r"(?:also|then|still|further|often|usually|really|definitely|generally|commonly|typically|sometimes|be|"
    r"widely|frequently|mainly|primarily|mostly|occasionally|potentially|possibly|probably|likely|"
    r"significantly|greatly|effectively|safely|only)"
)
_HELP_DO = rf"help(?:s|ed)?[ \t]+(?:to[ \t]+)?(?:{_PURPOSE_VERBS})\b"  # "helps decrease", "can help to improve"
_HELP_WITH = r"help(?:[ \t]+(?:with|in))?\b"  # after "to" only: "Lipase to help with digestion"
_PURPOSE_AFTER = re.compile(
    r"(?i)(?:[ \t]+(?:\p{Lu}|\d+|[IVX]+)\b)?"  # "Botulinum Toxin Type A", "Factor IX"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?,?[ \t]+"  # "(Brand)"
    r"(?:"
    rf"(?P<to>to|in[ \t]+order[ \t]+to)[ \t]+(?:{_HELP_DO}|(?:{_PURPOSE_VERBS})\b)|"  # "to reduce"
    rf"(?:{_MODAL}(?:[ \t]+{_ADV})*[ \t]+)?{_HELP_DO}|"  # "can help relieve", "helps decrease"
    rf"{_MODAL}(?:[ \t]+{_ADV})*[ \t]+(?:{_PURPOSE_VERBS})\b|"  # "will relieve"
    rf"(?:also[ \t]+)?(?:{_PURPOSE_VERBS_3RD})\b|"  # "decreases inflammation"
    rf"{_MODAL}(?:[ \t]+{_ADV})*[ \t]+be(?:[ \t]+{_ADV})*[ \t]+(?:{_BE_DONE_MODAL})\b|"  # "may be needed"
    rf"(?:is|are)(?:[ \t]+{_ADV})*[ \t]+(?:{_BE_DONE})\b(?![ \t]+by)|"  # "is injected" (not "... by my friends")
    rf"(?:(?:is|are)|{_MODAL}(?:[ \t]+{_ADV})*[ \t]+be)(?:[ \t]+{_ADV})*[ \t]+(?:helpful|useful|beneficial|effective)"
    r"[ \t]+(?:in|for|at)[ \t]+(?:reduc|treat|reliev|prevent|manag|control|improv|lower|eas|heal|fight)\w*|"
    r"(?:is|are)(?:[ \t]+(?:also|often|usually|commonly|generally|typically))?[ \t]+(?:a|an|the|another|one)"
    r"(?:[ \t]+[\p{L}-]+){0,3}?[ \t]+(?:medication|medicine|drug|treatment|remedy|supplement|antibiotic|"
    r"vaccine|injection|reliever|painkiller|agent|therapy|option|preparation|hormone|enzyme)s?\b"
    r")"
)
# "asked Maria to help", "want John to check": a person asked to do something.
_ASKED_BEFORE = re.compile(
    r"(?i)\b(?:ask\w*|tell|told|tells|want\w*|need\w*|get|got|let|lets|allow\w*|encourag\w*|remind\w*|invit\w*|"
    r"expect\w*|wait\w*[ \t]+for|call\w*|have|had|made|make|persuad\w*|convinc\w*|urg\w*|beg\w*|sen[dt]s?|"
    r"brought|bring\w*|hire\w*|paid|pay\w*|taught|teach\w*|train\w*|help\w*|text\w*|e-?mail\w*|sign\w*[ \t]+up|"
    r"pick\w*[ \t]+up|drove|driv\w*|assign\w*|appoint\w*)"
    r"(?:[ \t]+(?:my|our|his|her|their|the))?[ \t]+$"
)


# After "you have X", X ends its clause when it is a condition ("you have Paronychia."); a person
# goes on ("I have Priscilla helping me").
_CLAUSE_AFTER = re.compile(
    r"[ \t]*(?:[.,;:!?)(\-–—]|\n|$|(?:which|that|as|because|since|so|but|or|in[ \t]+(?:your|my|the|his|her))\b)"
)


def diagnosis_before(text: str, start: int, end: int | None = None) -> bool:
    """True when the words before ``start`` introduce a condition ("it sounds like you have ...").

    After "have"/"has"/"got" the span (ending at ``end``) must also end its clause.
    """
    m = _DIAGNOSIS_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return False
    return not m.group("have") or end is None or _CLAUSE_AFTER.match(text, end) is not None


def term_after(text: str, end: int) -> bool:
    """True when the words after ``end`` say the span is a condition, a sign or an agent ("X is a
    rare skin condition", "X can be a symptom of", "X. It is a bacterial infection")."""
    m = _TERM_AFTER.match(text, end)
    if m is None:
        return False
    between = m.group("between").lower().split()
    return not any(w in _NOT_BETWEEN or w.endswith("ing") for w in between)


def purpose_after(text: str, start: int, end: int) -> bool:
    """True when the words after text[start:end] say what it (a drug) does or how it is given.

    "X to reduce ..." does not count after a verb of asking ("asked Maria to help with ...").
    """
    m = _PURPOSE_AFTER.match(text, end)
    if m is None:
        return False
    return not (m.group("to") and _ASKED_BEFORE.search(text, max(0, start - 40), start))


_OPEN_PAREN = re.compile(r"[ \t]*\([ \t]*(?P<inner>[^()\n]{1,60}?)[ \t]*\)")
_BEFORE_PAREN = re.compile(r"(?P<outer>\p{L}[\p{L}\p{M}\d'’ \t,.-]{0,60}?)[ \t]*\([ \t]*$")
_WORD = re.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*")


def paren_partner(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The other half of "X (Y)": the parenthesised text after the span, or, for a span that fills a
    pair of parentheses, the words before it (up to four, back to a comma or clause break)."""
    after = _OPEN_PAREN.match(text, end)
    if after:
        return after.span("inner")
    if text[end : end + 1] == ")" or re.match(r"[ \t]*\)", text[end : end + 4]):
        before = _BEFORE_PAREN.search(text, max(0, start - 64), start)
        if before:
            outer = before.group("outer")
            cut = max(outer.rfind(","), outer.rfind(". "))
            s = before.start("outer") + (cut + 1 if cut >= 0 else 0)
            words = list(_WORD.finditer(text, s, before.end("outer")))[-4:]
            if words:
                return words[0].start(), words[-1].end()
    return None


@functools.lru_cache(maxsize=65536)
def _lower_pattern(word: str) -> re.Pattern:
    # Not inside an e-mail address, a URL or a handle ("maria.lopez@...", "www.lopezfamily.com").
    return re.compile(rf"(?<![\p{{L}}\p{{M}}\d'’._@/-]){re.escape(word)}(?![\p{{L}}\p{{M}}\d_@/-])(?!\.\p{{L}})")


def lower_case_elsewhere(text: str, word: str) -> list[tuple[int, int]]:
    """Where ``word`` (capitalised here) also appears in lower case in ``text`` (not inside an
    e-mail address or a URL)."""
    low = word.lower()
    if low == word or len(low) < 4:
        return []
    return [m.span() for m in _lower_pattern(low).finditer(text)]


_PARTICLES = frozenset(
    tokens("de da das do dos del della der den di du van von ter ten la le bin binti bint ibn ben abu al el y e")
)
_ABBREVIATIONS = frozenset(tokens("st ste ft mt jr sr dr mr mrs ms"))  # "St. Louis", "Mt. Vernon"
_VOWEL = re.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿāăąēĕėęěīįıōőœūůűų]", re.IGNORECASE)


def looks_like_name(text: str, start: int, end: int) -> bool:
    """True when text[start:end] has the shape of a person's name or a place name.

    Every word but a particle ("van", "de", "bin") is capitalised and has a vowel; none is a roman
    numeral ("Ix", "III") or a substance word; at least one is not a single capital letter; and it
    is not the heading of a list item or a phrase spelled out by an acronym. "Lichen simplex", "Dm",
    "Factor Ix", "Omega-3", "1. Corrective Lenses:" and "Patent Ductus Arteriosus (PDA)" fail.
    """
    chunk = text[start:end]
    if re.match(r"-\d", text[end : end + 2]):
        return False  # "Omega-3", "In-111": a product or isotope designation
    if list_heading(text, start, end) or acronym_definition(text, start, end):
        return False  # "2. Corrective Lenses: ...", "Patent Ductus Arteriosus (PDA)"
    words = _WORD.findall(chunk)
    if not words:
        return False
    significant = 0
    for w in words:
        bare = w.strip(".'’-")
        if not bare:
            continue
        low = bare.lower()
        if low in _PARTICLES or low in _ABBREVIATIONS:
            continue
        if not bare[0].isupper():
            return False
        if len(bare) == 1:
            continue  # an initial
        if low in medical.ROMAN_NUMERALS or (low != "ng" and not _VOWEL.search(low)):
            return False
        if low in medical.SUBSTANCE_WORDS:
            return False
        significant += 1
    return significant > 0


# ---------------------------------------------------------------- more shapes of a term
_STOP_INITIAL = frozenset(tokens("of and the for in to with on a an by or at"))
_ACRONYM_AFTER = re.compile(
    r"(?P<gap>(?:[ \t]+[\p{L}\p{M}][\p{L}\p{M}'’-]*){0,4}?)[ \t]*\([ \t]*(?P<acr>[\p{Lu}][\p{L}\d-]{1,9})[ \t]*\)"
)
_ACRONYM_BEFORE = re.compile(r"(?P<acr>\b\p{Lu}[\p{Lu}\d-]{1,7}s?)[ \t]*\([ \t]*(?:[\p{L}\p{M}'’,-]+[ \t]+){0,6}$")
_WORDS_BEFORE = re.compile(r"(?:[\p{L}\p{M}][\p{L}\p{M}'’-]*[ \t]+){0,3}$")


def _initials(chunk: str) -> str:
    """First letters of the words of ``chunk`` (each part of a hyphenated word), skipping "of", "and" ..."""
    out = []
    for w in re.findall(r"[\p{L}\p{M}\d]+", chunk):
        if w.lower() not in _STOP_INITIAL:
            out.append(w[0].upper())
    return "".join(out)


def _abbreviates(acronym: str, initials: str) -> bool:
    """True when ``acronym`` ("HMD", "PDA", "NABL", "UTIs") fits the ``initials`` of a phrase: same
    first letter, its capitals in order among the initials, and the last capital is the last initial."""
    letters = [c for c in acronym if c.isupper()]
    if len(letters) < 2 or not initials or letters[0] != initials[0] or letters[-1] != initials[-1]:
        return False
    it = iter(initials)
    return all(c in it for c in letters)


def acronym_definition(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a phrase defined by an acronym: "Patent Ductus Arteriosus
    (PDA)", "Hereditary Macular Degeneration (HMD)", "ENT (Ear, Nose and Throat)"."""
    after = _ACRONYM_AFTER.match(text, end)
    if after:
        acronym = after.group("acr")
        head = text[start : after.start("gap")] + after.group("gap")
        lead = _WORDS_BEFORE.search(text, max(0, start - 48), start)
        words = (lead.group() if lead else "") + head
        initials = _initials(words)
        span_initials = len(_initials(head))
        # a window of the phrase that ends at the parenthesis and takes in the span's first word
        for i in range(max(0, len(initials) - 12), len(initials) - span_initials + 1):
            if _abbreviates(acronym, initials[i:]):
                return True
    close = re.match(r"[^()\n]{0,80}?\)", text[end:])
    before = _ACRONYM_BEFORE.search(text, max(0, start - 80), start)
    if close and before:
        inner = text[text.rfind("(", 0, start) + 1 : end + close.end() - 1]
        return _abbreviates(before.group("acr"), _initials(inner))
    return False


_HEADING_BEFORE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•#]+|\*\*)[ \t]*(?:\*\*)?(?:[\p{L}\p{M}'’-]+[ \t]+){0,4}$")
_HEADING_AFTER = re.compile(r"(?:[ \t]+[\p{L}\p{M}'’()/-]+){0,5}?[ \t]*(?:\*\*)?[ \t]*(?::|[-–—][ \t])")


def list_heading(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is in the heading of a numbered or bulleted item and made of
    English or medical words ("2. Corrective Lenses: ...", "- **Sleep Hygiene**: ..."); a contact
    list keeps its names ("- Amara Okafor: sister")."""
    if _HEADING_BEFORE.search(text, max(0, start - 60), start) is None or _HEADING_AFTER.match(text, end) is None:
        return False
    lex = english_lexicon()

    def noun(w: str) -> bool:
        w = w.lower()
        return w in lex.nouns or (w.endswith("s") and (w[:-1] in lex.nouns or w[:-2] in lex.nouns))

    words = _WORD.findall(text[start:end])
    return all(lex.is_english(w) or noun(w) or medical.is_medical_word(w) for w in words)


_LAB_AFTER = re.compile(
    r"(?i)(?:[ \t]*,[ \t]*(?:total|direct|indirect|free|serum|fasting|random))?[ \t]*[:=-]?[ \t]*"
    r"(?:positive|negative|reactive|non-?reactive|detected|not[ \t]+detected|"
    r"[<>≤≥]?[ \t]*\d+(?:[.,]\d+)?[ \t]*(?-i:%|(?:mg|g|mmol|µmol|umol|mcg|µg|ng|pg|m?IU|m?iu|U|u|mEq|meq|mm|"
    r"cells|K|k)(?:[/.][ \t]*(?i:d?l|ml|µl|ul|mm3|hpf|kg|min|24[ \t]*h\w*))?\b|(?i:mm[ \t]*hg)\b|"
    r"/(?:hpf|mm3|µl|ul|cumm)\b|x[ \t]*10\b))"
)
_LATIN_ENDINGS = ("is", "us", "um", "ae", "ii", "i", "ans", "ens", "ex", "ix", "alis", "aris", "osa", "osum", "ata")


def lab_value_after(text: str, end: int) -> bool:
    """True when a laboratory value or result follows ("Prolactin: 10.57", "HBsAg negative", "Monocytes 3%")."""
    return _LAB_AFTER.match(text, end) is not None


_LATIN_AFTER = re.compile(r"[ \t]+(\p{Ll}{4,})\b")


def latin_name_after(text: str, end: int, is_english) -> bool:
    """True when a lower-case Latin word follows, as in a binomial or a Latin disease name ("Tinea
    cruris", "Candida albicans", "Pseudotumor cerebri", "Molluscum contagiosum")."""
    m = _LATIN_AFTER.match(text[end : end + 40])
    if m is None:
        return False
    word = m.group(1)
    return word.endswith(_LATIN_ENDINGS) and not is_english(word)


_ALIAS_AFTER = re.compile(
    r"(?i),?[ \t]*\(?[ \t]*(?:also[ \t]+)?(?:known[ \t]+as|called|a\.?k\.?a\.?|generic(?:[ \t]+name)?|"
    r"brand(?:[ \t]+name)?|sold[ \t]+as|marketed[ \t]+as)[ \t]*:?[ \t]+(?P<word>\p{L}[\p{L}\p{M}-]*)"
)


def alias_after(text: str, end: int) -> str | None:
    """The other name given right after a span ("Paxidep, also known as paroxetine"), if any."""
    m = _ALIAS_AFTER.match(text, end)
    return m.group("word") if m else None
