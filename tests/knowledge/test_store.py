"""A damaged, foreign or missing knowledge base is a one-line KBError naming the folder, never wrong results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from medllm.knowledge import FORMAT_VERSION, KBError, KnowledgeBase, add_to_kb, build_kb
from tests.knowledge.conftest import HashEncoder


@pytest.fixture
def kb_dir(tmp_path: Path, entries_file: Path, encoder: HashEncoder) -> Path:
    build_kb([entries_file], tmp_path / "kb", encoder=encoder)
    return tmp_path / "kb"


def _manifest(kb_dir: Path) -> dict:
    return json.loads((kb_dir / "manifest.json").read_text())


def _file(kb_dir: Path, name: str) -> Path:
    return kb_dir / _manifest(kb_dir)["generation"] / name


def _open_error(kb_dir: Path, encoder: HashEncoder) -> str:
    with pytest.raises(KBError) as caught:
        KnowledgeBase.open(kb_dir, encoder=encoder)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(kb_dir))
    return message


def test_layout(kb_dir: Path) -> None:
    manifest = _manifest(kb_dir)
    assert manifest["format_version"] == FORMAT_VERSION and manifest["generation"] == "data-000001"
    names = {Path(n).name for n in manifest["files"]}
    assert {
        "chunks.jsonl",
        "dense.faiss",
        "terms.npy",
        "term_offsets.npy",
        "vocab.index.json",
        "params.index.json",
    } <= names
    assert all(len(meta["sha256"]) == 64 for meta in manifest["files"].values())
    assert manifest["counts"] == {"documents": 3, "chunks": 8, "terms": manifest["counts"]["terms"]}
    assert manifest["embedding"]["model"] == "test/hash-encoder" and manifest["chunking"]["chunk_tokens"] == 128


def test_truncated_file(kb_dir: Path, encoder: HashEncoder) -> None:
    path = _file(kb_dir, "dense.faiss")
    path.write_bytes(path.read_bytes()[:-10])
    assert "dense.faiss is truncated" in _open_error(kb_dir, encoder)


def test_altered_file(kb_dir: Path, encoder: HashEncoder) -> None:
    path = _file(kb_dir, "chunks.jsonl")
    path.write_text(path.read_text().replace("Migraine", "Migrains"))  # same size, other content
    assert "chunks.jsonl was altered" in _open_error(kb_dir, encoder)


def test_missing_file(kb_dir: Path, encoder: HashEncoder) -> None:
    _file(kb_dir, "bm25/vocab.index.json").unlink()
    assert "bm25/vocab.index.json is missing" in _open_error(kb_dir, encoder)


def test_other_format_version(kb_dir: Path, encoder: HashEncoder) -> None:
    manifest = _manifest(kb_dir)
    manifest.update(format_version=FORMAT_VERSION + 1, medllm_version="9.9.9")
    (kb_dir / "manifest.json").write_text(json.dumps(manifest))
    message = _open_error(kb_dir, encoder)
    assert f"format {FORMAT_VERSION + 1} by medllm 9.9.9" in message and "rebuild it" in message


def test_counts_that_disagree(kb_dir: Path, encoder: HashEncoder) -> None:
    manifest = _manifest(kb_dir)
    manifest["counts"]["chunks"] = 7
    (kb_dir / "manifest.json").write_text(json.dumps(manifest))
    assert "counts disagree: the manifest says 7 chunks" in _open_error(kb_dir, encoder)


def test_missing_or_foreign_folder(tmp_path: Path, encoder: HashEncoder) -> None:
    assert "no such knowledge base folder" in _open_error(tmp_path / "nope", encoder)
    (tmp_path / "plain").mkdir()
    assert "not a medllm knowledge base (manifest.json is missing)" in _open_error(tmp_path / "plain", encoder)
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "manifest.json").write_text("{trunc")
    assert "manifest.json cannot be read" in _open_error(tmp_path / "junk", encoder)


def test_add_to_a_damaged_kb_is_refused(kb_dir: Path, entries_file: Path, encoder: HashEncoder) -> None:
    shutil.rmtree(kb_dir / _manifest(kb_dir)["generation"] / "bm25")
    with pytest.raises(KBError, match="is missing"):
        add_to_kb(kb_dir, [entries_file], encoder=encoder)


def test_build_does_not_overwrite(kb_dir: Path, entries_file: Path, docs_folder: Path, encoder: HashEncoder) -> None:
    with pytest.raises(KBError, match="already holds a knowledge base"):
        build_kb([entries_file], kb_dir, encoder=encoder)
    (docs_folder.parent / "other").mkdir()
    (docs_folder.parent / "other" / "keep.txt").write_text("mine")
    with pytest.raises(KBError, match="exists and is not empty"):
        build_kb([entries_file], docs_folder.parent / "other", encoder=encoder, force=True)
    result = build_kb([docs_folder], kb_dir, encoder=encoder, force=True)
    assert result["documents"] == 3
    assert _manifest(kb_dir)["generation"] == "data-000002" and [p.name for p in kb_dir.glob("data-*")] == [
        "data-000002"
    ]
    assert KnowledgeBase.open(kb_dir, encoder=encoder).search("influenza", mode="bm25")[0].doc_id == "notes/flu.md"


def test_bad_settings_and_empty_sources(tmp_path: Path, encoder: HashEncoder) -> None:
    with pytest.raises(KBError, match="overlap must be between"):
        build_kb([tmp_path], tmp_path / "kb", encoder=encoder, chunk_tokens=64, overlap=40)
    (tmp_path / "empty.jsonl").write_text("{broken\n")
    with pytest.raises(KBError, match=r"no documents to index \(1 bad rows\)"):
        build_kb([tmp_path / "empty.jsonl"], tmp_path / "kb", encoder=encoder)
    assert not (tmp_path / "kb" / "manifest.json").exists()
