"""Chinese word segmentation for the Chinese analyzer: jieba's words and part-of-speech tags.

jieba ships its dictionary and HMM inside the wheel, so nothing is downloaded at run time. Its
part-of-speech tagger marks person names (``nr``), place names (``ns``) and other proper nouns
(``nz``); the name and place recognizers use those tags as one signal among several, never alone,
because the tagger also calls ordinary words names ("谢谢", "过敏").

:class:`JiebaNlpEngine` is a Presidio :class:`~presidio_analyzer.nlp_engine.NlpEngine`, so the
Chinese recognizers run in a normal :class:`~presidio_analyzer.AnalyzerEngine`; the artifacts it
returns carry the words with their offsets (:attr:`ChineseArtifacts.words`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

logger = logging.getLogger(__name__)

_PUNCT = frozenset("，。、；：？！“”‘’（）《》【】…—·,.;:?!\"'()[]<>-/ \t\n")


class Word(NamedTuple):
    """One jieba word: its text, part-of-speech flag and character offsets."""

    text: str
    flag: str
    start: int
    end: int


@functools.cache
def _tagger():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    tagger.tokenizer.initialize()
    return tagger


def segment(text: str) -> list[Word]:
    """jieba's words of ``text`` with their part-of-speech flags and offsets (HMM on)."""
    words = []
    position = 0
    for pair in _tagger().cut(text):
        end = position + len(pair.word)
        words.append(Word(pair.word, pair.flag, position, end))
        position = end
    return words


def dictionary_flag(word: str) -> str | None:
    """The part-of-speech flag jieba's dictionary gives ``word``, or None for a word it lacks."""
    return _tagger().word_tag_tab.get(word)


class ChineseArtifacts(NlpArtifacts):
    """Presidio artifacts for Chinese text, with jieba's words (:class:`Word`) in ``words``."""

    def __init__(self, text: str, words: list[Word], nlp_engine: NlpEngine) -> None:
        super().__init__(
            entities=[],
            tokens=[w.text for w in words],  # type: ignore[arg-type]
            tokens_indices=[w.start for w in words],
            lemmas=[w.text for w in words],
            nlp_engine=nlp_engine,
            language="zh",
        )
        self.text = text
        self.words = words


class JiebaNlpEngine(NlpEngine):
    """A Presidio NLP engine for Chinese built on jieba (no model files beyond jieba's own)."""

    engine_name = "jieba"

    def __init__(self) -> None:
        self._loaded = False

    def load(self) -> None:
        _tagger()
        self._loaded = True

    def is_loaded(self) -> bool:
        return self._loaded

    def process_text(self, text: str, language: str) -> ChineseArtifacts:
        return ChineseArtifacts(text, segment(text), self)

    def process_batch(
        self,
        texts: Iterable[str] | Iterable[tuple[str, object]],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        as_tuples: bool = False,
    ) -> Iterator[tuple]:
        for item in texts:
            if as_tuples:
                text, context = item  # type: ignore[misc]
                yield text, self.process_text(str(text), language), context
            else:
                yield item, self.process_text(str(item), language)

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return bool(word) and all(c in _PUNCT for c in word)

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return ["zh"]
