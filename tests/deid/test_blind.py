"""The blind split's loader: every occurrence of a value becomes a gold span, bad rows are reported and skipped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from medllm.deid.entities import DeidResult, Replacement
from medllm.deid.evaluation.blind import blind_files, load_blind
from medllm.deid.evaluation.run import evaluate_blind, markdown, source_hash


def _write(folder: Path, name: str, rows: list) -> Path:
    path = folder / name
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ROWS = [
    {
        "id": "a", "language": "en", "genre": "message",
        "text": "Ana Ruiz called; Ana Ruiz takes Lasix. Ohio.",
        "identifiers": [{"kind": "NAME", "text": "Ana Ruiz"}, {"kind": "PHONE", "text": "555-0100"}],
        "keep": [{"kind": "drug", "text": "Lasix"}, {"kind": "place_ok", "text": "Ohio"}],
    },
    {"id": "b", "language": "zh", "text": "患者张伟服用阿司匹林。", "identifiers": [{"kind": "NAME", "text": "张伟"}],
     "keep": [{"kind": "drug", "text": "阿司匹林"}]},
    "{not json",
    {"id": "c", "language": "fr", "text": "Bonjour", "identifiers": []},
    {"id": "d", "language": "en", "text": "x", "identifiers": [{"kind": "PERSON", "text": "x"}]},
]  # fmt: skip


def test_loader_finds_every_occurrence_and_reports_problems_with_file_and_line(tmp_path):
    _write(tmp_path, "blind_t1.jsonl", ROWS)
    _write(tmp_path, "other.jsonl", [ROWS[0]])  # not a blind batch: ignored
    paths = blind_files(tmp_path)
    assert [p.name for p in paths] == ["blind_t1.jsonl"]
    samples, problems = load_blind(paths)
    assert [s.id for s in samples] == ["a", "b"]
    en = samples[0]
    assert [(g.kind, g.start, g.text) for g in en.identifiers] == [("NAME", 0, "Ana Ruiz"), ("NAME", 17, "Ana Ruiz")]
    assert {g.kind for g in en.keep} == {"drug", "place_ok"}
    assert all(en.text[g.start : g.end] == g.text for g in en.identifiers + en.keep)
    assert len(problems) == 4
    assert problems[0].startswith("blind_t1.jsonl:1:") and "555-0100" in problems[0]  # value missing, row kept
    assert [p.split(":")[1] for p in problems[1:]] == ["3", "4", "5"]  # bad rows skipped


class _Fake:
    """Replaces every occurrence of the given strings."""

    def __init__(self, *values: str) -> None:
        self.values = values

    def deidentify_many(self, texts, languages):
        out = []
        for text in texts:
            reps = []
            for v in self.values:
                start = text.find(v)
                while start >= 0:
                    reps.append(Replacement("NAME", start, start + len(v), v))
                    start = text.find(v, start + 1)
            out.append(DeidResult(text, reps, Counter(r.type for r in reps)))
        return out


def test_blind_split_scores_per_language_and_keeps_place_ok_out_of_medical_terms(tmp_path):
    _write(tmp_path, "blind_t1.jsonl", ROWS)
    result = evaluate_blind(_Fake("Ana Ruiz", "张伟", "Ohio"), tmp_path)
    assert result["split"] == "blind" and result["files"] == ["blind_t1.jsonl"]
    en, zh = result["summary"]["en"], result["summary"]["zh"]
    assert en["recall"]["NAME"]["recall"] == 1.0 and zh["recall"]["NAME"]["recall"] == 1.0
    assert en["terms"]["place_ok"]["survival"] == 0.0
    assert en["terms"]["place_ok"]["unlisted_survival"] is None  # kept, but not a medical term
    assert result["passes"]  # so a lost place_ok is no medical-term failure
    assert any("rows or values skipped" in line for line in markdown(result))


def test_source_hash_ignores_the_evaluation_folder(tmp_path):
    (tmp_path / "evaluation" / "data").mkdir(parents=True)
    (tmp_path / "rules.py").write_text("RULE = 1\n")
    before = source_hash(tmp_path)
    (tmp_path / "evaluation" / "data" / "blind_x.jsonl").write_text("{}\n")
    (tmp_path / "evaluation" / "extra.py").write_text("X = 1\n")
    assert source_hash(tmp_path) == before
    (tmp_path / "rules.py").write_text("RULE = 2\n")
    assert source_hash(tmp_path) != before


def test_studied_batches_are_their_own_split_and_an_empty_blind_folder_says_where_they_went(tmp_path):
    studied = tmp_path / "studied"
    studied.mkdir()
    _write(studied, "blind_t1.jsonl", ROWS)
    result = evaluate_blind(_Fake("Ana Ruiz"), studied, split="studied")
    assert result["split"] == "studied" and {s["name"] for s in result["sets"]} == {"studied-en", "studied-zh"}
    with pytest.raises(FileNotFoundError, match="--split studied"):
        evaluate_blind(_Fake(), tmp_path)  # the batch moved out of the blind folder


def test_the_packaged_batches_split_into_blind_and_studied() -> None:
    from medllm.deid.evaluation.blind import DATA_DIR, STUDIED_DIR

    studied = blind_files(STUDIED_DIR)
    assert [p.name for p in studied][:2] == ["blind_r1.jsonl", "blind_r2.jsonl"]
    assert not {p.name for p in blind_files(DATA_DIR)} & {p.name for p in studied}  # never in both
