"""Task files: the shared conversation loader every dialogue task kind reads through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medllm.evaluation.tasks import _parse, load_conversations
from medllm.io.issues import DataError, IssueLog


def _pairwise(path: Path) -> object:
    return _parse({"name": "pw", "type": "pairwise", "path": str(path)}, "test")


def test_missing_file_names_the_task_and_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    with pytest.raises(DataError, match=r"task 'pw': .*nowhere\.jsonl: no such file"):
        load_conversations(_pairwise(missing), None, IssueLog())


def test_bad_rows_are_counted_and_good_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "refs.jsonl"
    good = [{"instruction": f"question {i}", "output": f"answer {i}"} for i in range(3)]
    lines = [json.dumps(good[0]), "{not json", json.dumps(good[1]), json.dumps({"instruction": 5}), json.dumps(good[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    issues = IssueLog()
    records = load_conversations(_pairwise(path), None, issues)
    assert [r.messages[-1].content for r in records] == ["answer 0", "answer 1", "answer 2"]
    assert issues.total == 2


def test_a_dataset_of_exam_items_is_refused(mirror: Path) -> None:
    spec = _parse({"name": "pw", "type": "pairwise", "dataset": "medagentsbench-medqa"}, "test")
    with pytest.raises(DataError, match="task 'pw': its data holds records that are not conversations"):
        load_conversations(spec, None, IssueLog())


def test_an_exam_task_on_a_dialogue_dataset_is_refused(mirror: Path) -> None:
    from medllm.evaluation.runner import load_items

    spec = _parse({"name": "exam", "type": "multiple_choice", "dataset": "chatdoctor-5k"}, "test")
    with pytest.raises(DataError, match="task 'exam': its data holds records that are not multiple-choice items"):
        load_items(spec, None)


def test_a_local_exam_file_keeps_good_items_and_counts_bad_ones(tmp_path: Path) -> None:
    from medllm.evaluation.runner import load_items

    path = tmp_path / "exam.jsonl"
    good = {"question": "Which vitamin deficiency causes scurvy?", "options": {"A": "C", "B": "D"}, "answer_idx": "A"}
    path.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({**good, "answer_idx": "Z"}) + "\n", encoding="utf-8")
    spec = _parse({"name": "exam", "type": "multiple_choice", "path": str(path), "format": "medqa"}, "test")
    items, issues = load_items(spec, None)
    assert [item.question for item in items] == [good["question"]]
    assert issues.total == 2
