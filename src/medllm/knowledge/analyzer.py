"""Text to BM25 terms: English lower-cased, stop words removed and stemmed; Chinese segmented with jieba.

bm25s splits on a regular expression, which leaves a run of Chinese characters as one "word", so a
Chinese query would only match a document holding the very same run. Text is therefore cut into CJK
and non-CJK runs first: CJK runs go to jieba (imported on first use: its dictionary takes about a
second to load, and an English-only knowledge base never pays it), the rest to the English pipeline.
Mixed text ("我有fever和头痛") works because each run is analysed on its own.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import Any

from bm25s.stopwords import STOPWORDS_CHINESE, STOPWORDS_EN_PLUS

# NLTK's English list (179 words, bm25s's STOPWORDS_EN_PLUS) rather than Lucene's 33: patient messages
# are full of "I have been ... what could it be", words a disease table rarely holds, so they would
# get a high IDF and reward the few chunks that happen to contain them.
_STOP_EN = frozenset(STOPWORDS_EN_PLUS)
_STOP_ZH = frozenset(STOPWORDS_CHINESE)
_CJK_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
_WORD = re.compile(r"[^\W_]+")
_jieba_lock = threading.Lock()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _jieba() -> Any:
    with _jieba_lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # it prints "Building prefix dict..." at INFO on first use
        jieba.initialize()
        return jieba


def _english_terms(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.casefold()) if w not in _STOP_EN]
    return _stemmer().stemWords(words) if words else []


def _chinese_terms(text: str) -> list[str]:
    return [w for w in _jieba().lcut(text) if w.strip() and w not in _STOP_ZH]


def analyze(text: str) -> list[str]:
    """The BM25 terms of ``text``, in order (repeats kept: BM25 counts term frequency).

    Args:
        text: any text; English, Chinese or both.

    Returns:
        Lower-cased, stemmed English terms without stop words, and jieba's Chinese words without
        Chinese stop words. Other scripts are lower-cased and split on non-word characters.
    """
    terms: list[str] = []
    for i, part in enumerate(_CJK_RUN.split(text)):
        if not part:
            continue
        # re.split with one capturing group alternates: even parts are non-CJK, odd parts CJK runs.
        terms.extend(_chinese_terms(part) if i % 2 else _english_terms(part))
    return terms


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds any CJK ideograph (and so needs jieba)."""
    return _CJK_RUN.search(text) is not None
