"""The knowledge base on disk: a manifest and one generation folder of index files.

::

    KBDIR/
      manifest.json          format version, medllm version, counts, settings, sha256 of every file
      data-000003/
        chunks.jsonl         one chunk per line: id, doc_id, name, text, source, metadata
        dense.faiss          faiss IndexFlatIP of the normalised chunk embeddings, in chunk order
        terms.npy            every chunk's BM25 term ids, concatenated (int32)
        term_offsets.npy     where each chunk's terms start in terms.npy (int64, chunks + 1)
        bm25/                bm25s's own save: the BM25 weight matrix, vocabulary, parameters

A write goes into a new generation folder, then ``manifest.json`` is replaced atomically to point at
it, then the old generation is removed: a reader sees the old knowledge base or the new one, never a
mixture, and a crash mid-write leaves the old one intact. Opening checks the format version, every
file's size and sha256, and that the counts agree, and raises :class:`KBError` on any mismatch: a
damaged index must never answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from medllm.knowledge.types import Chunk, KBError

FORMAT = "medllm-kb"
# Bump on any change to the files' layout or meaning; open() refuses other versions rather than guess.
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"
TERMS = "terms.npy"
TERM_OFFSETS = "term_offsets.npy"
BM25_DIR = "bm25"


def medllm_version() -> str:
    """The installed medllm version (``0+unknown`` when running from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("medllm")
    except PackageNotFoundError:
        return "0+unknown"


def now() -> str:
    """UTC time, ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class IndexFiles:
    """Everything one generation holds, in memory."""

    chunks: list[Chunk]
    dense: Any  # faiss.IndexFlatIP
    terms: np.ndarray  # int32, concatenated
    term_offsets: np.ndarray  # int64, len(chunks) + 1
    bm25: Any  # bm25s.BM25


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of ``folder``, checked for format and version.

    Raises:
        KBError: no such folder, no manifest, unreadable manifest, or another format version.
    """
    if not folder.exists():
        raise KBError(f"{folder}: no such knowledge base folder")
    if not folder.is_dir():
        raise KBError(f"{folder}: not a folder (a knowledge base is a folder made by `medllm kb build`)")
    path = folder / MANIFEST
    if not path.is_file():
        raise KBError(f"{folder}: not a medllm knowledge base ({MANIFEST} is missing)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KBError(f"{folder}: {MANIFEST} cannot be read ({error})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise KBError(f"{folder}: {MANIFEST} is not a medllm knowledge base manifest")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise KBError(
            f"{folder}: written in knowledge base format {version} by medllm {manifest.get('medllm_version')}; "
            f"this medllm ({medllm_version()}) reads format {FORMAT_VERSION}: rebuild it with `medllm kb build`"
        )
    for key in ("generation", "files", "counts"):
        if key not in manifest:
            raise KBError(f"{folder}: {MANIFEST} lacks {key!r}")
    return manifest


def verify_files(folder: Path, manifest: dict[str, Any]) -> None:
    """Check that every file the manifest lists is there with its size and sha256.

    Raises:
        KBError: a file is missing, truncated or longer, or its content differs from what was written.
    """
    for name, meta in sorted(manifest["files"].items()):
        path = folder / name
        if not path.is_file():
            raise KBError(f"{folder}: {name} is missing")
        size = path.stat().st_size
        if size != meta["size"]:
            state = "truncated" if size < meta["size"] else "longer than written"
            raise KBError(f"{folder}: {name} is {state} ({size} bytes, the manifest says {meta['size']})")
        if _sha256(path) != meta["sha256"]:
            raise KBError(f"{folder}: {name} was altered (its sha256 differs from the manifest)")


def _load_chunks(path: Path) -> list[Chunk]:
    chunks = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            chunks.append(Chunk(row["id"], row["doc_id"], row["name"], row["text"], row["source"], row["metadata"]))
    return chunks


def load_files(folder: Path, manifest: dict[str, Any]) -> IndexFiles:
    """Read a verified generation and check that its parts agree with each other and the manifest.

    Raises:
        KBError: a file cannot be parsed or the counts disagree.
    """
    import bm25s
    import faiss

    data = folder / manifest["generation"]
    try:
        chunks = _load_chunks(data / CHUNKS)
        dense = faiss.read_index(str(data / DENSE))
        terms = np.load(data / TERMS, allow_pickle=False)
        offsets = np.load(data / TERM_OFFSETS, allow_pickle=False)
        bm25 = bm25s.BM25.load(str(data / BM25_DIR), mmap=False, load_corpus=False, show_progress=False)
    except Exception as error:  # any parse failure of a file whose hash matched: report, never guess
        raise KBError(f"{folder}: the index files cannot be read ({type(error).__name__}: {error})") from None
    expected = manifest["counts"].get("chunks")
    found = {
        CHUNKS: len(chunks),
        DENSE: dense.ntotal,
        TERM_OFFSETS: len(offsets) - 1,
        BM25_DIR: bm25.scores["num_docs"],
    }
    for name, count in found.items():
        if count != expected:
            raise KBError(f"{folder}: counts disagree: the manifest says {expected} chunks, {name} holds {count}")
    documents = len({c.doc_id for c in chunks})
    if documents != manifest["counts"].get("documents"):
        raise KBError(
            f"{folder}: counts disagree: the manifest says {manifest['counts'].get('documents')} documents, "
            f"{CHUNKS} holds {documents}"
        )
    dim = manifest.get("embedding", {}).get("dim")
    if dense.d != dim:
        raise KBError(f"{folder}: {DENSE} holds {dense.d}-dimensional vectors, the manifest says {dim}")
    return IndexFiles(chunks, dense, terms, offsets, bm25)


def _next_generation(folder: Path, manifest: dict[str, Any] | None) -> str:
    current = int(manifest["generation"].rsplit("-", 1)[1]) if manifest else 0
    return f"data-{current + 1:06d}"


def write_files(folder: Path, files: IndexFiles, manifest: dict[str, Any], previous: dict[str, Any] | None) -> None:
    """Write ``files`` as a new generation of ``folder`` and switch the manifest to it, atomically.

    Args:
        folder: the knowledge base folder (created if missing).
        files: the whole index (old and new chunks).
        manifest: the manifest to write; ``generation`` and ``files`` are filled in here.
        previous: the manifest being replaced, or None for a new knowledge base.
    """
    import faiss

    folder.mkdir(parents=True, exist_ok=True)
    generation = _next_generation(folder, previous)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=f".{generation}."))
    try:
        with open(staging / CHUNKS, "w", encoding="utf-8") as handle:
            for chunk in files.chunks:
                handle.write(json.dumps(chunk.to_json(), ensure_ascii=False) + "\n")
        faiss.write_index(files.dense, str(staging / DENSE))
        np.save(staging / TERMS, files.terms.astype(np.int32), allow_pickle=False)
        np.save(staging / TERM_OFFSETS, files.term_offsets.astype(np.int64), allow_pickle=False)
        files.bm25.save(str(staging / BM25_DIR), show_progress=False)
        manifest["generation"] = generation
        manifest["files"] = {
            f"{generation}/{path.relative_to(staging).as_posix()}": {
                "size": path.stat().st_size,
                "sha256": _sha256(path),
            }
            for path in sorted(staging.rglob("*"))
            if path.is_file()
        }
        # A folder of this name can only be left over from a write that crashed before its manifest switch.
        shutil.rmtree(folder / generation, ignore_errors=True)
        os.replace(staging, folder / generation)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{MANIFEST}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.replace(tmp, folder / MANIFEST)  # the switch: before it the old generation is live, after it the new
    for old in folder.glob("data-*"):
        if old.name != generation and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
