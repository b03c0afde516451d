from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from medllm.cli import evaluate as eval_cli

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    root = typer.Typer(pretty_exceptions_enable=False)
    root.add_typer(eval_cli.app, name="eval")
    return root


def _task_file(tmp_path: Path) -> Path:
    rows = [
        {"question": "Which drug is first-line for type 2 diabetes?", "options": {"A": "Metformin", "B": "Insulin"},
         "answer_idx": "A"},
        {"question": "Which vitamin deficiency causes scurvy?", "options": {"A": "B12", "B": "C"}, "answer_idx": "B"},
        "not an object",
    ]  # fmt: skip
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    task = tmp_path / "task.yaml"
    task.write_text("name: my_exam\npath: items.jsonl\nchoices: texts\n")
    return task


def test_eval_a_local_task_file_writes_logs_summary_and_report(
    app: typer.Typer, tmp_path: Path, tiny_path: str
) -> None:
    out = tmp_path / "run"
    args = ["eval", "--model", tiny_path, "--task-file", str(_task_file(tmp_path)), "--out", str(out), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    task = summary["tasks"]["my_exam"]
    assert task["n"] == 2 and task["bad_rows"] == {"not_an_object": 1}  # the bad row is counted, not fatal
    samples = [json.loads(line) for line in (out / "samples_my_exam.jsonl").open()]
    assert [c["text"] for c in samples[0]["continuations"]] == [" Metformin", " Insulin"]
    assert {p.name for p in out.iterdir()} >= {"summary.json", "report.md", "report.html", "accuracy.png"}

    second = tmp_path / "second"
    assert runner.invoke(app, [*args[:-3], "--out", str(second), "--mode", "generate"]).exit_code == 0
    compared = runner.invoke(app, ["eval", "report", str(out), str(second), "--out", str(tmp_path / "cmp")])
    assert compared.exit_code == 0, compared.output
    report = (tmp_path / "cmp" / "report.md").read_text()
    assert "| my_exam | acc |" in report and "generate" in report and "loglikelihood" in report


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tasks", "no_such_task"], "unknown task 'no_such_task'"),
        (["--tasks", "medqa", "--mode", "guess"], "--mode 'guess'"),
        ([], "no task"),
    ],
)
def test_bad_arguments_are_one_line_errors(app: typer.Typer, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["eval", "--model", "tiny-random-llama", "--out", str(tmp_path), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_report_of_a_folder_without_summary(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "report", str(tmp_path)])
    assert result.exit_code == 2 and "no summary.json" in result.stderr
