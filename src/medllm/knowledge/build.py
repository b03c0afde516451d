"""Building a knowledge base from sources, and adding sources to one without rebuilding it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from medllm.io.issues import IssueLog, OnIssue, RowIssue
from medllm.knowledge.analyzer import analyze
from medllm.knowledge.chunking import DEFAULT_CHUNK_TOKENS, DEFAULT_OVERLAP, ENCODER_WINDOW, ChunkSettings
from medllm.knowledge.encoder import Encoder, default_encoder
from medllm.knowledge.sources import SourceDoc, chunk_document, read_source
from medllm.knowledge.store import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    IndexFiles,
    load_files,
    medllm_version,
    now,
    read_manifest,
    verify_files,
    write_files,
)
from medllm.knowledge.types import Chunk, KBError
from medllm.records.errors import Reason

# Lucene's BM25 variant as bm25s computes it, with its usual k1 and b: on the dev split the grid
# k1 in {0.9, 1.2, 1.5} x b in {0.4, 0.75, 1} is flat (mean recall@5 0.783 to 0.791, MRR 0.650 to
# 0.666; k1 1.2, b 1 best by 0.002), so the standard values stay, which also suit documents longer than
# ChatDoctor's (docs/knowledge.md, "Tuning").
BM25_PARAMS: dict[str, Any] = {"k1": 1.2, "b": 0.75, "method": "lucene"}
_EMBED_BATCH = 256  # chunks per progress report while embedding
_ISSUES_SHOWN = 20

ProgressFn = Callable[[str], None]


def _noop(_: str) -> None:
    pass


def _read_documents(
    sources: Iterable[str | Path], report: OnIssue, known: set[str]
) -> tuple[list[SourceDoc], list[dict[str, Any]]]:
    """Every document of every source; a repeated document id is reported and skipped."""
    docs: list[SourceDoc] = []
    per_source: list[dict[str, Any]] = []
    seen = set(known)
    for source in sources:
        count = 0
        for doc in read_source(source, report):
            if doc.doc_id in seen:
                message = f"duplicate document id {doc.doc_id!r}; the first one is kept"
                report(RowIssue(str(source), None, Reason.INVALID_VALUE, message, field="id"))
                continue
            seen.add(doc.doc_id)
            docs.append(doc)
            count += 1
        per_source.append({"source": str(source), "documents": count})
    return docs, per_source


def _embed(encoder: Encoder, chunks: Sequence[Chunk], progress: ProgressFn) -> np.ndarray:
    texts = [c.indexed_text() for c in chunks]
    # Longest first in fixed slices keeps padding low and lets progress be reported per slice.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    vectors = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    for start in range(0, len(order), _EMBED_BATCH):
        part = order[start : start + _EMBED_BATCH]
        vectors[part] = encoder.encode([texts[i] for i in part])
        progress(f"embedded {min(start + _EMBED_BATCH, len(order))}/{len(order)} chunks")
    return vectors


def _term_ids(chunks: Sequence[Chunk], vocab: dict[str, int]) -> list[list[int]]:
    """Each chunk's BM25 terms as vocabulary ids, growing ``vocab`` with unseen terms."""
    out = []
    for chunk in chunks:
        ids = []
        for term in analyze(chunk.indexed_text()):
            ids.append(vocab.setdefault(term, len(vocab)))
        out.append(ids)
    return out


def _bm25(term_ids: list[list[int]], vocab: dict[str, int], params: dict[str, Any]) -> Any:
    import bm25s

    # bm25s sets its own logger to DEBUG at import, so its "Building index" lines would reach a CLI's
    # stderr whatever the root level; follow the root logger's level instead.
    logging.getLogger("bm25s").setLevel(logging.NOTSET)

    bm25 = bm25s.BM25(k1=params["k1"], b=params["b"], method=params["method"])
    # Ids, not strings: bm25s then keeps our vocabulary (ids 0..V-1) instead of re-numbering terms.
    bm25.index((term_ids, dict(vocab)), create_empty_token=False, show_progress=False)
    return bm25


def _stats(folder: Path, manifest: dict[str, Any], log: IssueLog, added: tuple[int, int], seconds: float) -> dict:
    return {
        "path": str(folder),
        "documents": manifest["counts"]["documents"],
        "chunks": manifest["counts"]["chunks"],
        "added_documents": added[0],
        "added_chunks": added[1],
        "bad_rows": log.total,
        "by_reason": dict(log.counts),
        "issues": [str(issue) for issue in log.issues[:_ISSUES_SHOWN]],
        "seconds": round(seconds, 3),
    }


def build_kb(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    chunk_tokens: int = DEFAULT_CHUNK_TOKENS,
    overlap: int = DEFAULT_OVERLAP,
    on_progress: ProgressFn | None = None,
    on_issue: OnIssue | None = None,
    encoder: Encoder | None = None,
    force: bool = False,
    bm25_params: dict[str, Any] | None = None,
    entry_layout: str = "split",
) -> dict[str, Any]:
    """Build a knowledge base in folder ``out`` from SOURCEs.

    Args:
        sources: registry dataset names, files or folders (see :func:`medllm.knowledge.sources.read_source`).
        out: the folder to create; it must not exist or be empty, unless ``force`` and it holds a
            knowledge base, which is then replaced (atomically).
        chunk_tokens: the most MiniLM word pieces per chunk.
        overlap: word pieces shared by consecutive chunks of a text.
        on_progress: receives a line per stage (reading, chunking, embedding, writing).
        on_issue: receives each bad row too; bad rows are always skipped, counted and listed in the result.
        encoder: the dense encoder; default the packaged MiniLM.
        force: replace an existing knowledge base in ``out``.
        bm25_params: ``k1``, ``b``, ``method`` for bm25s; default :data:`BM25_PARAMS` (for tuning).
        entry_layout: ``split`` (symptoms and treatment chunks) or ``single`` (one chunk per entry);
            see :func:`medllm.knowledge.sources.chunk_document`.

    Returns:
        ``path``, ``documents``, ``chunks``, ``added_documents``, ``added_chunks``, ``bad_rows``,
        ``by_reason``, ``issues`` (the first 20 as ``file:line: reason: message``) and ``seconds``.

    Raises:
        KBError: ``out`` is in the way, the settings are invalid, or no document could be read.
        DataError: a source is not a file, folder or indexable dataset, or cannot be read at all.
    """
    start = time.perf_counter()
    progress = on_progress or _noop
    folder = Path(out)
    try:
        settings = ChunkSettings(chunk_tokens, overlap, entry_layout)
    except ValueError as error:
        raise KBError(f"{folder}: {error}") from None
    previous = _replaceable(folder, force)
    log = IssueLog()

    def report(issue: RowIssue) -> None:
        log(issue)
        if on_issue is not None:
            on_issue(issue)

    docs, per_source = _read_documents(sources, report, set())
    if not docs:
        raise KBError(f"{folder}: no documents to index ({log.total} bad rows)")
    progress(f"read {len(docs)} documents ({log.total} bad rows skipped)")
    chunks = [chunk for doc in docs for chunk in chunk_document(doc, settings)]
    vocab: dict[str, int] = {}
    term_ids = _term_ids(chunks, vocab)
    progress(f"cut {len(chunks)} chunks; {len(vocab)} BM25 terms")
    encoder = encoder or default_encoder()
    vectors = _embed(encoder, chunks, progress)
    params = {**BM25_PARAMS, **(bm25_params or {})}
    files = _index_files(chunks, term_ids, vectors, vocab, params, dense=None)
    created = now()
    for entry, source_chunks in zip(per_source, _chunks_per_source(chunks, docs, per_source), strict=True):
        entry.update({"chunks": source_chunks, "added": created})
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "medllm_version": medllm_version(),
        "created": created,
        "updated": created,
        "counts": {"documents": len(docs), "chunks": len(chunks), "terms": len(vocab)},
        "sources": per_source,
        "embedding": _embedding_meta(encoder),
        "chunking": {
            "chunk_tokens": settings.chunk_tokens,
            "overlap": settings.overlap,
            "entry_layout": settings.entry_layout,
            "tokens": "word pieces of the packaged all-MiniLM-L6-v2 tokenizer",
        },
        "bm25": {**params, "analyzer": "en: NLTK stop words, Snowball English stems; zh: jieba, Chinese stop words"},
    }
    progress(f"writing {folder}")
    write_files(folder, files, manifest, previous)
    return _stats(folder, manifest, log, (len(docs), len(chunks)), time.perf_counter() - start)


def add_to_kb(
    path: str | Path,
    sources: Iterable[str | Path],
    *,
    on_progress: ProgressFn | None = None,
    on_issue: OnIssue | None = None,
    encoder: Encoder | None = None,
) -> dict[str, Any]:
    """Add the documents of SOURCEs to an existing knowledge base, keeping everything already there.

    Existing chunks are not re-chunked, re-analysed or re-embedded: new chunks are cut with the stored
    chunk settings, their embeddings appended to the dense index and their terms to the stored term
    lists. Only the BM25 weights are recomputed, from the stored term ids (a fraction of a second even
    for thousands of chunks), because every BM25 score depends on corpus-wide IDF and average length
    and so changes when documents arrive.

    A document id already in the knowledge base is an error, and nothing is written: replacing a
    document in place would silently change passages that earlier answers cite; rebuild instead.

    Args:
        path: the knowledge base folder.
        sources: as for :func:`build_kb`.
        on_progress: as for :func:`build_kb`.
        on_issue: as for :func:`build_kb`.
        encoder: the dense encoder; it must be the one the knowledge base was embedded with.

    Returns:
        As :func:`build_kb`, counts covering the whole knowledge base and ``added_*`` the new part.

    Raises:
        KBError: the knowledge base cannot be opened (see :meth:`KnowledgeBase.open`), an added
            document id is already in it, or nothing could be read from the sources.
        DataError: as for :func:`build_kb`.
    """
    start = time.perf_counter()
    progress = on_progress or _noop
    folder = Path(path)
    manifest = read_manifest(folder)
    verify_files(folder, manifest)
    current = load_files(folder, manifest)
    encoder = encoder or default_encoder()
    if manifest["embedding"]["model"] != encoder.name:
        raise KBError(f"{folder}: embedded with {manifest['embedding']['model']}, not {encoder.name}")
    known = {c.doc_id for c in current.chunks}
    held: list[RowIssue] = []
    docs, per_source = _read_documents(sources, held.append, set())
    clashes = [d.doc_id for d in docs if d.doc_id in known]
    if clashes:
        raise KBError(
            f"{folder}: {len(clashes)} document id(s) already in the knowledge base (first {clashes[0]!r}); "
            "ids are never replaced in place: rebuild with `medllm kb build` to change a document"
        )
    # Bad rows are reported only once the add goes ahead (a refused add reports the clash alone).
    log = IssueLog()
    for issue in held:
        log(issue)
        if on_issue is not None:
            on_issue(issue)
    if not docs:
        raise KBError(f"{folder}: no documents to add ({log.total} bad rows)")
    chunking = manifest["chunking"]
    settings = ChunkSettings(chunking["chunk_tokens"], chunking["overlap"], chunking.get("entry_layout", "split"))
    chunks = [chunk for doc in docs for chunk in chunk_document(doc, settings)]
    vocab: dict[str, int] = dict(current.bm25.vocab_dict)
    new_ids = _term_ids(chunks, vocab)
    progress(f"read {len(docs)} documents, cut {len(chunks)} chunks")
    vectors = _embed(encoder, chunks, progress)
    offsets = current.term_offsets
    old_ids = [current.terms[offsets[i] : offsets[i + 1]].tolist() for i in range(len(offsets) - 1)]
    params = {k: manifest["bm25"][k] for k in ("k1", "b", "method")}
    files = _index_files(current.chunks + chunks, old_ids + new_ids, vectors, vocab, params, dense=current.dense)
    previous = manifest
    updated = now()
    for entry, source_chunks in zip(per_source, _chunks_per_source(chunks, docs, per_source), strict=True):
        entry.update({"chunks": source_chunks, "added": updated})
    manifest = {
        **manifest,
        "medllm_version": medllm_version(),
        "updated": updated,
        "counts": {
            "documents": manifest["counts"]["documents"] + len(docs),
            "chunks": len(files.chunks),
            "terms": len(vocab),
        },
        "sources": [*manifest.get("sources", []), *per_source],
    }
    progress(f"writing {folder}")
    write_files(folder, files, manifest, previous)
    return _stats(folder, manifest, log, (len(docs), len(chunks)), time.perf_counter() - start)


def _index_files(
    chunks: list[Chunk],
    term_ids: list[list[int]],
    new_vectors: np.ndarray,
    vocab: dict[str, int],
    params: dict[str, Any],
    dense: Any,
) -> IndexFiles:
    """The index over ``chunks``; ``new_vectors`` are the embeddings of the last chunks, appended to ``dense``."""
    import faiss

    if dense is None:
        dense = faiss.IndexFlatIP(new_vectors.shape[1])
    dense.add(new_vectors)  # appended after the stored vectors: row i is still chunk i
    lengths = np.fromiter((len(ids) for ids in term_ids), dtype=np.int64, count=len(term_ids))
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    flat = np.fromiter((t for ids in term_ids for t in ids), dtype=np.int32, count=int(offsets[-1]))
    return IndexFiles(chunks, dense, flat, offsets, _bm25(term_ids, vocab, params))


def _chunks_per_source(chunks: list[Chunk], docs: list[SourceDoc], per_source: list[dict[str, Any]]) -> list[int]:
    counts = {d.doc_id: 0 for d in docs}
    for chunk in chunks:
        counts[chunk.doc_id] += 1
    out, i = [], 0
    for entry in per_source:
        out.append(sum(counts[d.doc_id] for d in docs[i : i + entry["documents"]]))
        i += entry["documents"]
    return out


def _embedding_meta(encoder: Encoder) -> dict[str, Any]:
    return {
        "model": encoder.name,
        "package": getattr(encoder, "package", None),
        "dim": encoder.dim,
        "normalized": True,
        "window": ENCODER_WINDOW,
        "index": "faiss IndexFlatIP (inner product of unit vectors = cosine)",
    }


def _replaceable(folder: Path, force: bool) -> dict[str, Any] | None:
    """The manifest being replaced (``force``), None for a fresh folder; KBError if ``folder`` is in the way."""
    if not folder.exists():
        return None
    if not folder.is_dir():
        raise KBError(f"{folder}: exists and is not a folder")
    if not any(folder.iterdir()):
        return None
    if not (folder / MANIFEST).is_file():
        raise KBError(f"{folder}: exists and is not empty; choose a new folder")
    if not force:
        raise KBError(f"{folder}: already holds a knowledge base; use `medllm kb add` or --force to replace it")
    try:
        return read_manifest(folder)
    except KBError:
        return None  # a damaged or older knowledge base: replaced whole
