"""Searching a knowledge base: BM25, dense, and their reciprocal-rank fusion, with the relevance gate."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from medllm.knowledge.analyzer import analyze
from medllm.knowledge.encoder import Encoder, default_encoder
from medllm.knowledge.gate import DEFAULT_THRESHOLDS, GATE_SCORE, bm25_norm, idf_array
from medllm.knowledge.store import IndexFiles, load_files, read_manifest, verify_files
from medllm.knowledge.types import Chunk, KBError, Retrieval, SearchHit

MODES = ("bm25", "dense", "hybrid")
# Weighted reciprocal-rank fusion: score(chunk) = 1 / (RRF_K + BM25 rank) + DENSE_WEIGHT / (RRF_K + dense
# rank). Cormack et al.'s equal weights and k = 60 made hybrid *worse* than BM25 alone here (dev split,
# mean recall@5 0.60 against 0.79; MRR 0.45 against 0.66) because the MiniLM ranks diseases from symptom
# lists poorly (recall@5 0.37). With k = 10 and a dense weight of 0.1 (the best of the grid k in {5, 10,
# 20, 60} x weight in {1, 0.5, 0.3, 0.2, 0.1}: recall@5 0.792, MRR 0.664) BM25 leads, the dense list
# breaks BM25's near-ties, and it alone ranks what BM25 cannot match at all (a paraphrase sharing no
# word with the text). `python benchmarks/bench_retrieval.py --tune`; docs/knowledge.md, "Tuning".
RRF_K = 10
DENSE_WEIGHT = 0.1
# How deep each list goes into the fusion: a chunk ranked below this in one list counts for the other
# list only. Deeper costs time and changes nothing in the top 10 (dev split).
FUSION_DEPTH = 100
# A query longer than this is cut (at a space where there is one): the encoder reads only its first
# 256 word pieces (about 1,000 characters) anyway, and BM25's cost grows with the query's distinct
# terms, so a 1 MB message is answered from its beginning (5 ms for BM25, 0.1 s hybrid) rather than slowly from all.
MAX_QUERY_CHARS = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_query(query: str) -> str:
    """``query`` made safe to search: cut to :data:`MAX_QUERY_CHARS`, control characters and unpaired
    surrogates (what undecodable bytes become) replaced, outer white space stripped."""
    text = str(query)[: MAX_QUERY_CHARS + 1]
    if len(text) > MAX_QUERY_CHARS:
        cut = text.rfind(" ", MAX_QUERY_CHARS * 9 // 10, MAX_QUERY_CHARS)
        text = text[: cut if cut > 0 else MAX_QUERY_CHARS]
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub(" ", text).strip()


def _top(scores: np.ndarray, depth: int) -> list[tuple[int, float]]:
    """The ``depth`` best (index, score) pairs with a positive score, best first, ties by index."""
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > depth:
        part = np.argpartition(-scores[candidates], depth - 1)[:depth]
        candidates = candidates[part]
    order = np.lexsort((candidates, -scores[candidates]))
    return [(int(i), float(scores[i])) for i in candidates[order]]


def rrf(
    lists: Sequence[Sequence[tuple[int, float]]], k: int, rrf_k: float = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Weighted reciprocal-rank fusion of ranked lists of (index, score); ties broken by the best single rank."""
    fused: dict[int, float] = {}
    best_rank: dict[int, int] = {}
    for ranked, weight in zip(lists, weights or [1.0] * len(lists), strict=True):
        for rank, (index, _) in enumerate(ranked, start=1):
            fused[index] = fused.get(index, 0.0) + weight / (rrf_k + rank)
            best_rank[index] = min(best_rank.get(index, rank), rank)
    order = sorted(fused, key=lambda i: (-fused[i], best_rank[i], i))
    return [(i, fused[i]) for i in order[:k]]


class KnowledgeBase:
    """An opened knowledge base: chunks, a BM25 index and a dense index, searched in three modes.

    Open with :meth:`open`; build with :func:`medllm.knowledge.build_kb`. The encoder loads on the
    first ``dense`` or ``hybrid`` search (a ``bm25`` search never imports torch). Searches are
    read-only and may run from several threads.
    """

    def __init__(self, path: Path, manifest: dict[str, Any], files: IndexFiles, encoder: Encoder) -> None:
        self.path = path
        self.manifest = manifest
        self.chunks = files.chunks
        self._files = files
        self._bm25 = files.bm25
        self._vocab: dict[str, int] = files.bm25.vocab_dict
        self._idf = idf_array(files.bm25.scores["indptr"], len(files.chunks))
        self._encoder = encoder
        self.rrf_k: float = RRF_K  # settable for tuning; see RRF_K
        self.dense_weight: float = DENSE_WEIGHT
        self._by_doc: dict[str, list[Chunk]] | None = None

    @classmethod
    def open(cls, path: str | Path, *, encoder: Encoder | None = None) -> KnowledgeBase:
        """Open the knowledge base in folder ``path``, verifying every file first.

        Args:
            path: the folder written by :func:`~medllm.knowledge.build_kb`.
            encoder: the query encoder; default the packaged MiniLM. Its ``name`` must be the one the
                knowledge base was embedded with.

        Raises:
            KBError: the folder is missing, not a knowledge base, of another format version, damaged
                (a file missing, truncated or altered), inconsistent, or embedded with another model.
        """
        folder = Path(path)
        manifest = read_manifest(folder)
        verify_files(folder, manifest)
        files = load_files(folder, manifest)
        encoder = encoder or default_encoder()  # constructing it loads nothing
        model = manifest.get("embedding", {}).get("model")
        if model != encoder.name:
            raise KBError(f"{folder}: embedded with {model}; queries would be encoded with {encoder.name}")
        return cls(folder, manifest, files, encoder)

    def __len__(self) -> int:
        return len(self.chunks)

    def document(self, doc_id: str) -> list[Chunk]:
        """Every chunk of one document, in order (a disease's symptoms, treatment and description);
        ``[]`` for an unknown id."""
        if self._by_doc is None:
            by_doc: dict[str, list[Chunk]] = {}
            for chunk in self.chunks:
                by_doc.setdefault(chunk.doc_id, []).append(chunk)
            self._by_doc = by_doc
        return list(self._by_doc.get(doc_id, []))

    @property
    def encoder(self) -> Encoder:
        """The query encoder (the MiniLM loads its weights on its first encoding)."""
        return self._encoder

    # --- the two retrievers ---------------------------------------------------------------------------

    def _lexical(self, query: str, depth: int) -> tuple[list[tuple[int, float]], float]:
        """BM25's ranked list and the normalised best score (the bm25 gate score)."""
        terms = list(dict.fromkeys(analyze(query)))  # distinct: a repeated word is not a stronger query
        ids = [self._vocab[t] for t in terms if t in self._vocab]
        if not ids:
            return [], 0.0
        ranked = _top(self._bm25.get_scores_from_ids(ids), depth)
        best = ranked[0][1] if ranked else 0.0
        return ranked, bm25_norm(best, ids, len(terms) - len(ids), self._idf, len(self.chunks))

    def _dense(self, queries: Sequence[str], depth: int) -> list[list[tuple[int, float]]]:
        vectors = self.encoder.encode(list(queries))
        scores, indices = self._files.dense.search(vectors, min(depth, len(self.chunks)))
        return [
            [(int(i), float(s)) for i, s in zip(row_i, row_s, strict=True) if i >= 0]
            for row_i, row_s in zip(indices, scores, strict=True)
        ]

    def _ranked_many(self, queries: Sequence[str], k: int, mode: str) -> list[tuple[list[tuple[int, float]], float]]:
        """For each (clean, non-empty) query: its best ``k`` (index, score) pairs and its gate score."""
        depth = max(k, FUSION_DEPTH) if mode == "hybrid" else k
        dense = self._dense(queries, depth) if mode != "bm25" else [[] for _ in queries]
        out = []
        for query, dense_list in zip(queries, dense, strict=True):
            cosine = dense_list[0][1] if dense_list else 0.0
            if mode == "dense":
                out.append((dense_list[:k], cosine))
                continue
            lexical, normalised = self._lexical(query, depth)
            if mode == "bm25":
                out.append((lexical[:k], normalised))
            else:
                gate = cosine if GATE_SCORE["hybrid"] == "cosine" else normalised
                out.append((rrf([lexical, dense_list], k, self.rrf_k, [1.0, self.dense_weight]), gate))
        return out

    def _hits(self, ranked: list[tuple[int, float]]) -> list[SearchHit]:
        hits = []
        for rank, (index, score) in enumerate(ranked, start=1):
            c = self.chunks[index]
            hits.append(SearchHit(c.id, c.doc_id, c.name, c.text, c.source, score, rank, dict(c.metadata)))
        return hits

    # --- public search ----------------------------------------------------------------------------------

    def search_many(self, queries: Sequence[str], k: int = 5, mode: str = "hybrid") -> list[list[SearchHit]]:
        """Search many queries at once (the encoder runs in batches): one hit list per query, in order.

        Args:
            queries: the queries; empty or blank ones get ``[]``.
            k: hits per query.
            mode: ``bm25``, ``dense`` or ``hybrid``.

        Raises:
            ValueError: unknown mode or ``k < 1``.
        """
        return [hits for hits, _ in self._search_many(queries, k, mode)]

    def _search_many(self, queries: Sequence[str], k: int, mode: str) -> list[tuple[list[SearchHit], float]]:
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r} (expected one of {', '.join(MODES)})")
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        cleaned = [clean_query(q) for q in queries]
        todo = [i for i, q in enumerate(cleaned) if q]
        results: list[tuple[list[SearchHit], float]] = [([], 0.0) for _ in cleaned]
        if todo:
            for i, (ranked, gate) in zip(todo, self._ranked_many([cleaned[i] for i in todo], k, mode), strict=True):
                results[i] = (self._hits(ranked), gate)
        return results

    def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list[SearchHit]:
        """The ``k`` best chunks for ``query``, best first.

        Args:
            query: any text; an empty or blank query gives ``[]``; a very long one is cut to its first
                :data:`MAX_QUERY_CHARS` characters.
            k: how many hits.
            mode: ``bm25`` (lexical), ``dense`` (MiniLM cosine) or ``hybrid`` (reciprocal-rank fusion).

        Raises:
            ValueError: unknown mode or ``k < 1``.
        """
        return self.search_many([query], k, mode)[0]

    def retrieve(self, query: str, k: int = 5, mode: str = "hybrid", *, threshold: float | None = None) -> Retrieval:
        """Search and judge relevance: use ``hits`` only when ``.relevant`` (see :mod:`medllm.knowledge.gate`).

        Args:
            query: as for :meth:`search`.
            k: how many hits.
            mode: as for :meth:`search`.
            threshold: the gate's threshold; default :data:`~medllm.knowledge.gate.DEFAULT_THRESHOLDS` of the mode.

        Raises:
            ValueError: unknown mode or ``k < 1``.
        """
        return self.retrieve_many([query], k, mode, threshold=threshold)[0]

    def retrieve_many(
        self, queries: Sequence[str], k: int = 5, mode: str = "hybrid", *, threshold: float | None = None
    ) -> list[Retrieval]:
        """:meth:`retrieve` for many queries at once (the encoder runs in batches), in order."""
        limit = DEFAULT_THRESHOLDS.get(mode, 0.0) if threshold is None else float(threshold)
        return [
            Retrieval(query=query, mode=mode, hits=hits, relevance=relevance, threshold=limit)
            for query, (hits, relevance) in zip(queries, self._search_many(queries, k, mode), strict=True)
        ]

    def stats(self) -> dict[str, Any]:
        """What the knowledge base holds and how it was built (counts, sources, settings, sizes)."""
        m = self.manifest
        return {
            "path": str(self.path),
            "format_version": m["format_version"],
            "medllm_version": m.get("medllm_version"),
            "created": m.get("created"),
            "updated": m.get("updated"),
            "documents": m["counts"]["documents"],
            "chunks": m["counts"]["chunks"],
            "chunks_by_section": dict(Counter(c.metadata.get("section", "text") for c in self.chunks)),
            "vocabulary": len(self._vocab),
            "sources": m.get("sources", []),
            "embedding": m.get("embedding"),
            "chunking": m.get("chunking"),
            "bm25": m.get("bm25"),
            "gate": {"score": GATE_SCORE, "thresholds": DEFAULT_THRESHOLDS},
            "size_bytes": sum(f["size"] for f in m["files"].values()),
        }
