"""Reports across runs: the paired comparison on shared items (exact McNemar) and the baselines table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medllm.evaluation.report import write_report
from medllm.io.issues import DataError


def _run(folder: Path, model: str, correct: dict[str, int], extra_lines: str = "") -> Path:
    folder.mkdir()
    n = len(correct)
    acc = sum(correct.values()) / n
    task = {"n": n, "acc": acc, "mode": "loglikelihood", "chance": 0.25, "majority": 0.4}
    (folder / "summary.json").write_text(json.dumps({"model": model, "tasks": {"exam": task}}))
    lines = "".join(json.dumps({"id": i, "acc": c, "pred": "A"}) + "\n" for i, c in correct.items())
    (folder / "samples_exam.jsonl").write_text(lines + extra_lines)
    return folder


def test_paired_comparison_counts_discordant_items_and_tests_them(tmp_path: Path) -> None:
    first = _run(tmp_path / "base", "base", {f"q{i}": int(i >= 10) for i in range(12)})
    # Right on q0..q7 where the base was wrong, wrong on q10 where it was right; q12 only here (not shared).
    tuned = {f"q{i}": int(i < 8 or i == 11) for i in range(12)} | {"q12": 1}
    second = _run(tmp_path / "tuned", "tuned", tuned, extra_lines='{"id": "q13", "ac\n')
    write_report([first, second], tmp_path / "cmp")
    report = (tmp_path / "cmp" / "report.md").read_text()
    # 12 shared items; base 2/12, tuned 9/12; 8 wins, 1 loss: p = P(X <= 1 or X >= 8 | n=9, 1/2) = 20/512.
    row = f"| exam | acc | tuned ({second}) | 12 | 0.167 | 0.750 | +0.583 | 8/1 | {20 / 512:.3g} |"
    assert row in report
    assert "| exam | 12 | 0.250 | 0.400 |" in report  # baselines, from the first run that has the task
    assert "McNemar" in (tmp_path / "cmp" / "report.html").read_text()


def test_a_single_run_has_no_paired_section(tmp_path: Path) -> None:
    only = _run(tmp_path / "only", "only", {"q0": 1, "q1": 0})
    write_report([only], tmp_path / "out")
    assert "McNemar" not in (tmp_path / "out" / "report.md").read_text()


@pytest.mark.parametrize("logged", [False, True])
def test_runs_without_shared_logged_items_are_not_paired(tmp_path: Path, logged: bool) -> None:
    first = _run(tmp_path / "a", "a", {"q0": 1})
    second = _run(tmp_path / "b", "b", {"other": 1})
    if not logged:
        (second / "samples_exam.jsonl").unlink()
    write_report([first, second], tmp_path / "out")
    assert "McNemar" not in (tmp_path / "out" / "report.md").read_text()


def test_runs_of_one_model_are_told_apart_by_folder(tmp_path: Path) -> None:
    first = _run(tmp_path / "zero_shot", "m", {"q0": 1})
    second = _run(tmp_path / "chat", "m", {"q0": 0})
    third = _run(tmp_path / "other", "other-model", {"q0": 0})
    write_report([first, second, third], tmp_path / "out")
    header = (tmp_path / "out" / "report.md").read_text().splitlines()[2]
    assert header == f"| task | metric | m ({first}) | m ({second}) | other-model |"


def test_html_report_carries_its_chart(tmp_path: Path) -> None:
    import base64

    only = _run(tmp_path / "only", "only", {"q0": 1, "q1": 0})
    write_report([only], tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text()
    inline = page.split("src='data:image/png;base64,", 1)[1].split("'", 1)[0]
    assert base64.b64decode(inline) == (tmp_path / "out" / "scores.png").read_bytes()


def test_diagnoses_are_paired_on_top1(tmp_path: Path) -> None:
    runs = []
    for name, ranks in (("a", [1, 2, None, 1]), ("b", [1, 1, 1, None])):
        folder = tmp_path / name
        folder.mkdir()
        task = {"n": 4, "top1": 0.5, "topk": 0.5, "mode": "diagnosis", "reported": ["top1", "topk"]}
        (folder / "summary.json").write_text(json.dumps({"model": name, "tasks": {"dx": task}}))
        lines = [json.dumps({"id": f"c{i}", "match_rank": rank}) for i, rank in enumerate(ranks)]
        (folder / "samples_dx.jsonl").write_text("\n".join(lines) + "\n")
        runs.append(folder)
    write_report(runs, tmp_path / "out")
    # a: c0, c3 at rank 1; b: c0, c1, c2. Wins c1, c2; loss c3.
    assert (
        f"| dx | top1 | b ({runs[1]}) | 4 | 0.500 | 0.750 | +0.250 | 2/1 | 1 |"
        in (tmp_path / "out" / "report.md").read_text()
    )


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("[1, 2]", "top level"),
        ("{}", "model"),
        ('{"model": "m", "tasks": []}', "tasks"),
        ('{"model": "m", "tasks": {"x": {"acc": 0.5}}}', "tasks.x.n"),
        ('{"model": "m", "tasks": {"x": {"acc": 0.5, "n": 3}}}', "tasks.x.mode"),
        ('{"model": "m", "tasks": {"x": {"n": 3, "mode": "generate", "chance": "low"}}}', "tasks.x.chance"),
    ],
)
def test_a_summary_of_the_wrong_shape_is_named(tmp_path: Path, content: str, field: str) -> None:
    (tmp_path / "summary.json").write_text(content)
    with pytest.raises(DataError, match=rf"summary.json: {field}: expected"):
        write_report([tmp_path], tmp_path / "report")
