"""The ``reference`` task type: answers scored against reference answers (ChatDoctor's iCliniq protocol)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from medllm.evaluation import reference_task
from medllm.evaluation.runner import evaluate
from medllm.evaluation.similarity import corpus_bleu, rouge_l_f1
from medllm.evaluation.tasks import _parse, builtin_tasks
from medllm.io.issues import DataError
from medllm.testing import FakeOpenAIServer


def _conversation(rid: str, turns: list[tuple[str, str]], language: str = "en", **metadata: Any) -> dict[str, Any]:
    messages = [{"role": role, "content": content} for role, content in turns]
    return {"kind": "conversation", "id": rid, "language": language, "messages": messages, "metadata": metadata}


def _write(path: Path, rows: list[dict[str, Any] | str]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _samples(out: Path, task: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / f"samples_{task}.jsonl").read_text(encoding="utf-8").splitlines()]


def _replying(answers: dict[str, str]) -> FakeOpenAIServer:
    """A server answering each conversation with ``answers[its last user turn]``."""
    return FakeOpenAIServer(reply=lambda body: answers[body["messages"][-1]["content"]])


def test_spec_checks_its_fields() -> None:
    spec = _parse({"name": "t", "type": "reference", "path": "x.jsonl"}, "t.yaml")
    assert spec.reference_from == "last_turn" and spec.bleu_tokenize == "auto" and spec.embedding_model is None
    with pytest.raises(DataError, match=r"t\.yaml: reference_from: String should match pattern"):
        _parse({"name": "t", "type": "reference", "path": "x.jsonl", "reference_from": "answer"}, "t.yaml")
    with pytest.raises(DataError, match=r"t\.yaml: judge_prompt: Extra inputs are not permitted"):
        _parse({"name": "t", "type": "reference", "path": "x.jsonl", "judge_prompt": "?"}, "t.yaml")


def test_builtin_tasks_load_their_mirrored_data(mirror: Path) -> None:
    tasks = builtin_tasks()
    icliniq, issues = reference_task.load(tasks["reference_icliniq_gpt4"], None)
    assert len(icliniq) == 1000 and not issues.counts
    prompt, reference = reference_task.prompt_and_reference(tasks["reference_icliniq_gpt4"], icliniq[0])
    assert [m["role"] for m in prompt] == ["user"] and reference == icliniq[0].messages[-1].content
    cmd, issues = reference_task.load(tasks["reference_cmd"], None)
    assert len(cmd) == 120 and not issues.counts
    prompt, reference = reference_task.prompt_and_reference(tasks["reference_cmd"], cmd[0])
    assert prompt == [{"role": "user", "content": cmd[0].messages[0].content}]
    assert reference == cmd[0].metadata["reference_answer"] and reference.startswith("你好")


def test_load_counts_rows_it_cannot_score(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "data.jsonl",
        [
            _conversation("ok", [("user", "Q1"), ("assistant", "A1")], answer="meta A1"),
            _conversation("no-answer", [("user", "Q2")], answer="meta A2"),
            _conversation("no-metadata", [("user", "Q3")]),
            _conversation("ok", [("user", "Q4"), ("assistant", "A4")], answer="  "),
            "{not json",
        ],
    )
    spec = _parse({"name": "t", "type": "reference", "path": str(path), "format": "medllm"}, "t")
    items, issues = reference_task.load(spec, None)
    assert [item.id for item in items] == ["ok", "ok#2"]  # a repeated id is made unique
    assert issues.counts["no reference answer after a user turn"] == 2
    assert sum(issues.counts.values()) == 3  # and the unreadable line, counted by the reader

    spec = _parse({**spec.model_dump(), "reference_from": "metadata.answer"}, "t")
    items, issues = reference_task.load(spec, None)
    assert [item.id for item in items] == ["no-answer"]
    assert issues.counts["conversation does not end with a user turn"] == 2
    assert issues.counts["no reference answer in metadata.answer"] == 1


def test_echoing_the_reference_scores_maximal(tmp_path: Path, mirror: Path) -> None:
    tasks = builtin_tasks()
    # The fake server counts words as tokens: leave room for the longest reference.
    specs = [
        tasks[name].model_copy(update={"max_new_tokens": 4096}) for name in ("reference_icliniq_gpt4", "reference_cmd")
    ]
    answers = {}
    for spec in specs:
        for item in reference_task.load(spec, None)[0]:
            prompt, reference = reference_task.prompt_and_reference(spec, item)
            answers[prompt[-1]["content"]] = reference
    with _replying(answers) as server:
        from medllm.models import load_model

        with load_model(server.base_url) as model:
            summary = evaluate(model, specs, tmp_path, limit=3)
        requests = server.requests_to("/chat/completions")
    assert len(requests) == 6
    assert all(r.body["max_tokens"] == 4096 and r.body["temperature"] == 0.0 for r in requests)
    for spec in specs:
        result = summary["tasks"][spec.name]
        assert result["n"] == 3 and result["reported"] == list(reference_task.REPORTED)
        assert result["rouge_l"] == pytest.approx(1.0) and result["rouge_l_stderr"] == pytest.approx(0.0)
        assert result["bleu"] == pytest.approx(100.0) and result["corpus_bleu"] == pytest.approx(100.0)
        assert result["embedding_cosine"] == pytest.approx(1.0, abs=1e-4)
        assert result["empty_outputs"] == 0 and result["embedding_model"] == "all-MiniLM-L6-v2"
        for entry in _samples(tmp_path, spec.name):
            assert entry["output"] == entry["reference"]
            assert any(r.body["messages"] == entry["prompt"] for r in requests)  # the exact prompt is logged
    tokenizers = {
        e["bleu_tokenize"] for name in ("reference_icliniq_gpt4", "reference_cmd") for e in _samples(tmp_path, name)
    }
    assert tokenizers == {"13a", "zh"}
    assert summary["tasks"]["reference_cmd"]["bleu_signature"]["zh"].startswith("nrefs:1|case:mixed|eff:no|tok:zh")
    assert summary["tasks"]["reference_cmd"]["embedding_unknown_rate"] > 0.3  # MiniLM does not read Chinese


def test_partial_answers_are_scored_exactly(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "data.jsonl",
        [
            _conversation("en", [("user", "Fever, what do I do?"), ("assistant", "Drink water and rest.")]),
            _conversation("zh", [("user", "头疼怎么办?"), ("assistant", "我头疼")], language="zh"),
            _conversation("empty", [("user", "Chest pain?"), ("assistant", "See a doctor now.")]),
        ],
    )
    answers = {"Fever, what do I do?": "Drink water.", "头疼怎么办?": "我头痛", "Chest pain?": ""}
    spec = _parse({"name": "local", "type": "reference", "path": str(path), "format": "medllm"}, "t")
    with _replying(answers) as server:
        from medllm.models import load_model

        with load_model(server.base_url) as model:
            summary = evaluate(model, [spec], tmp_path / "run")
    entries = {e["id"]: e for e in _samples(tmp_path / "run", "local")}
    # ROUGE-L: [drink water] in [drink water and rest]: P 1, R 1/2; per character 我头 in 我头疼: P = R = 2/3.
    assert entries["en"]["rouge_l"] == pytest.approx(2 / 3) and entries["zh"]["rouge_l"] == pytest.approx(2 / 3)
    # BLEU as in test_similarity: 13a n-gram precisions 3/3, 1/2, 1/2 (smoothed) with brevity penalty exp(1 - 5/3);
    # per character 2/3, 1/2, 1/2 (smoothed) at equal lengths.
    assert entries["en"]["bleu"] == pytest.approx(100 * math.exp(1 - 5 / 3) * (1 * 1 / 2 * 1 / 2) ** (1 / 3))
    assert entries["zh"]["bleu"] == pytest.approx(100 * (2 / 3 * 1 / 2 * 1 / 2) ** (1 / 3))
    assert entries["zh"]["bleu_tokenize"] == "zh" and entries["en"]["bleu_tokenize"] == "13a"
    assert 0 < entries["en"]["embedding_cosine"] < 1
    assert entries["empty"]["output"] == ""
    assert entries["empty"]["rouge_l"] == entries["empty"]["bleu"] == entries["empty"]["embedding_cosine"] == 0.0

    result = summary["tasks"]["local"]
    rouge = [2 / 3, 2 / 3, 0.0]
    mean = sum(rouge) / 3
    assert result["rouge_l"] == pytest.approx(mean)
    assert result["rouge_l_stderr"] == pytest.approx(math.sqrt(sum((r - mean) ** 2 for r in rouge) / 2 / 3))
    assert result["empty_outputs"] == 1 and result["n"] == 3
    # 13a and zh n-gram counts do not pool: no single corpus BLEU, one per tokenizer instead
    assert math.isnan(result["corpus_bleu"])
    assert result["corpus_bleu_by_tokenizer"] == {
        "13a": pytest.approx(corpus_bleu(["Drink water.", ""], ["Drink water and rest.", "See a doctor now."])),
        "zh": pytest.approx(corpus_bleu(["我头痛"], ["我头疼"], "zh")),
    }


def test_tiny_model_end_to_end_and_resume(tmp_path: Path, tiny_path: str, mirror: Path) -> None:
    from medllm.models import load_model

    tasks = builtin_tasks()
    specs = [
        tasks[name].model_copy(update={"max_new_tokens": 8}) for name in ("reference_icliniq_gpt4", "reference_cmd")
    ]
    with load_model(tiny_path, device="cpu") as model:
        summary = evaluate(model, specs, tmp_path, limit=2)
        again = evaluate(model, specs, tmp_path, limit=2)  # every sample is logged: nothing is asked again
    for spec in specs:
        result = summary["tasks"][spec.name]
        assert result["n"] == 2 and result["mode"] == "reference" and result["bad_rows"] == {}
        assert 0 <= result["rouge_l"] <= 1 and 0 <= result["bleu"] <= 100 and -1 <= result["embedding_cosine"] <= 1
        assert again["tasks"][spec.name]["rouge_l"] == result["rouge_l"]
        entries = _samples(tmp_path, spec.name)
        assert len(entries) == 2
        items = {item.id: item for item in reference_task.load(spec, None)[0]}
        for entry in entries:
            prompt, reference = reference_task.prompt_and_reference(spec, items[entry["id"]])
            assert entry["prompt"] == prompt and entry["reference"] == reference
            assert isinstance(entry["output"], str)
            assert entry["rouge_l"] == pytest.approx(rouge_l_f1(entry["output"], reference))
