"""Chinese medical exam readers (MLEC-QA, CMExam, CMB-Exam, C-Eval, CMMLU) and read_mcq's detection."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from medllm.evaluation.answers import INSTRUCTION_ZH, mcq_prompt
from medllm.evaluation.mcq import build_prompt
from medllm.evaluation.tasks import load_task_file
from medllm.formats import (
    MCQ_READERS,
    detect_mcq_format,
    read_ceval_csv,
    read_cmb_exam,
    read_cmexam,
    read_cmmlu_csv,
    read_mcq,
    read_mlecqa,
)
from medllm.io import DataError, IssueLog, ReadStats
from medllm.records import MCQItem

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "chinese_exam"
MLECQA = FIXTURES / "mlecqa" / "Clinic_dev.json"
CMEXAM = FIXTURES / "cmexam" / "val.csv"
CMB = FIXTURES / "cmb" / "CMB-val-merge.json"
CEVAL_DEV = FIXTURES / "ceval" / "dev" / "physician_dev.csv"
CEVAL_VAL = FIXTURES / "ceval" / "val" / "physician_val.csv"
CMMLU = FIXTURES / "cmmlu" / "test" / "anatomy.csv"


def _read(reader, path: Path, **kwargs) -> tuple[list[MCQItem], IssueLog, ReadStats]:  # type: ignore[no-untyped-def]
    log, stats = IssueLog(), ReadStats()
    items = list(reader(path, on_issue=log, stats=stats, **kwargs))
    assert stats.rows == len(items) + log.total  # every row is yielded or reported, once
    return items, log, stats


def _where(log: IssueLog) -> list[tuple[int | None, int | None, str, str | None]]:
    """Each issue's (line, array item, reason, field)."""
    return [(issue.line, issue.item, issue.reason.value, issue.field) for issue in log.issues]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


# --- MLEC-QA ---------------------------------------------------------------------------------------------


def test_mlecqa_keeps_good_rows_and_reports_bad_ones() -> None:
    items, log, _ = _read(read_mlecqa, MLECQA)
    assert [item.id for item in items] == ["1001", "1002", "1003", "1004"]
    assert {(item.source, item.language, item.subject) for item in items} == {("mlecqa", "zh", "Clinic")}
    first = items[0]
    assert first.question == "维生素B12缺乏可引起的贫血是"
    assert first.answer == ["B"] and first.options["B"] == "巨幼细胞贫血" and list(first.options) == list("ABCDE")
    assert first.metadata == {"qtype": "A1型题", "qimage": None, "split": "dev"}
    assert items[1].question.startswith("男，55岁。")  # a case question carries its case in qtext
    assert _where(log) == [
        (None, 4, "missing_field", "answer"),
        (None, 5, "invalid_value", "answer"),
        (None, 6, "empty_turn", "qtext"),
    ]
    assert str(log.issues[1]).startswith(f"{MLECQA}[item 5]: invalid_value: field 'answer': answer F names F")


def test_mlecqa_reads_json_lines_and_answer_lists(tmp_path: Path) -> None:
    row = {"qid": "q1", "qtype": "A1型题", "qtext": "心脏的正常起搏点是", "options": {"A": "房室结", "B": "窦房结"}}
    path = tmp_path / "TCM_test.jsonl"
    path.write_text(json.dumps({**row, "answer": ["B"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    [item] = read_mlecqa(path)
    assert (item.id, item.answer, item.subject, item.metadata["split"]) == ("q1", ["B"], "TCM", "test")


def test_strict_mode_stops_at_the_first_bad_row_naming_file_and_line() -> None:
    with pytest.raises(DataError, match=r"val\.csv:17: missing_field: field 'Answer': missing answer"):
        list(read_cmexam(CMEXAM))
    with pytest.raises(DataError, match=r"Clinic_dev\.json\[item 4\]: missing_field"):
        list(read_mlecqa(MLECQA))


# --- CMExam ----------------------------------------------------------------------------------------------


def test_cmexam_splits_the_options_cell_and_keeps_multi_answer_items() -> None:
    items, log, _ = _read(read_cmexam, CMEXAM)
    assert [item.id for item in items] == ["val-0", "val-1", "val-2"]
    assert {(item.source, item.language) for item in items} == {("cmexam", "zh")}
    heart = items[0]
    assert heart.options == {
        "A": "40～60次/分",
        "B": "60～100次/分",
        "C": "100～120次/分",
        "D": "120～140次/分",
        "E": "140～160次/分",
    }
    assert heart.answer == ["B"] and heart.explanation == "正常成人安静状态下心率为60～100次/分。"
    assert items[1].answer == ["A", "B", "C", "E"]  # a multi-answer question (多项选择题)
    # Each record's options cell spans five lines; issues name the line the record starts on.
    assert _where(log) == [
        (17, None, "missing_field", "Answer"),
        (22, None, "invalid_value", "Answer"),
        (27, None, "empty_turn", "Question"),
        (29, None, "invalid_value", "Options"),
    ]
    assert "line 1 of the options, '赖氨酸', is not 'LETTER text'" in log.issues[3].message


def test_cmexam_reads_the_chinese_header_and_keeps_annotations(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "train.csv",
        [
            ["标题", "选项", "答案", "答案解析", "Clinical Department", "Difficulty level"],
            ["人体最长的骨是", "A.肱骨\nB.股骨\nC.胫骨", "B", "", "骨科", ""],
        ],
    )
    [item] = read_cmexam(path)
    assert item.options == {"A": "肱骨", "B": "股骨", "C": "胫骨"}
    assert (item.answer, item.explanation) == (["B"], None)
    assert item.metadata == {"Clinical Department": "骨科"}  # blank annotations left out


def test_cmexam_header_without_options_is_a_data_error(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", [["Question", "Answer"], ["问题", "A"]])
    with pytest.raises(DataError, match="not a CMExam CSV"):
        list(read_cmexam(path))


# --- CMB-Exam --------------------------------------------------------------------------------------------


def test_cmb_exam_multi_answer_padding_and_bad_rows() -> None:
    items, log, stats = _read(read_cmb_exam, CMB)
    assert [item.id for item in items] == ["CMB-val-merge-0", "CMB-val-merge-1", "CMB-val-merge-2"]
    diabetes, nephrotic, penicillin = items
    assert diabetes.answer == ["B"] and diabetes.subject == "临床执业医师"
    assert diabetes.explanation.startswith("有典型糖尿病症状者")
    assert diabetes.metadata == {"exam_type": "医师考试", "exam_class": "执业医师", "question_type": "单项选择题"}
    assert nephrotic.answer == ["A", "B", "C", "D"] and nephrotic.metadata["question_type"] == "多项选择题"
    assert list(penicillin.options) == list("ABCDE")  # the empty option F is dropped
    assert stats.notes["empty_option_dropped"] == 1
    assert {item.language for item in items} == {"zh"}
    assert _where(log) == [
        (None, 3, "missing_field", "answer"),
        (None, 4, "invalid_value", "answer"),  # two answers to a 单项选择题
        (None, 5, "invalid_value", "answer"),
        (None, 6, "empty_turn", "question"),
    ]
    assert "single-choice question (单项选择题) with answer AB" in log.issues[1].message


def test_cmb_exam_takes_test_answers_from_the_answer_file(tmp_path: Path) -> None:
    option = {"A": "房室结", "B": "窦房结", "C": "浦肯野纤维", "D": ""}
    base = {"exam_type": "医师考试", "exam_class": "规培结业", "exam_subject": "内科", "question_type": "单项选择题"}
    questions = [
        {"id": 1, **base, "question": "心脏的正常起搏点是", "option": option},
        {"id": 2, **base, "question": "心脏的正常起搏点是", "option": option, "answer": "A"},  # disagrees
        {"id": 3, **base, "question": "心脏的正常起搏点是", "option": option},  # not in the answer file
    ]
    answers = [{"id": 1, **base, "answer": "B"}, {"id": 2, **base, "answer": "B"}]
    path, key = tmp_path / "questions.json", tmp_path / "answers.json"
    path.write_text(json.dumps(questions, ensure_ascii=False, indent=4), encoding="utf-8")
    key.write_text(json.dumps(answers, ensure_ascii=False, indent=4), encoding="utf-8")
    items, log, _ = _read(read_cmb_exam, path, answers_file=key)
    assert [(item.id, item.answer) for item in items] == [("1", ["B"])]
    assert _where(log) == [(None, 1, "invalid_value", "answer"), (None, 2, "missing_field", "answer")]
    key.write_text(json.dumps({"1": "B"}), encoding="utf-8")
    with pytest.raises(DataError, match="CMB's answer file"):
        list(read_cmb_exam(path, answers_file=key))


# --- C-Eval and CMMLU ------------------------------------------------------------------------------------


def test_ceval_val_and_dev() -> None:
    items, log, _ = _read(read_ceval_csv, CEVAL_VAL)
    assert [item.id for item in items] == ["physician_val-0", "physician_val-1"]
    assert {(item.source, item.language, item.subject) for item in items} == {("ceval", "zh", "physician")}
    assert items[1].options == {"A": "胰腺", "B": "肝", "C": "腮腺", "D": "胃腺"} and items[1].answer == ["B"]
    assert items[0].metadata == {"split": "val"} and items[0].explanation is None
    assert _where(log) == [
        (4, None, "missing_field", "answer"),
        (5, None, "invalid_value", "answer"),
        (6, None, "empty_turn", "question"),
    ]
    dev, dev_log, _ = _read(read_ceval_csv, CEVAL_DEV)
    assert dev_log.total == 0 and len(dev) == 5
    assert all(item.explanation for item in dev) and dev[4].answer == ["C"]


def test_ceval_test_split_has_no_answers(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "test" / "clinical_medicine_test.csv",
        [["id", "question", "A", "B", "C", "D"], ["0", "人体最长的骨是", "肱骨", "股骨", "胫骨", "腓骨"]],
    )
    items, log, _ = _read(read_ceval_csv, path)
    assert items == [] and _where(log) == [(2, None, "missing_field", "answer")]


def test_cmmlu_subject_split_index_and_bad_rows() -> None:
    items, log, _ = _read(read_cmmlu_csv, CMMLU)
    assert [item.id for item in items] == ["anatomy_test-0", "anatomy_test-1", "anatomy_test-2"]
    assert {(item.source, item.language, item.subject) for item in items} == {("cmmlu", "zh", "anatomy")}
    assert items[0].answer == ["B"] and items[0].options["B"] == "股骨"
    assert items[0].metadata == {"split": "test"}  # the index column is the id, not metadata
    assert _where(log) == [
        (5, None, "missing_field", "Answer"),
        (6, None, "invalid_value", "Answer"),
        (7, None, "empty_turn", "Question"),
        (8, None, "invalid_value", None),  # a record with fewer cells than the header
    ]
    assert log.issues[3].message == "expected 7 cells (one per header column), found 5"


# --- read_mcq: every format, named or detected -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected", "good"),
    [(MLECQA, "mlecqa", 4), (CMEXAM, "cmexam", 3), (CMB, "cmb", 3), (CEVAL_VAL, "ceval", 2), (CMMLU, "cmmlu", 3)],
)
def test_read_mcq_detects_the_chinese_formats(path: Path, expected: str, good: int) -> None:
    assert detect_mcq_format(path) == expected
    log = IssueLog()
    items = list(read_mcq(path, on_issue=log))
    assert len(items) == good and log.total > 0
    assert {item.language for item in items} == {"zh"}
    assert [item.id for item in items] == [item.id for item in MCQ_READERS[expected](path, on_issue=IssueLog())]


def test_read_mcq_detects_the_other_formats(tmp_path: Path) -> None:
    medqa = tmp_path / "items.jsonl"
    medqa.write_text(json.dumps({"question": "Q?", "options": {"A": "x", "B": "y"}, "answer_idx": "B"}) + "\n")
    hard = tmp_path / "medqa_test_hard.jsonl"
    hard.write_text(medqa.read_text())
    medmcqa = tmp_path / "dev.json"
    row = {"id": "m1", "question": "Q?", "opa": "a", "opb": "b", "opc": "c", "opd": "d", "cop": 2}
    medmcqa.write_text(json.dumps(row) + "\n")
    pubmedqa = tmp_path / "ori_pqal.json"
    entry = {"QUESTION": "Q?", "CONTEXTS": ["c"], "final_decision": "yes", "LONG_ANSWER": "l"}
    pubmedqa.write_text(json.dumps({"123": entry}, indent=1))
    mmlu = _write_csv(tmp_path / "anatomy_test.csv", [["Q?", "a", "b", "c", "d", "A"]])
    detected = {path.name: detect_mcq_format(path) for path in (medqa, hard, medmcqa, pubmedqa, mmlu)}
    assert detected == {
        "items.jsonl": "medqa",
        "medqa_test_hard.jsonl": "medagentsbench",
        "dev.json": "medmcqa",
        "ori_pqal.json": "pubmedqa",
        "anatomy_test.csv": "mmlu",
    }
    assert [item.source for item in read_mcq(medqa)] == ["medqa"]
    assert [item.source for item in read_mcq(hard)] == ["medagentsbench/medqa"]
    assert [item.answer for item in read_mcq(medmcqa)] == [["B"]]
    assert [item.id for item in read_mcq(pubmedqa)] == ["123"]
    assert [item.subject for item in read_mcq(mmlu)] == ["anatomy"]


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("medmcqa/dev.json", "medmcqa"),
        ("pubmedqa/ori_pqal.json", "pubmedqa"),
        ("medagentsbench/medqa_test_hard.jsonl", "medagentsbench"),
        ("mmlu-medical/test_released/anatomy_test.csv", "mmlu"),
    ],
)
def test_detection_on_the_mirrored_files(mirror: Path, relative: str, expected: str) -> None:
    path = mirror / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in the mirror")
    assert detect_mcq_format(path) == expected


def test_read_mcq_by_name(tmp_path: Path) -> None:
    assert len(list(read_mcq(MLECQA, "MLEC-QA", on_issue=IssueLog()))) == 4
    assert len(list(read_mcq(CMB, "CMB-Exam", on_issue=IssueLog()))) == 3
    assert len(list(read_mcq(CEVAL_VAL, "C-Eval", on_issue=IssueLog()))) == 2
    with pytest.raises(DataError, match="unknown multiple-choice format 'gaokao'"):
        read_mcq(MLECQA, "gaokao")
    unknown = tmp_path / "rows.jsonl"
    unknown.write_text('{"text": "not a question"}\n')
    with pytest.raises(DataError, match="cannot tell which multiple-choice format"):
        read_mcq(unknown)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert list(read_mcq(empty)) == []


# --- the example task ------------------------------------------------------------------------------------


def test_example_task_reads_its_fixture_and_prompts_in_chinese() -> None:
    spec = load_task_file(REPO / "recipes" / "eval" / "chinese_exam.yaml")
    assert spec.path is not None and spec.path.is_file()
    items = list(read_mcq(spec.path, format=spec.format))
    assert len(items) == 5 and {item.language for item in items} == {"zh"}
    prompt = build_prompt(items[0], spec, [])
    assert prompt.startswith(
        "以下是中国医学考试的单项选择题，请选出正确答案。\n\n问题：正常成年男性血红蛋白的参考值为\n"
    )
    assert prompt.endswith("D. 160～180g/L\n答案：")
    assert mcq_prompt(items[0]).endswith(INSTRUCTION_ZH)
