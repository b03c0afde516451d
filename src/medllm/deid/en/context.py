"""Word-level judgements for de-identification: could a capitalised word be a name; is it a drug or an eponym here?

Used by the recognizers of :mod:`medllm.deid.en` to veto or trim matches. Every
rule is general (word lists, drug-name endings, English word tables, the words around a match);
none names a person or place.

- :func:`drug_context`: a capitalised word used as a drug ("started Xgeva", "Prolia 60 mg",
  "Florinef, Zofran, Gralise", "for pain");
- :func:`eponym_context`: a surname used as a disease or sign ("Parkinson disease", "Crohn's",
  "Stevens-Johnson syndrome", "West Nile virus");
- :func:`medical_use` / :func:`medical_context`: a span that is (part of) a medical term by its words
  or by the words around it (diagnosis cues, disease words after it, definitions, lab values);
- :func:`term_elsewhere`: the same words used as a drug or a term elsewhere in the text;
- :func:`trim_name` / :func:`trim_place`: shrink a name or place span to its name-like words.

The context rules themselves are in :mod:`medllm.deid.en.terms`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex as re

from medllm.deid.en.terms import (
    alias_after,
    diagnosis_before,
    lab_value_after,
    latin_name_after,
    looks_like_name,
    lower_case_elsewhere,
    paren_partner,
    purpose_after,
    term_after,
)
from medllm.deid.wordlists import medical, places
from medllm.deid.wordlists.common import tokens
from medllm.deid.wordlists.english import bare, english_lexicon

# Capitals only with their period ("DR. OKEKE"): "DR" alone is diabetic retinopathy, "MR" mitral regurgitation.
TITLE_ABBR = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Mme|Mlle|Prof|Sr|Sra|Srta|Dra|Messrs|DR(?=\.)|MRS?(?=\.)|PROF(?=\.))"


WORD = re.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*")

# ---------------------------------------------------------------- eponyms
_STRICT_HEADS = frozenset(
    tokens(
        """
disease diseases syndrome syndromes lymphoma sarcoma tumor tumour palsy phenomenon virus fever
spotted thyroiditis anemia anaemia encephalopathy dystrophy ataxia chorea dementia esophagus
contracture neuroma fracture cyst macroglobulinemia ulcer arteritis disorder
"""
    )
)


def _follow(heads: Iterable[str]) -> re.Pattern:
    """After a span: an optional possessive, up to two more capitalised words, then a head word."""
    alternation = "|".join(sorted(heads, key=len, reverse=True))
    return re.compile(
        r"(?P<poss>['’]s?)?(?:[ \t]*[-–][ \t]*\p{Lu}[\p{L}\p{M}'’]*|[ \t]+(?:and[ \t]+)?\p{Lu}[\p{L}\p{M}'’]*){0,2}?"
        rf"(?:['’]s?)?[ \t-]+(?i:(?P<head>{alternation}))\b"
    )


_FOLLOW_STRICT = _follow(_STRICT_HEADS)
_FOLLOW_ANY = _follow(medical.EPONYM_HEADS | _STRICT_HEADS)
_LEAD = re.compile(r"(?:\p{L}[\p{L}\p{M}'’]*[ \t]*[-–][ \t]*)+$")


_DASH = re.compile(r"[-–]")  # compiled once: called for most candidate words


def _parts(word: str) -> list[str]:
    return [p for p in _DASH.split(bare(word)) if p and p not in ("non", "anti", "pre", "post")]


def _eponym_word(word: str) -> bool:
    return any(p in medical.EPONYMS_STRONG or p in medical.EPONYMS_WEAK for p in _parts(word))


def _strong_eponym_word(word: str) -> bool:
    return any(p in medical.EPONYMS_STRONG for p in _parts(word))


def eponym_context(text: str, start: int, end: int) -> bool:
    """True when text[start:end] names a disease, sign or virus after a person or place.

    - any capitalised word(s) followed by a disease word with no possessive: "Stevens-Johnson
      syndrome", "West Nile virus", "Pompe disease" (a possessive needs a listed eponym:
      "Bell's palsy" yes, "Maria's fever" no);
    - a listed eponym followed by a sign/test/device word: "Murphy sign", "Foley catheter";
    - a listed eponym that is rarely a personal name, on its own: "her Crohn's", "non-Hodgkin".
    """
    words = WORD.findall(text[start:end])
    if not words:
        return False
    lead = _LEAD.search(text, 0, start)  # "Stevens-" before "Johnson"
    if lead:
        words = WORD.findall(lead.group()) + words
    listed = all(_eponym_word(w) for w in words)
    strict = _FOLLOW_STRICT.match(text, end)
    if strict and (listed or not strict.group("poss")):
        return True
    if listed and _FOLLOW_ANY.match(text, end):
        return True
    return listed and all(_strong_eponym_word(w) for w in words)


# ---------------------------------------------------------------- drugs in context
_DRUG_BEFORE = re.compile(
    r"(?i)\b(?:take|takes|taking|took|prescrib\w*|start(?:s|ed|ing)?|stop(?:s|ped|ping)?|continu\w*|"
    r"discontinu\w*|resum\w*|restart\w*|given|gives?|gave|administer\w*|inject\w*|infus\w*|"
    r"us(?:e|es|ed|ing)|tr(?:y|ies|ied|ying)|appl(?:y|ies|ied|ying)|adjust\w*|increas\w*|decreas\w*|"
    r"reduc\w*|titrat\w*|switch\w*|refill\w*|dos(?:e|es|ed|ing)|(?:medications?|meds|medicines?|"
    r"drugs?)(?:(?:[ \t]+\w+){1,2}[ \t]*:)?|"
    r"include[sd]?|including|on|(?:treated|treating|managed|therapy|treatment|maintained|controlled)[ \t]+"
    r"(?:(?:you|him|her|them|me|us)[ \t]+)?(?:with|on)|"
    r"(?:dose|course|trial|mg|units|tablets?|pills?|bottle|supply|prescription|injections?|infusions?|shots?|"
    r"combination|series|mixture|application|drops|doses|use|usage|efficacy|overdose)[ \t]+of|"
    r"(?:antibiotic|medication|medicine|drug|suppressant|reliever|painkiller|antihistamine|decongestant|"
    r"supplement|steroid|cream|ointment|agent|antiviral|antifungal|analgesic|laxative|vaccine|treatment)s?"
    r"[ \t]+(?:like|called|named)|"
    r"ask(?:ed|ing)?[ \t]+about|allergic[ \t]+to|allergy[ \t]+to|allergies|such[ \t]+as|rx|post-?op|pre-?op|"
    r"prn|home|recommend(?:s|ed|ing)?|suggest(?:s|ed|ing)?|consider(?:s|ed|ing)?|therapy|regimen|"
    r"treatment)[ \t]*:?[ \t]+"
    r"(?:(?:you|him|her|them|me|us)[ \t]+(?:with[ \t]+)?)?"
    r"(?:(?:the|her|his|their|my|your|a|an|some|daily|oral|low-dose|high-dose|iv|po|topical)[ \t]+)?$"
)
_DRUG_AFTER = re.compile(
    r"(?i)(?:[ \t]*\([^()\n]{1,40}\))?"  # "Iopamidol (Isovue) for ..."
    r"[ \t]*\(?(?:\d+(?:\.\d+)?[ \t]*(?:mg|mcg|µg|g|ml|units?|iu|meq|mmol|%)\b|"
    r"(?:tablets?|tabs?|capsules?|caps?|cream|ointment|injections?|solution|suspension|syrup|drops|spray|"
    r"patch(?:es)?|gel|lotion|inhaler|pens?|topical|ophthalmic|oral|nasal|er|xr|sr|xl|cr|hcl|daily|twice|"
    r"once|bid|tid|qid|qhs|prn|nightly|weekly|monthly|dose|doses|dosing)\b|as[ \t]+needed|"
    r"every[ \t]+(?:day|morning|night|evening|week|month|\d)|at[ \t]+bedtime|ran[ \t]+out|runs?[ \t]+out|"
    r"running[ \t]+out|refills?|prescription|side[ \t]+effects?|"
    r"for[ \t]+(?:(?:her|his|the|my|their|your|chronic|acute|severe|diagnostic|further|additional|"
    r"symptomatic|temporary|better)[ \t]+)?(?P<for>\p{L}+))"
)
_PREVIOUS_ITEM = re.compile(r"(\p{L}[\p{L}\p{M}-]*)\)?[ \t]*(?:,|;|/|\(|,?[ \t]+(?:and|or|plus))[ \t]*$")
_PAREN_CLOSES = re.compile(r"(?:[ \t]+\p{L}[\p{L}\p{M}-]*){0,2}[ \t]*\)")
_NEXT_ITEM = re.compile(r"[ \t]*(?:,|;|/|\)|,?[ \t]+(?:and|or|plus))[ \t]*(?:and[ \t]+|or[ \t]+)?(\p{L}[\p{L}\p{M}-]*)")


def _drug_word(word: str) -> bool:
    """A listed drug, a substance or preparation word, or a word built like a drug name."""
    return medical.is_drug_like(bare(word))


def _neighbour_drug(word: str) -> bool:
    """A word that makes its list or phrase neighbours drugs: a capitalised drug-like word
    ("Zofran", "Topical", "Peroxide"), or in lower case a listed generic or a non-English word built
    like one ("metformin", "trimethobenzamide"), not a class noun or an English word ("proteins",
    "chocolate")."""
    if word[:1].isupper():
        return _drug_word(word)
    w = bare(word)
    if w in medical.GENERIC_DRUGS:
        return True
    return w not in medical.SUBSTANCE_WORDS and medical.is_drug_like(w) and not english_lexicon().is_english(w)


_CLAUSE_END = re.compile(r"[.!?:\n](?:[ \t\n]|$)")
_LIST_SEPARATOR = re.compile(r"[ \t]*(?:[,;/()]|\b(?:and|or|plus)\b)[ \t]*")


def _in_drug_list(text: str, start: int, end: int, known: set[str]) -> bool:
    """True when the span is an item of a list of short capitalised or medical terms, one of them a drug."""
    left = max(0, start - 200)
    for m in _CLAUSE_END.finditer(text, left, start):
        left = m.end()
    stop = _CLAUSE_END.search(text, end, end + 200)
    right = stop.start() if stop else min(len(text), end + 200)
    items, cursor = [], left
    for m in _LIST_SEPARATOR.finditer(text, left, right):
        items.append((cursor, m.start()))
        cursor = m.end()
    items.append((cursor, right))
    if len(items) < 2:
        return False
    for a, b in items:
        if a < end and start < b:
            continue  # the span's own item
        words = WORD.findall(text[a:b])
        if not 1 <= len(words) <= 4:
            continue
        if all(w[:1].isupper() or medical.is_medical_word(w) for w in words) and any(
            _neighbour_drug(w) or bare(w) in known for w in words
        ):
            return True
    return False


def _paren_drug(text: str, start: int, end: int, known: set[str]) -> bool:
    """The "Generic (Brand)" / "Brand (generic)" pattern: the other half is a drug, or the pair is
    used as one; and "Brand, also known as generic": the other name is a drug."""
    alias = alias_after(text, end)
    if alias and (_drug_word(alias) or medical.is_medical_term(alias) or bare(alias) in known):
        return True
    partner = paren_partner(text, start, end)
    if partner is None:
        return False
    a, b = partner
    words = WORD.findall(text[a:b])
    if any(_drug_word(w) or medical.is_medical_term(w) or bare(w) in known for w in words):
        return True
    if a < start:  # the span is the "(Y)": look around the whole "X (Y)"
        close = text.find(")", end)
        return _DRUG_BEFORE.search(text, max(0, a - 48), a) is not None or (
            close >= 0 and (purpose_after(text, a, close + 1) or bool(_DRUG_AFTER.match(text, close + 1)))
        )
    return False


def drug_context(text: str, start: int, end: int, known: Iterable[str] = ()) -> bool:
    """True when the capitalised word(s) at text[start:end] are used as a drug name.

    A medication verb or noun right before ("started", "takes", "on", "treated with", "dose of"),
    a dose, form or schedule right after ("60 mg", "cream", "as needed", "for pain"), or a list
    neighbour that is a known drug or itself has such a cue ("Florinef, Zofran, Gralise";
    "include Forteo and Tymlos"; ``known`` adds words already judged to be drugs in this text).
    """
    if _DRUG_BEFORE.search(text, max(0, start - 48), start):
        return True
    after = _DRUG_AFTER.match(text, end)
    if after and (after.group("for") is None or medical.is_medical_word(after.group("for"))):
        return True
    if purpose_after(text, start, end):
        return True
    known = set(known)
    if _paren_drug(text, start, end, known):
        return True
    if _in_drug_list(text, start, end, known):
        return True
    previous = _PREVIOUS_ITEM.search(text, max(0, start - 48), start)
    if previous and previous.group().rstrip().endswith("(") and not _PAREN_CLOSES.match(text, end):
        previous = None  # "Methylation (Ref Harper 30/e ...)": a citation, not "Generic (Brand)"
    if previous:
        word, at = previous.group(1), previous.start(1)
        if _neighbour_drug(word) or bare(word) in known or _DRUG_BEFORE.search(text, max(0, at - 48), at):
            return True
    following = _NEXT_ITEM.match(text, end)
    if following:
        word = following.group(1)
        if _neighbour_drug(word) or bare(word) in known:
            return True
        after = _DRUG_AFTER.match(text, following.end(1)) if word[:1].isupper() else None
        if after and (after.group("for") is None or medical.is_medical_word(after.group("for"))):
            return True  # "Forteo and Tymlos 20 mcg"; not "Tromso and travels for treatment"
    return False


_CLINICAL_HEADS = frozenset(
    tokens(
        """
therapy therapies test tests testing scan scans x-ray xray panel level levels assay time measurement
procedure procedures function count imaging study studies injury reflux disorder joint session
sessions exam examination screening culture biopsy infection cream tablet tablets capsule injection
vaccine ointment drops solution poisoning toxicity overdose worm worms bacteria bacterium virus
finger fingers toe toes tissue thyroid supplement supplements injections pro-biotics probiotics
"""
    )
)
_TERM_BEFORE = re.compile(
    r"(?i)\b(?:suffer(?:s|ed|ing)?[ \t]+from|diagnos(?:ed|is)[ \t]+(?:with|of)|history[ \t]+of|hx[ \t]+of|"
    r"symptoms?[ \t]+of|signs?[ \t]+of|(?:is|it's|condition|disease|disorder|something)[ \t]+called|known[ \t]+as|"
    r"case[ \t]+of|treat(?:ed|ment|ing)?[ \t]+(?:for|of)|risk[ \t]+of|type[ \t]+of|form[ \t]+of|"
    r"caused[ \t]+by|due[ \t]+to|rule[ \t]+out|r/o|positive[ \t]+for|negative[ \t]+for|test(?:ed|ing)?[ \t]+for)"
    r"[ \t]+(?:(?:a|an|the|acute|chronic|severe|mild)[ \t]+)?$"
)
_ADJACENT_BEFORE = re.compile(r"(\p{L}[\p{L}\p{M}-]*)[ \t]+$")
_NEXT_WORDS = re.compile(
    r"(?P<poss>['’]s?)?[ \t]+(?P<word>\p{L}[\p{L}\p{M}-]*)(?:[ \t]+(?P<second>\p{L}[\p{L}\p{M}-]*))?"
)


def medical_use(text: str, start: int, end: int) -> bool:
    """True when a capitalised span is (part of) a medical term, not a name or a place.

    Any drug or disease word inside it ("Hidradenitis Suppurativa", "Glucose Level"), a medical
    context around it (:func:`medical_context`), or an eponym use (:func:`eponym_context`).
    """
    words = WORD.findall(text[start:end])
    if any(medical.is_medical_term(w) or w.lower() in _CLINICAL_HEADS for w in words):
        return True
    return medical_context(text, start, end) or eponym_context(text, start, end)


def medical_context(text: str, start: int, end: int, before: bool = True) -> bool:
    """True when the words around text[start:end] show it is a medical term, whatever its words.

    - before (unless ``before`` is False, for spans found by a cue before them): a diagnosis or
      symptom cue ("suffering from", "you may have", "a condition called"), or a drug or substance
      word right before ("Sodium Polystyrene Sulfonate", "Sterile Water");
    - after: a clinical head word ("Plain x-ray", "Prothrombin time", "Trigger finger"), a drug word,
      a disease word within two words ("Necrotizing fasciitis", "Amyotrophic lateral sclerosis"),
      a definition ("X is a condition ...", :func:`~medllm.deid.en.terms.term_after`), a lab
      value ("Prolactin: 10.57", "HBsAg negative") or a Latin word ("Tinea cruris");
    - elsewhere: every non-English word of it also appears in lower case in the text, once in a
      medical context ("you have gynecomastia. Gynecomastia is ...").
    """
    if before and _medical_before(text, start, end):
        return True
    following = _NEXT_WORDS.match(text, end)
    if following and not following.group("poss"):
        first, second = following.group("word"), following.group("second")
        if _drug_word(first) or first.lower() in _CLINICAL_HEADS:
            return True
        if first.islower() and medical.is_medical_term(first):
            return True
        if (
            second
            and first.islower()
            and first not in english_lexicon().common
            and not english_lexicon().is_clause_word(first)  # "Delvaux recommended Tylenol"
            and (
                (medical.is_medical_term(second) and not medical.is_drug_like(second))
                or second.lower() in _CLINICAL_HEADS
            )
        ):
            return True
    lex = english_lexicon()
    if term_after(text, end) or lab_value_after(text, end) or latin_name_after(text, end, lex.is_english):
        return True  # "X is a condition", "Prolactin: 10.57", "HBsAg negative", "Tinea cruris"
    unknown = [w for w in WORD.findall(text[start:end]) if not lex.is_english(w)]
    return bool(unknown) and all(_lower_case_term(text, w) for w in unknown)


def _medical_before(text: str, start: int, end: int) -> bool:
    if _TERM_BEFORE.search(text, max(0, start - 40), start) or diagnosis_before(text, start, end):
        return True
    before = _ADJACENT_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and _neighbour_drug(before.group(1))


def _lower_case_term(text: str, word: str) -> bool:
    """True when ``word`` also appears in lower case in ``text``, after a diagnosis or drug cue."""
    for a, b in lower_case_elsewhere(text, word):
        if _medical_before(text, a, b) or _DRUG_BEFORE.search(text, max(0, a - 48), a) or term_after(text, b):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _exact(chunk: str) -> re.Pattern:
    return re.compile(rf"(?<![\p{{L}}\p{{M}}\d]){re.escape(chunk)}(?![\p{{L}}\p{{M}}\d])")


def term_elsewhere(text: str, start: int, end: int, limit: int = 12) -> bool:
    """True when text[start:end] occurs elsewhere in the text as a drug or a medical term: a word
    is a term throughout a text once the words around one of its uses show it ("Elidel
    (pimecrolimus) ... the use of Elidel"); an eponym use does not count ("Bell's palsy").
    Looks at ``limit`` other occurrences at most."""
    chunk = text[start:end]
    seen = 0
    for m in _exact(chunk).finditer(text):
        if m.start() == start:
            continue
        a, b = m.span()
        if not eponym_context(text, a, b) and (medical_context(text, a, b) or drug_context(text, a, b)):
            return True
        seen += 1
        if seen >= limit:
            break
    return False


# ---------------------------------------------------------------- trimming spans
def title_before(text: str, start: int) -> bool:
    """True when a title ("Dr.", "Mrs") stands right before ``start``."""
    return bool(re.search(rf"\b{TITLE_ABBR}\.?[ \t]+$", text[max(0, start - 8) : start]))


_TITLE = re.compile(TITLE_ABBR + r"\.?")


def trim_name(text: str, start: int, end: int, strict: bool = False) -> tuple[int, int] | None:
    """Shrink a name span to its name-like words; None if nothing is left or it is an eponym.

    Drops titles, common and medical words at both ends and clause-opening words ("Started",
    "Continue") at the start. With ``strict`` (weak cues), the first word must not be an English
    verb, adjective or adverb either.
    """
    words = [(m.start() + start, m.end() + start, m.group()) for m in WORD.finditer(text[start:end])]
    lex = english_lexicon()

    def not_a_name(word: str, strict: bool = False) -> bool:  # an eponym may be a surname: judged below
        return lex.not_a_name(word, strict=strict) and not _eponym_word(word)

    title = _TITLE
    while words and (not_a_name(words[0][2]) or lex.is_clause_word(words[0][2]) or title.fullmatch(words[0][2])):
        words.pop(0)
    while words and not_a_name(words[-1][2]):
        words.pop()
    if not words:
        return None
    if strict and not_a_name(words[0][2], strict=True):
        return None
    s, e = words[0][0], words[-1][1]
    while e > s and text[e - 1] in ".'’-":
        e -= 1
    if eponym_context(text, s, e) and not title_before(text, s):
        return None
    return s, e


_PLACE_WORDS = frozenset(
    tokens("new north south east west saint st st. fort ft ft. mount mt mt. port lake san santa los las el la")
)


def english_noun(word: str) -> bool:
    """An English noun in singular or plural ("Deficiencies", "Symptoms")."""
    nouns = english_lexicon().nouns
    w = word.lower()
    return w in nouns or (w.endswith("ies") and w[:-3] + "y" in nouns) or (w.endswith("s") and w[:-1] in nouns)


def trim_place(text: str, start: int, end: int, strict: bool = False, medical: bool = True) -> tuple[int, int] | None:
    """Shrink a place span to its place-like words; None for a state, country, region or eponym.

    ``medical=False`` skips the medical-context vetoes, for a place that an address around it proves
    ("Tampa FL 33606" above a drug label's first line is no drug name).
    """
    if places.is_large_place(text[start:end]) or (medical and medical_use(text, start, end)):
        return None
    words = [(m.start() + start, m.end() + start, m.group()) for m in WORD.finditer(text[start:end])]
    lex = english_lexicon()

    def droppable(word: str) -> bool:
        return word.lower() not in _PLACE_WORDS and lex.not_a_name(word)

    while words and droppable(words[0][2]):
        words.pop(0)
    while words and droppable(words[-1][2]):
        words.pop()
    if not words or (len(words) == 1 and lex.is_clause_word(words[0][2])):
        return None  # nothing left, or a lone verb ("Requested by ...")
    s, e = words[0][0], words[-1][1]
    while e > s and text[e - 1] in ".'’-":
        e -= 1
    if places.is_large_place(text[s:e]) or all(w[2].lower() in _PLACE_WORDS for w in words):
        return None
    if strict and (
        lex.not_a_name(words[0][2], strict=True)
        or all(english_noun(w[2]) for w in words)
        or (e - s <= 5 and text[s:e].rstrip("s").isupper())
        or not looks_like_name(text, s, e)
    ):
        return None
    if medical and (medical_use(text, s, e) or drug_context(text, s, e)):
        return None
    return s, e
