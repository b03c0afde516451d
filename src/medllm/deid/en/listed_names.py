"""English names that have no capital letter or no label: the census name lists plus the words around them.

Patients write "my wife rose has diabetes", "this is grace", "thanks so much Destiny!",
"is it normal that susan sleeps all day", "please send it to robert cortez". The capitalised-name
recognizers of :mod:`medllm.deid.en.names` and spaCy's NER miss these. One pass over the words
of a text finds a name (:mod:`medllm.deid.wordlists.names`) when:

- a **cue** stands before it: a relation ("my wife", "our son"), an introduction ("this is",
  "it's", "i'm", "my name is"), a greeting or thanks ("hi", "dear", "thanks so much"), or a title
  ("dr", "mrs."), in any case; surnames may follow the given name ("my wife Rose Baker");
- **no cue**, but a given name that is not an English word stands before a verb ("susan sleeps",
  "rosemary and i"), or a capitalised given name opens a sentence before a narrative verb
  ("Faith has been ...", "Grace called ...");
- a **pair** of a given name and a surname, neither of them an English word ("robert cortez").

Medical words never count as names, and a word that is both a given name and an ordinary word
("Hope", "Will", "Rose") needs a cue or a narrative verb.
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

_WORD = re.compile(r"[\p{L}][\p{L}\p{M}'’-]*")
_RELATIONS = frozenset(
    tokens(
        """
wife husband son daughter mother father mom mum dad brother sister friend partner boyfriend girlfriend fiance
fiancee grandson granddaughter grandmother grandfather grandma grandpa granny aunt uncle cousin nephew niece
neighbor neighbour caregiver carer baby child kid twin roommate colleague coworker co-worker boss stepson
stepdaughter stepmother stepfather sibling spouse doctor gp physician nurse therapist dentist surgeon
midwife pharmacist counselor counsellor mother-in-law father-in-law sister-in-law brother-in-law
"""
    )
)
# People a clinical note names by role, without "my" ("doula Harmony", "guardian Patience Okeke", "attn Gwen").
_NOTE_ROLES = frozenset(
    tokens(
        "doula guardian midwife interpreter chaperone sitter attn hcp proxy poa spouse "
        # Added after blind batch 14: "Aboriginal Health Worker Raylene", "CRC Hollis", "carer Rose".
        "worker caseworker keyworker crc coordinator aide carer caregiver chaplain paramedic rph pharmacist"
    )
)
_POSSESSIVES = frozenset(tokens("my our his her their your the patient's"))
_INTRODUCTIONS = ("this is", "it's", "it’s", "its", "it is", "i'm", "i’m", "im", "i am", "name is", "named", "call me",
                  "signed", "regards", "sincerely", "cheers", "love")  # fmt: skip
_GREETINGS = frozenset(tokens("hi hello hey dear thanks thank thx"))
# Verbs whose object is usually a person: "phone Anika on ...", "email kathryn the forms", "bring lily".
_PERSON_VERBS = frozenset(tokens("phone call ring text email e-mail message tell ask remind bring meet visit page"))
# Words a patient writes before a name at the start of a message ("lol bahadurjit told me").
_OPENERS = frozenset(tokens("lol omg so and but ok okay well also"))
_TITLES = frozenset(tokens("dr dr. mr mr. mrs mrs. ms ms. mx mx. miss prof prof. doctor nurse sister"))
_NOT_NAMES = frozenset(
    tokens(
        """
son man ok miss numbers junior long brain chin manual major queen sun moon spring season january september
sunday easter german irish christian lean loan marry carry desire chance angle golden fine good sick sorry
tired worried scared glad happy sure well better worse back here there home done going having getting also
just not still very really now again always never afraid okay hoping writing asking feeling
everybody everyone somebody someone anybody anyone nobody nothing everything something mum mom dad
"""
    )
)
_NARRATIVE = frozenset(
    tokens(
        """
has had is was says said thinks thought feels felt keeps kept called calls told tells asked asks went goes
wants wanted needs needed sleeps slept takes took gets got started stopped began came comes left lives lived
works worked died passed walked fell complained complains cried cries coughs coughed vomited seems seemed
looks looked tested turned visited stayed moved began begins wrote writes joined studied graduated
"""
    )
)


# "Erlendur, can I ...", "Maria, please ...": a name addressed before a question or a request.
_VOCATIVE = re.compile(
    r",[ \t]+(?i:can|could|would|will|please|thanks|thank|i|we|do|did|are|is|have|how|what|when|where|why)\b"
)
_MODALS = frozenset(tokens("can could should does did will would may might must shall"))


def _base_verb(word: str) -> bool:
    """An English verb in its base form ("can colleen take ...")."""
    return word in english_lexicon().verbs


def _is_verb(word: str) -> bool:
    w = word.lower()
    if w in _NARRATIVE:
        return True
    lemma = english_lexicon().lemma(w, "verb")
    return lemma is not None and lemma != w and w.endswith(("s", "ed"))


class ListedNameRecognizer(LocalRecognizer):
    """Names found with the census name lists and a cue, a verb, or a given-name-surname pair."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[NAME], name="ListedNameRecognizer", supported_language="en")
        self.priority = 2

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        given, family = first_names(), surnames()
        if not given:
            return []
        lex = english_lexicon()
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        lows = [w.lower().strip("'’") for _, _, w in words]
        found: list[tuple[int, int, float, str]] = []
        i = 0
        while i < len(words):
            start, end, word = words[i]
            low = lows[i]
            plain = low not in given and low not in family and not word[:1].isupper()
            before_verb = i + 1 < len(words) and lows[i + 1] in _NARRATIVE
            after_title = i > 0 and lows[i - 1].rstrip(".") in _TITLES
            if (plain and not before_verb and not after_title and not low.endswith(("'s", "’s"))) or (
                word.isupper() and len(word) > 1
            ):
                i += 1  # the common case: an ordinary lower-case word; or an acronym ("TAM", "APC")
                continue
            cue = self._cue(text, words, lows, i)
            span = None
            named = cue and self._could_be_name(word, low, cue, given, family, lex)
            if named and not _medical_here(text, start, end, low, given):
                j = i
                while j + 1 < len(words) and j - i < 2 and self._surname_follows(text, words, lows, j, family, lex):
                    j += 1
                span = (start, words[j][1], 0.75, f"after {cue}")
            elif (
                word[:1].isupper()
                and _sentence_start(text, start)
                and _VOCATIVE.match(text, end)
                and not lex.is_english(low)
                and not lex.not_a_name(word)
                and not medical.is_medical_word(low)
            ):
                span = (start, end, 0.55, "a name addressed at the start of a sentence")
            elif self._given(low, given) and i + 1 < len(words) and _adjacent(text, words, i):
                nxt = lows[i + 1]
                english = lex.is_english(low)
                with_me = nxt == "and" and i + 2 < len(lows) and lows[i + 2] in ("i", "me")
                modal = i > 0 and lows[i - 1] in _MODALS and _base_verb(nxt)
                if with_me or modal or nxt in _NARRATIVE or (not english and _is_verb(nxt)):
                    span = (start, end, 0.55, "given name before a verb")
                elif (
                    not english
                    and nxt in family
                    and nxt not in _NOT_NAMES
                    and not medical.is_medical_word(nxt)
                    # "robert cortez", "Robert Cortez", and "ryan Salazar" opening a message
                    and (
                        word.islower() == words[i + 1][2].islower()
                        or (word.islower() and _sentence_start(text, start) and not lex.is_english(nxt))
                    )
                ):
                    span = (start, words[i + 1][1], 0.5, "given name + surname")
            if span is None:
                span = self._without_cue(text, words, lows, i, given, family, lex)
            if span:
                found.append(span)
                i = next((k for k in range(i, len(words)) if words[k][1] >= span[1]), i) + 1
            else:
                i += 1
        return [explained_result(self, NAME, a, b, score, why) for a, b, score, why in found]

    @staticmethod
    def _without_cue(text: str, words, lows: list[str], i: int, given, family, lex) -> tuple | None:
        """Names with no cue word, judged by the word's shape and the words around it."""
        start, end, word = words[i]
        low = lows[i]
        # Each rule below needs one of these; most words have none, and the checks after are costly.
        if not (
            (i + 1 < len(words) and lows[i + 1] in _NARRATIVE)
            or low.endswith(("'s", "’s"))
            or (word[:1].isupper() and i > 0 and lows[i - 1] in _PERSON_BEFORE)
        ):
            return None
        if len(low) < 3 or low in _NOT_NAMES or medical.is_medical_word(low) or medical.is_drug_like(low):
            return None
        english = lex.is_english(low)
        opening = _sentence_start(text, start) or _after_comma(text, start) or (i > 0 and lows[i - 1] in _OPENERS)
        nxt = lows[i + 1] if i + 1 < len(words) and _adjacent(text, words, i) else ""
        # "tanmayi feels dizzy", "Milovan is very reliable", "hiral is much better": a word no
        # dictionary knows, opening a clause before a verb.
        if (
            opening
            and not english
            and not _inflected_english(low, lex)
            and low not in lex.nouns
            and low not in _RELATIONS
            and not lex.not_a_name(word)
            and nxt in _NARRATIVE  # a person's verbs only: "Zileuton helps" is a drug
            and not _medical_here(text, start, end, "", given)
            and not _drug_or_medical_sentence(text, start, end)
        ):
            return (start, end, 0.5, "unknown word opening a clause before a verb")
        # "after victor's birthday party", "Bronisława's kid": a given name owning something not medical.
        base = low[:-2] if low.endswith(("'s", "’s")) else ""
        if base in given and not (lex.is_english(base) and word.islower()) and not _large_place(base):
            after = _WORD.match(text, end + 1)
            if after and not medical.is_medical_word(after.group().lower()) and not _eponym(text, start, end - 2):
                return (start, end - 2, 0.5, "a given name with a possessive")
        # "says Tomaszewska.", "between him and Uta's kid": a capitalised census name inside a sentence.
        if (
            word[:1].isupper()
            and not word.isupper()
            and not opening
            and not english
            and i > 0
            and lows[i - 1] in _PERSON_BEFORE
            and not text[max(0, start - 2) : start].strip(" \t").endswith("-")
            and not (i + 1 < len(words) and medical.is_medical_word(lows[i + 1]))
            and (low in given or low in family)
            and not lex.not_a_name(word)
            and not _large_place(low)
            and not _eponym(text, start, end)
            and not _medical_here(text, start, end, "", given)
        ):
            return (start, end, 0.45, "a census name inside a sentence")
        return None

    @staticmethod
    def _cue(text: str, words, lows: list[str], i: int) -> str | None:
        """The cue right before word ``i`` (only spaces and a comma between), or None."""
        if i == 0:
            return None
        gap = text[words[i - 1][1] : words[i][0]]
        if gap.strip(" \t,:.") or "\n" in gap or ("." in gap and lows[i - 1] not in _TITLES):
            return None
        previous = lows[i - 1]
        two = f"{lows[i - 2]} {previous}" if i >= 2 and not text[words[i - 2][1] : words[i - 1][0]].strip() else ""
        if previous in _RELATIONS and i >= 2 and lows[i - 2] in _POSSESSIVES:
            return f"{lows[i - 2]} {previous}"
        # Notes name relatives without "my": "lives with partner Storm", "Wife Cherish updated", "doula Harmony".
        if (
            (previous in _RELATIONS or previous in _NOTE_ROLES)
            and words[i][2][:1].isupper()
            and not words[i][2].isupper()
            and (i < 2 or lows[i - 2] not in ("a", "an", "the", "any", "every", "no"))
        ):
            return previous
        if two in _INTRODUCTIONS or previous in _INTRODUCTIONS:
            return two if two in _INTRODUCTIONS else previous
        if previous in _TITLES or previous.rstrip(".") in _TITLES:
            return previous
        if previous in _GREETINGS or two in ("thank you", "so much", "very much"):
            return previous
        if previous in _PERSON_VERBS and lows[i] not in _NOT_NAMES:
            return previous
        return None

    @staticmethod
    def _could_be_name(word: str, low: str, cue: str, given, family, lex) -> bool:
        if (
            len(low) < 2
            or low in _NOT_NAMES
            or medical.is_medical_word(low)
            or (lex.not_a_name(word) and low not in given)
        ):
            return False
        if low in lex.common and not word[:1].isupper():
            return False  # "thanks so much", "this is it": a stop word in lower case is not a name
        if cue in _RELATIONS or cue in _NOTE_ROLES:
            # A capitalised word right after a bare role inside a sentence: "partner Storm", "doula Harmony".
            return word[:1].isupper() and len(low) >= 3 and not medical.is_drug_like(low)
        if cue.rstrip(".") in _TITLES:
            return low in family or low in given or not lex.is_english(low)  # "dr nazareth": any case
        if cue in _PERSON_VERBS:
            return low in given and not medical.is_drug_like(low)
        if low in given:
            return True
        return len(low) >= 3 and not lex.is_english(low)  # "it's jemma again", "my wife Okafor"

    @staticmethod
    def _surname_follows(text: str, words, lows: list[str], j: int, family, lex) -> bool:
        if text[words[j][1] : words[j + 1][0]] not in (" ", "\t"):
            return False
        word, low = words[j + 1][2], lows[j + 1]
        if low in _NOT_NAMES or medical.is_medical_word(low) or _is_verb(low) or low in ("and", "or", "is", "was"):
            return False
        if word[:1].isupper():
            return low in family or not lex.is_english(low)
        return low in family and not lex.is_english(low)

    @staticmethod
    def _given(low: str, given) -> bool:
        return (
            len(low) >= 3
            and low in given
            and low not in _NOT_NAMES
            and not medical.is_medical_word(low)
            and not _large_place(low)  # "France is moving": a country, though also a given name
        )


def _medical_here(text: str, start: int, end: int, low: str, given) -> bool:
    """A word that is no given name, used as a medical term here ("a condition called Placenta previa")."""
    if low in given:
        return False
    from medllm.deid.en.context import medical_use

    return medical_use(text, start, end)


_NOT_NAME_ENDINGS = tuple(
    tokens(
        """
ly tion tions ment ness ity ism ase ine in ide ate ol one
mab nib pril sartan statin mycin cillin azole vir pam lam
"""
    )
)
# Words before a name inside a sentence ("says Tomaszewska", "between him and Uta's kid").
_PERSON_BEFORE = frozenset(tokens("says said asks asked tells told named called thanked thank and by"))


def _drug_or_medical_sentence(text: str, start: int, end: int) -> bool:
    from medllm.deid.en.context import drug_context, medical_context

    return drug_context(text, start, end) or medical_context(text, start, end, before=False)


def _inflected_english(low: str, lex) -> bool:
    """A plural or adverb the lexicon lists only in its base form ("Hallucinations", "Conformationally")."""
    if low.endswith(_NOT_NAME_ENDINGS):
        return True  # adverbs and the endings of abstract nouns, enzymes, chemicals, drugs and proteins
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and (
            low[: -len(suffix)] + repl in lex.english or low[: -len(suffix)] + repl in lex.nouns
        ):
            return True
    return False


def _large_place(word: str) -> bool:
    from medllm.deid.wordlists.places import is_large_place

    return is_large_place(word)


def _eponym(text: str, start: int, end: int) -> bool:
    from medllm.deid.en.context import eponym_context

    return eponym_context(text, start, end)


def _after_comma(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] == ","


def _adjacent(text: str, words, i: int) -> bool:
    return text[words[i][1] : words[i + 1][0]] == " "


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n"
