"""Build, search, add and reload small knowledge bases (the hash encoder stands in for the MiniLM)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from medllm.knowledge import DEFAULT_THRESHOLDS, MAX_QUERY_CHARS, KBError, KnowledgeBase, add_to_kb, build_kb
from medllm.knowledge.kb import clean_query, rrf
from tests.knowledge.conftest import HashEncoder, write_jsonl


@pytest.fixture
def kb_dir(tmp_path: Path, entries_file: Path, docs_folder: Path, encoder: HashEncoder) -> Path:
    build_kb([entries_file, docs_folder], tmp_path / "kb", encoder=encoder, chunk_tokens=16, overlap=4)
    return tmp_path / "kb"


def test_build_reports_counts_and_issues(tmp_path: Path, entries_file: Path, encoder: HashEncoder) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "d1", "text": "Fever and rash."}\n{oops\n{"id": "d1", "text": "Same id again."}\n')
    seen: list[str] = []
    result = build_kb([entries_file, bad], tmp_path / "kb", encoder=encoder, on_issue=lambda i: seen.append(str(i)))
    assert result["documents"] == 4 and result["added_documents"] == 4
    assert result["chunks"] == 9  # three symptom and three treatment chunks, two short descriptions, one document
    assert result["bad_rows"] == 2 and result["by_reason"] == {"bad_json": 1, "invalid_value": 1}
    assert result["issues"][0].startswith(f"{bad}:2: bad_json") and "duplicate document id 'bad.jsonl:d1'" in seen[1]
    assert len(encoder.encoded) == 9


def test_search_modes_find_the_right_document(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    for mode in ("bm25", "dense", "hybrid"):
        hits = kb.search("wheezing and shortness of breath", k=3, mode=mode)
        assert hits[0].doc_id == "toy-kb:2" and hits[0].name == "Asthma", mode
        assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
        assert all(a.score >= b.score for a, b in itertools.pairwise(hits))
    top = kb.search("throbbing headache attacks", k=5, mode="bm25")[0]
    assert top.doc_id == "toy-kb:1" and top.source == "toy-kb" and top.id.startswith("toy-kb:1#")
    assert top.metadata["section"] in ("symptoms", "description")
    assert kb.search("influenza fever chills", k=1, mode="bm25")[0].id == "notes/flu.md#0"


def test_chinese_query_finds_the_chinese_document(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    hits = kb.search("头痛和恶心怎么办", k=1, mode="bm25")
    assert hits[0].doc_id == "notes/zh.md" and hits[0].name == "偏头痛"


def test_bm25_scores_have_no_hits_for_unknown_words(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    assert kb.search("zzzqx blorf", mode="bm25") == []
    assert kb.retrieve("zzzqx blorf", mode="bm25").relevance == 0.0


def test_odd_queries(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    assert kb.search("") == [] and kb.search(" \n\t ") == [] and kb.search_many(["", "  "]) == [[], []]
    empty = kb.retrieve("")
    assert empty.hits == [] and not empty.relevant
    huge = "wheezing " * 150_000  # 1.35 MB
    assert len(clean_query(huge)) <= MAX_QUERY_CHARS
    assert kb.search(huge, k=2, mode="hybrid")[0].doc_id == "toy-kb:2"
    garbage = os.urandom(4096).decode("latin-1") + "\udcff\x00"
    assert len(kb.search(garbage, k=2, mode="hybrid")) <= 2
    with pytest.raises(ValueError, match="unknown search mode"):
        kb.search("cough", mode="sparse")
    with pytest.raises(ValueError, match="k must be at least 1"):
        kb.search("cough", k=0)


def test_retrieve_gate(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    found = kb.retrieve("wheezing cough", k=2, mode="bm25")
    assert found.threshold == DEFAULT_THRESHOLDS["bm25"] and 0 < found.relevance < 1
    assert kb.retrieve("wheezing cough", mode="bm25", threshold=0.0).relevant
    assert not kb.retrieve("wheezing cough", mode="bm25", threshold=1.0).relevant
    dense = kb.retrieve("wheezing cough", k=2, mode="dense")
    assert dense.relevance == pytest.approx(dense.hits[0].score)  # the best cosine
    many = kb.retrieve_many(["wheezing", "", "vomiting"], k=1, mode="hybrid")
    assert [r.query for r in many] == ["wheezing", "", "vomiting"] and many[1].hits == []


def test_search_many_equals_search(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    queries = ["cough", "stomach pain vomiting", "", "ankle sprain ice"]
    for mode in ("bm25", "dense", "hybrid"):
        assert kb.search_many(queries, k=3, mode=mode) == [kb.search(q, k=3, mode=mode) for q in queries]


def test_reload_gives_identical_results(kb_dir: Path, encoder: HashEncoder) -> None:
    first, second = KnowledgeBase.open(kb_dir, encoder=encoder), KnowledgeBase.open(kb_dir, encoder=encoder)
    assert first.stats() == second.stats()
    assert first.chunks == second.chunks
    for mode in ("bm25", "dense", "hybrid"):
        assert first.search("fever and chills", k=4, mode=mode) == second.search("fever and chills", k=4, mode=mode)


def test_add_keeps_existing_chunks_and_embeddings(kb_dir: Path, tmp_path: Path, encoder: HashEncoder) -> None:
    before = KnowledgeBase.open(kb_dir, encoder=encoder)
    old_vectors = before._files.dense.reconstruct_n(0, len(before))
    old_bm25 = before.search("headache", k=1, mode="bm25")[0].score
    encoder.encoded.clear()
    new = write_jsonl(
        tmp_path / "more.jsonl", [{"id": "m1", "title": "Headache diary", "text": "Keep a headache diary."}]
    )
    result = add_to_kb(kb_dir, [new], encoder=encoder)
    assert encoder.encoded == ["Headache diary. Keep a headache diary."]  # only the new chunk was embedded
    assert result["added_documents"] == 1 and result["documents"] == before.stats()["documents"] + 1
    after = KnowledgeBase.open(kb_dir, encoder=encoder)
    assert after.chunks[: len(before)] == before.chunks and after.chunks[-1].id == "more.jsonl:m1#0"
    assert np.array_equal(after._files.dense.reconstruct_n(0, len(before)), old_vectors)
    assert np.array_equal(after._files.terms[: len(before._files.terms)], before._files.terms)
    # BM25 weights depend on the whole corpus: the same chunk scores differently after the add.
    assert after.search("headache", k=5, mode="bm25")[0].doc_id in {"toy-kb:1", "more.jsonl:m1"}
    same = [
        h
        for h in after.search("headache", k=10, mode="bm25")
        if h.id == before.search("headache", k=1, mode="bm25")[0].id
    ]
    assert same and same[0].score != pytest.approx(old_bm25)
    assert len(list(kb_dir.glob("data-*"))) == 1  # the old generation is gone


def test_add_existing_id_is_refused_and_writes_nothing(kb_dir: Path, entries_file: Path, encoder: HashEncoder) -> None:
    manifest = (kb_dir / "manifest.json").read_text()
    encoder.encoded.clear()
    with pytest.raises(KBError, match=r"already in the knowledge base \(first 'toy-kb:1'\)"):
        add_to_kb(kb_dir, [entries_file], encoder=encoder)
    assert (kb_dir / "manifest.json").read_text() == manifest and encoder.encoded == []


def test_add_with_another_encoder_is_refused(kb_dir: Path, docs_folder: Path) -> None:
    other = HashEncoder()
    other.name = "other/model"
    with pytest.raises(KBError, match="embedded with test/hash-encoder"):
        add_to_kb(kb_dir, [docs_folder], encoder=other)
    with pytest.raises(KBError, match="queries would be encoded with other/model"):
        KnowledgeBase.open(kb_dir, encoder=other)


def test_stats(kb_dir: Path, encoder: HashEncoder) -> None:
    stats = KnowledgeBase.open(kb_dir, encoder=encoder).stats()
    assert stats["documents"] == 6 and stats["chunks_by_section"]["symptoms"] == 3
    assert stats["chunking"]["chunk_tokens"] == 16 and stats["embedding"]["dim"] == 64
    assert [s["source"] for s in stats["sources"]] == [
        str(kb_dir.parent / "entries.jsonl"),
        str(kb_dir.parent / "notes"),
    ]
    json.dumps(stats)


def test_document_gives_all_its_chunks(kb_dir: Path, encoder: HashEncoder) -> None:
    kb = KnowledgeBase.open(kb_dir, encoder=encoder)
    sections = [c.metadata["section"] for c in kb.document("toy-kb:1")]
    assert sections[:2] == ["symptoms", "treatment"] and set(sections[2:]) == {"description"}
    assert kb.document("nope") == []


def test_rrf_orders_by_fused_rank() -> None:
    fused = rrf([[(1, 9.0), (2, 5.0)], [(2, 0.9), (3, 0.8)]], k=3, rrf_k=60)
    assert [i for i, _ in fused] == [2, 1, 3]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)
    weighted = rrf([[(1, 9.0), (2, 5.0)], [(2, 0.9), (3, 0.8)]], k=3, rrf_k=10, weights=[1.0, 0.1])
    assert [i for i, _ in weighted] == [2, 1, 3] and weighted[0][1] == pytest.approx(1 / 12 + 0.1 / 11)
    assert weighted[2][1] == pytest.approx(0.1 / 12)


def test_bm25_search_does_not_import_torch(kb_dir: Path) -> None:
    script = (
        "import sys\n"
        "from medllm.knowledge import KnowledgeBase\n"
        "from tests.knowledge.conftest import HashEncoder\n"
        f"kb = KnowledgeBase.open({str(kb_dir)!r}, encoder=HashEncoder())\n"
        "assert kb.search('wheezing', mode='bm25')[0].doc_id == 'toy-kb:2'\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2]
    )
    assert done.stdout.strip() == "[]"


def test_chatdoctor_kb_mini_from_the_registry(mirror: Path, tmp_path: Path, encoder: HashEncoder) -> None:
    result = build_kb(["chatdoctor-kb-mini"], tmp_path / "kb", encoder=encoder)
    assert result["documents"] == 100 and result["chunks"] == 200 and result["bad_rows"] == 0
    kb = KnowledgeBase.open(tmp_path / "kb", encoder=encoder)
    hit = kb.search("panic attacks, palpitations and anxiety and nervousness", k=3, mode="bm25")[0]
    assert hit.id == "chatdoctor-kb-mini:0#0" and hit.name == "Panic disorder" and hit.source == "chatdoctor-kb-mini"
