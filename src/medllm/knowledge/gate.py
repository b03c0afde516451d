"""The relevance gate: is the best passage good enough to answer from?

Retrieval always returns *something*; for a question the knowledge base does not cover, those passages
are noise, and a small model answers worse with noise than without it (MedRAG's own results). The
assistant therefore uses passages only when the query's relevance score reaches a threshold.

Scores with an absolute meaning, comparable across queries:

- ``cosine`` (``dense`` and ``hybrid``): the best cosine similarity between the query's and any
  chunk's MiniLM embedding.
- ``bm25_norm`` (``bm25``, which must not load the encoder): the best BM25 score divided by the
  score a chunk would get by matching every query term infinitely often (the sum of the query terms'
  IDFs, an unseen term counting at the largest IDF), so 0 is "no term matched" and values near 1
  "every rare term matched".

Thresholds were chosen on the dev split of ``benchmarks/bench_retrieval.py`` (a knowledge base built
without a fifth of the diseases; queries about indexed diseases should pass, queries about held-out
diseases and general non-medical questions should not) and checked on its test split; see
docs/knowledge.md, "Relevance gate", for the command and the figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

GATE_SCORE = {"bm25": "bm25_norm", "dense": "cosine", "hybrid": "cosine"}

# Measured, not guessed. `python benchmarks/bench_retrieval.py` (seed 0): the knowledge base without 159
# held-out diseases; per split about 480 queries about indexed diseases (positives), 600 about held-out
# ones and 400 general questions (negatives). The cut maximising Youden's J on dev, rounded:
# cosine 0.4355 -> 0.44 (dev AUC 0.742), bm25_norm 0.1455 -> 0.15 (dev AUC 0.700). On test, cosine at
# 0.44: precision 0.45, recall 0.98, AUC 0.73; it turns away 98.5% of general questions (AUC 0.998) but
# only 3% of questions about diseases the knowledge base lacks (AUC 0.54): their symptoms are those of
# diseases it holds. Figures of the last run: docs/knowledge.md, "Relevance gate".
# Override per call with retrieve(threshold=...).
DEFAULT_THRESHOLDS = {
    "bm25": 0.15,
    "dense": 0.44,
    "hybrid": 0.44,
}


def idf_array(indptr: np.ndarray, num_docs: int) -> np.ndarray:
    """Lucene's IDF of every vocabulary term, from the BM25 matrix's column pointers (document counts)."""
    df = np.diff(np.asarray(indptr, dtype=np.int64)).astype(np.float64)
    return np.log1p((num_docs - df + 0.5) / (df + 0.5))


def bm25_norm(best: float, term_ids: Sequence[int], unseen_terms: int, idf: np.ndarray, num_docs: int) -> float:
    """The best BM25 score over its maximum for this query (Lucene BM25's term weight tends to the IDF).

    Args:
        best: the best chunk's BM25 score.
        term_ids: the query's distinct terms found in the vocabulary.
        unseen_terms: how many distinct query terms are not in the vocabulary.
        idf: :func:`idf_array` of the index.
        num_docs: chunks in the index.

    Returns:
        A number in ``[0, 1)``; 0 when the query has no terms.
    """
    top_idf = math.log1p((num_docs + 0.5) / 0.5)
    bound = float(idf[list(term_ids)].sum()) + unseen_terms * top_idf
    return max(0.0, best / bound) if bound > 0 else 0.0
