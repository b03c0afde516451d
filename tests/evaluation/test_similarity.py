"""BLEU (sacreBLEU), ROUGE-L and embedding cosine similarity between answers and reference answers."""

from __future__ import annotations

import math

import pytest

from medllm.evaluation.similarity import (
    bleu_signature,
    bleu_tokenizer,
    corpus_bleu,
    embedding_similarity,
    load_embedding_model,
    sentence_bleu,
)
from medllm.io.issues import DataError


def _bleu(precisions: list[float], brevity_penalty: float = 1.0) -> float:
    """BLEU by its definition (Papineni et al., 2002): BP times the geometric mean of n-gram precisions, x100."""
    return 100 * brevity_penalty * math.exp(sum(math.log(p) for p in precisions) / len(precisions))


def test_tokenizer_follows_the_records_language() -> None:
    assert bleu_tokenizer("en") == "13a"
    assert bleu_tokenizer("zh") == bleu_tokenizer("zh-CN") == bleu_tokenizer("zh_Hans") == "zh"
    assert bleu_tokenizer("fr", "头痛") == "13a"  # a stated language wins over the text
    assert bleu_tokenizer(None, "我头痛") == "zh"
    assert bleu_tokenizer(None, "I have a headache") == "13a"


def test_sentence_bleu_identical_and_disjoint() -> None:
    text = "Drink plenty of fluids and see a doctor if the fever lasts more than three days."
    assert sentence_bleu(text, text) == pytest.approx(100.0)
    assert sentence_bleu("hello world again", "completely different words here") == 0.0
    assert sentence_bleu("", "any reference") == 0.0


def test_sentence_bleu_matches_the_definition() -> None:
    # 13a splits off the final period: hypothesis [Drink, water, .], reference [Drink, water, and, rest, .].
    # Unigrams 3/3, bigrams 1/2, trigrams 0/1 (sacreBLEU's "exp" smoothing: 1/(2*1)); no 4-grams in the
    # hypothesis, so effective order 3. Brevity penalty exp(1 - 5/3).
    expected = _bleu([3 / 3, 1 / 2, 1 / 2], math.exp(1 - 5 / 3))
    assert sentence_bleu("Drink water.", "Drink water and rest.") == pytest.approx(expected, abs=1e-9)


def test_chinese_is_scored_per_character() -> None:
    # zh: 我 头 痛 vs 我 头 疼: unigrams 2/3, bigrams 1/2 (我头), trigrams 0/1 -> 1/2 smoothed; equal lengths.
    assert sentence_bleu("我头痛", "我头疼", "zh") == pytest.approx(_bleu([2 / 3, 1 / 2, 1 / 2]), abs=1e-9)
    # 13a sees one unsplit "word" on each side, which differ: nothing matches.
    assert sentence_bleu("我头痛", "我头疼", "13a") == 0.0
    assert sentence_bleu("我头痛三天了", "我头痛三天了", "zh") == pytest.approx(100.0)


def test_corpus_bleu_pools_ngram_counts() -> None:
    candidates = ["the cat sat on the mat", "hello world"]
    references = ["the cat sat on the mat", "goodbye moon"]
    # Pooled over both pairs ("hello world" has 2 unigrams, 1 bigram, no trigram): unigrams 6/8, bigrams 5/6,
    # trigrams 4/4, 4-grams 3/3, lengths 8 = 8. Not the mean of the sentence scores (100 and 0).
    assert corpus_bleu(candidates, references) == pytest.approx(_bleu([6 / 8, 5 / 6, 4 / 4, 3 / 3]), abs=1e-9)
    assert corpus_bleu(references, references) == pytest.approx(100.0)
    assert math.isnan(corpus_bleu([], []))
    with pytest.raises(ValueError, match="2 candidates but 1 references"):
        corpus_bleu(candidates, references[:1])
    assert "tok:zh" in bleu_signature("zh") and "tok:13a" in bleu_signature("13a")


def test_embedding_cosine_ranks_paraphrase_above_unrelated() -> None:
    reference = "I have had a headache since yesterday."
    scores = embedding_similarity(
        [reference, "My head has been hurting since yesterday.", "The stock market fell sharply today.", "  "],
        [reference] * 4,
    )
    identical, paraphrase, unrelated, empty = scores.cosine
    assert identical == pytest.approx(1.0, abs=1e-4)
    assert paraphrase > unrelated + 0.2
    assert empty == 0.0  # an empty answer is similar to nothing
    assert scores.truncated == [False] * 4
    assert scores.unknown_rate == [0.0] * 4


def test_embedding_limits_are_reported() -> None:
    long_answer = " ".join(["Paracetamol can relieve the fever."] * 80)  # ~480 word pieces, MiniLM reads 254
    scores = embedding_similarity([long_answer, "我头痛三天了"], ["Rest and fluids.", "我头疼"])
    assert scores.truncated == [True, False]
    # all-MiniLM-L6-v2's vocabulary lacks most of these characters: they become [UNK]
    assert scores.unknown_rate[1] > 0.3


def test_embedding_model_is_loaded_once_and_errors_are_clear() -> None:
    assert load_embedding_model(None) is load_embedding_model(None)
    with pytest.raises(DataError, match=r"cannot load the embedding model .*local sentence-transformers folder"):
        load_embedding_model("/nonexistent/embedding-model")
