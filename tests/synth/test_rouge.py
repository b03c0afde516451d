"""The ROUGE-L pool filter decides exactly as rouge-score's ROUGE-L F-measure does at 0.7."""

from __future__ import annotations

import random

import pytest

from medllm.synth.rouge import RougePool, filter_texts, lcs_length, rouge_f, rouge_tokens

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")


def reference_filter(texts: list[str], threshold: float = 0.7, pool: tuple[str, ...] = ()) -> list[bool]:
    """The plain rouge-score loop: each text against every kept one, newer member dropped."""
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    kept = [scorer._tokenizer.tokenize(t) for t in pool]
    decisions = []
    for text in texts:
        tokens = scorer._tokenizer.tokenize(text)
        drop = any(rouge_scorer._score_lcs(tokens, other).fmeasure > threshold for other in kept)
        decisions.append(not drop)
        if not drop:
            kept.append(tokens)
    return decisions


@pytest.fixture(scope="module")
def corpus(mirror) -> list[str]:
    from medllm.testing.instructions import instruction_corpus

    return instruction_corpus(2000, seed=7)


def test_tokens_and_pair_scores_equal_rouge_score() -> None:
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    rng = random.Random(0)
    words = [
        "the",
        "a",
        "of",
        "patient",
        "pain",
        "chest",
        "fever",
        "explain",
        "type",
        "2",
        "diabetes",
        "heart",
        "blood",
        "test",
        "what",
        "is",
        "it's",
        "x-ray",
    ]
    for _ in range(2000):
        a = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        b = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        ta, tb = rouge_tokens(a), rouge_tokens(b)
        assert ta == scorer._tokenizer.tokenize(a)
        vocab: dict[str, int] = {}
        ids_a = [vocab.setdefault(t, len(vocab)) for t in ta]
        ids_b = [vocab.setdefault(t, len(vocab)) for t in tb]
        assert rouge_f(lcs_length(ids_a, ids_b), len(ta), len(tb)) == scorer.score(a, b)["rougeL"].fmeasure


def test_long_texts_use_big_integers() -> None:
    a = " ".join(f"w{i % 50}" for i in range(300))
    b = " ".join(f"w{(i * 7) % 50}" for i in range(280))
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    ids = {t: i for i, t in enumerate(sorted(set(a.split()) | set(b.split())))}
    lcs = lcs_length([ids[t] for t in a.split()], [ids[t] for t in b.split()])
    assert rouge_f(lcs, 300, 280) == scorer.score(a, b)["rougeL"].fmeasure


def test_only_the_newer_member_is_dropped() -> None:
    pool = RougePool(0.7)
    assert pool.add("Explain the treatment of type 2 diabetes in adults.").kept
    second = pool.add("Explain the treatment of type 2 diabetes in older adults.")
    assert not second.kept and second.match == 0 and second.score > 0.7
    assert pool.add("Describe the symptoms of asthma in children.").kept
    assert len(pool) == 2  # the first member stays; AlpaCare's filter dropped both
    assert pool.add("").kept  # rouge-score gives an empty text F = 0 against anything


def test_pool_decisions_equal_rouge_score_on_a_sample(corpus: list[str]) -> None:
    sample = corpus[:250]
    seeds = tuple(corpus[1900:1950])
    mine = filter_texts(sample, 0.7, pool=seeds)
    assert mine == reference_filter(sample, 0.7, pool=seeds)
    assert 0 < mine.count(False) < len(mine)  # the sample has both kinds


@pytest.mark.slow
def test_pool_decisions_equal_rouge_score_on_2k(corpus: list[str]) -> None:
    mine = filter_texts(corpus, 0.7)
    assert mine == reference_filter(corpus, 0.7)
