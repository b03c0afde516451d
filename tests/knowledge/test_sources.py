"""SOURCEs into documents and chunks: files, folders, registry datasets; bad rows named and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from medllm.io.issues import DataError, IssueLog
from medllm.knowledge.chunking import ChunkSettings
from medllm.knowledge.sources import chunk_document, entry_text, read_source
from tests.knowledge.conftest import ENTRIES, write_jsonl


def test_markdown_and_text_folder(docs_folder: Path) -> None:
    log = IssueLog()
    docs = {d.doc_id: d for d in read_source(docs_folder, log)}
    assert sorted(docs) == ["notes/flu.md", "notes/sub/sprain_care.txt", "notes/zh.md"]  # hidden and .png skipped
    assert docs["notes/flu.md"].title == "Influenza"
    assert docs["notes/sub/sprain_care.txt"].title == "sprain care"
    assert docs["notes/zh.md"].title == "偏头痛"
    assert docs["notes/flu.md"].source == "notes/flu.md" and log.total == 0


def test_jsonl_documents_keep_ids_titles_sources_and_extras(tmp_path: Path) -> None:
    rows = [
        {"id": "a1", "title": "Asthma", "text": "Asthma narrows the airways.", "source": "wiki", "url": "https://x"},
        {"title": "No id", "text": "Row without an id."},
    ]
    docs = list(read_source(write_jsonl(tmp_path / "enc.jsonl", rows), IssueLog()))
    assert [d.doc_id for d in docs] == ["wiki:a1", "enc.jsonl:2"]
    assert docs[0].title == "Asthma" and docs[0].source == "wiki" and docs[0].metadata == {"url": "https://x"}
    assert docs[1].source == "enc.jsonl" and docs[1].title == "No id"


def test_bad_rows_are_named_counted_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Fine row."}\n'
        "{not json\n"
        '["an", "array"]\n'
        '{"id": "x", "title": "no text"}\n'
        '{"kind": "mcq", "question": "?"}\n'
        '{"kind": "kb_entry", "name": "Empty"}\n'
        '{"id": "ok2", "text": "Another fine row."}\n',
        encoding="utf-8",
    )
    log = IssueLog()
    docs = list(read_source(path, log))
    assert [d.doc_id for d in docs] == ["mixed.jsonl:ok", "mixed.jsonl:ok2"]
    assert log.total == 5
    assert [i.line for i in log.issues] == [2, 3, 4, 5, 6]
    assert dict(log.counts) == {
        "bad_json": 1,
        "not_an_object": 1,
        "missing_field": 1,
        "invalid_value": 1,
        "empty_turn": 1,
    }
    assert str(log.issues[0]).startswith(f"{path}:2: bad_json")


def test_kb_entries_become_symptom_treatment_and_description_chunks(entries_file: Path) -> None:
    docs = list(read_source(entries_file, IssueLog()))
    assert [d.doc_id for d in docs] == ["toy-kb:1", "toy-kb:2", "toy-kb:3"]
    chunks = chunk_document(docs[0], ChunkSettings(8, 2))
    assert [c.id for c in chunks[:2]] == ["toy-kb:1#0", "toy-kb:1#1"]
    assert [c.metadata["section"] for c in chunks[:2]] == ["symptoms", "treatment"]
    assert chunks[0].text == "Migraine. Symptoms: Headache, Nausea, Sensitivity to light."
    assert chunks[1].text == "Migraine. Tests and procedures: Neurological exam. Medications: Sumatriptan."
    description = chunks[2:]
    assert len(description) >= 2  # 8 word pieces cut the 15-piece description
    assert all(c.name == "Migraine" and c.doc_id == "toy-kb:1" and c.source == "toy-kb" for c in description)
    assert [c.metadata["chunk"] for c in chunks] == list(range(len(chunks)))
    assert {c.metadata["section"] for c in description} == {"description"}
    assert description[0].indexed_text() == description[0].text  # it opens with the name already
    assert description[1].indexed_text() == f"Migraine. {description[1].text}"  # the title travels with every chunk
    no_description = chunk_document(docs[2], ChunkSettings())
    assert [c.metadata["section"] for c in no_description] == ["symptoms", "treatment"]
    (single,) = chunk_document(docs[2], ChunkSettings(entry_layout="single"))
    assert single.metadata["section"] == "entry" and single.text == (
        "Gastritis. Symptoms: Stomach pain, Vomiting, Bloating. Tests and procedures: Upper endoscopy. "
        "Medications: Omeprazole."
    )


def test_bare_kb_entry_rows_without_kind(tmp_path: Path) -> None:
    rows = [{k: v for k, v in ENTRIES[1].items() if k != "kind"}]
    (doc,) = read_source(write_jsonl(tmp_path / "bare.jsonl", rows), IssueLog())
    assert doc.entry is not None and doc.entry["symptoms"][0] == "Wheezing"


def test_entry_text_skips_empty_lists() -> None:
    assert entry_text("Flu", {"symptoms": ["Fever"], "tests": [], "medications": [" "]}) == "Flu. Symptoms: Fever."


def test_unknown_and_unindexable_sources_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file, folder or dataset"):
        list(read_source(tmp_path / "nowhere", IssueLog()))
    with pytest.raises(DataError, match="holds mcq records"):
        list(read_source("medmcqa-dev", IssueLog()))
    (tmp_path / "table.csv").write_text("a,b\n")
    with pytest.raises(DataError, match="unsupported file type"):
        list(read_source(tmp_path / "table.csv", IssueLog()))


def test_text_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"caf\xe9 fever")
    (folder / "empty.md").write_text("   \n")
    (folder / "good.md").write_text("Good text.")
    log = IssueLog()
    assert [d.doc_id for d in read_source(folder, log)] == ["docs/good.md"]
    assert dict(log.counts) == {"invalid_utf8": 1, "empty_turn": 1}


def test_registry_dataset_from_the_mirror(mirror: Path) -> None:
    docs = list(read_source("chatdoctor-kb-mini", IssueLog()))
    assert len(docs) == 100
    assert docs[0].doc_id == "chatdoctor-kb-mini:0" and docs[0].title == "Panic disorder"
    assert docs[0].entry is not None and "Palpitations" in docs[0].entry["symptoms"]
    assert docs[0].metadata["license"].startswith("Apache-2.0")
