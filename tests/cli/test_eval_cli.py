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
    assert {p.name for p in out.iterdir()} >= {"summary.json", "report.md", "report.html", "scores.png"}

    second = tmp_path / "second"
    assert runner.invoke(app, [*args[:-3], "--out", str(second), "--mode", "generate"]).exit_code == 0
    compared = runner.invoke(app, ["eval", "report", str(out), str(second), "--out", str(tmp_path / "cmp")])
    assert compared.exit_code == 0, compared.output
    report = (tmp_path / "cmp" / "report.md").read_text()
    assert "| my_exam | acc |" in report and "generate" in report and "loglikelihood" in report
    assert "| my_exam | 2 | 0.500 | 0.500 |" in report  # chance 1/2, majority: one "A" and one "B"
    assert "<td>my_exam</td><td>2</td><td>0.500</td>" in (tmp_path / "cmp" / "report.html").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tasks", "no_such_task"], "unknown task 'no_such_task'"),
        (["--tasks", "medqa", "--mode", "guess"], "--mode 'guess'"),
        ([], "no task"),
        (["--tasks", "medqa", "--dtype", "float8"], "unknown dtype 'float8'"),
        (["--tasks", "medqa", "--device", "gpu"], "unknown device 'gpu'"),
        (["--tasks", "medqa", "--device", "cuda:64"], "device 'cuda:64'"),
    ],
)
def test_bad_arguments_are_one_line_errors(app: typer.Typer, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["eval", "--model", "tiny-random-llama", "--out", str(tmp_path), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_out_folder_that_cannot_be_made_fails_before_any_model_loads(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")
    args = ["eval", "--model", "no-such-model", "--tasks", "medqa", "--out", str(tmp_path / "taken")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "cannot create the run folder" in result.stderr
    assert "unknown model" not in result.stderr


def test_report_of_a_folder_without_summary(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "report", str(tmp_path)])
    assert result.exit_code == 2 and "no summary.json" in result.stderr


def test_judged_task_from_the_cli_uses_the_judge_and_the_call_cache(app: typer.Typer, tmp_path: Path) -> None:
    from medllm.testing import FakeOpenAIServer

    (tmp_path / "refs.jsonl").write_text(
        "".join(json.dumps({"instruction": f"Question {i}?", "output": f"Reference {i}."}) + "\n" for i in range(3))
    )
    (tmp_path / "task.yaml").write_text("name: vs_ref\ntype: pairwise\npath: refs.jsonl\nmax_new_tokens: 8\n")
    with FakeOpenAIServer(reply="An answer.") as model, FakeOpenAIServer(reply="Output (b)") as judge:
        task = str(tmp_path / "task.yaml")
        args = ["eval", "--model", model.base_url, "--judge", judge.base_url, "--task-file", task]
        first = runner.invoke(app, [*args, "--out", str(tmp_path / "run1"), "--json"])
        assert first.exit_code == 0, first.output
        result = json.loads(first.stdout)["tasks"]["vs_ref"]
        assert (result["judgments"], result["wins"], result["losses"]) == (6, 3, 3)
        sent = len(judge.requests_to("/chat/completions"))
        # The same run folder with a renamed task: no sample is logged under that name, but every call is cached.
        (tmp_path / "task.yaml").write_text("name: renamed\ntype: pairwise\npath: refs.jsonl\nmax_new_tokens: 8\n")
        second = runner.invoke(app, [*args, "--out", str(tmp_path / "run1"), "--json"])
        assert second.exit_code == 0, second.output
        assert len(judge.requests_to("/chat/completions")) == sent
        assert (tmp_path / "run1" / "calls.sqlite").is_file()
        (tmp_path / "task.yaml").write_text("name: third\ntype: pairwise\npath: refs.jsonl\nmax_new_tokens: 8\n")
        third = runner.invoke(app, [*args, "--out", str(tmp_path / "run1"), "--no-cache", "--json"])
        assert third.exit_code == 0 and len(judge.requests_to("/chat/completions")) == 2 * sent
    assert "| third | win_rate |" in (tmp_path / "run1" / "report.md").read_text()


def test_judged_task_without_judge_is_a_one_line_error(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["eval", "--model", "tiny-random-llama", "--tasks", "alpacare_icliniq_gpt4", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and "give --judge MODEL" in result.stderr


def test_options_some_tasks_do_not_use_are_named() -> None:
    from medllm.evaluation.tasks import builtin_tasks

    tasks = builtin_tasks()
    specs = [tasks["medqa"], tasks["bias_attitudes"], tasks["alpacare_icliniq_gpt4"], tasks["ncbi_disease"]]
    notes = eval_cli.unused_options(specs, ["--num-fewshot", "--mode"])
    assert notes == [
        "--num-fewshot applies to exam tasks; not used by bias_attitudes, alpacare_icliniq_gpt4, ncbi_disease",
        "--mode applies to exam tasks; not used by alpacare_icliniq_gpt4, ncbi_disease",
    ]
    assert eval_cli.unused_options([tasks["medqa"]], ["--num-fewshot", "--cot/--no-cot"]) == []


def test_dtype_is_recorded_and_keeps_runs_apart(app: typer.Typer, tmp_path: Path, tiny_path: str) -> None:
    out = tmp_path / "run"
    args = ["eval", "--model", tiny_path, "--task-file", str(_task_file(tmp_path)), "--out", str(out), "--json"]

    def logged() -> list[dict]:
        return [json.loads(line) for line in (out / "samples_my_exam.jsonl").open()]

    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["dtype"] == "float32"
    float32 = logged()
    half = runner.invoke(app, [*args, "--dtype", "bfloat16", "--device", "cpu"])
    assert half.exit_code == 0, half.output
    assert json.loads(half.stdout)["dtype"] == "bfloat16"
    bfloat16 = logged()
    # Rescored in bfloat16 (another run key, other numbers), not resumed from the float32 samples.
    assert len(bfloat16) == 2 and {s["run_key"] for s in bfloat16} != {s["run_key"] for s in float32}
    assert [s["continuations"] for s in bfloat16] != [s["continuations"] for s in float32]


def test_rows_not_scored_are_named_listed_and_reported(app: typer.Typer, tmp_path: Path, tiny_path: str) -> None:
    task = _task_file(tmp_path)
    with open(tmp_path / "items.jsonl", "a") as handle:
        handle.write('{"question": "cut short", "options": \n')
    out = tmp_path / "run"
    args = ["eval", "--model", tiny_path, "--task-file", str(task), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "not scored: 2 row(s) (not_an_object 1, bad_json 1)" in result.output
    assert f"first: {tmp_path / 'items.jsonl'}:3: not_an_object" in " ".join(result.output.split())
    rejects = [json.loads(line) for line in (out / "rejects_my_exam.jsonl").open()]
    assert [(r["line"], r["reason"]) for r in rejects] == [(3, "not_an_object"), (4, "bad_json")]
    assert rejects[1]["raw"] == '{"question": "cut short", "options": '  # the row itself, kept for repair
    summary = json.loads((out / "summary.json").read_text())["tasks"]["my_exam"]
    assert summary["n"] == 2 and summary["rejects"] == "rejects_my_exam.jsonl"
    report = (out / "report.md").read_text()
    assert "| my_exam | " in report and "| 2 | not_an_object 1, bad_json 1 |" in report

    # Repaired data: the stale list goes, and nothing is reported as skipped.
    _task_file(tmp_path)
    rows = (tmp_path / "items.jsonl").read_text().splitlines()
    (tmp_path / "items.jsonl").write_text("\n".join(rows[:2]) + "\n")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "not scored" not in result.output
    assert not (out / "rejects_my_exam.jsonl").exists()
    assert "Rows not scored" not in (out / "report.md").read_text()


def test_task_list_goes_to_stdout(app: typer.Typer) -> None:
    result = runner.invoke(app, ["eval", "--list-tasks"])
    assert result.exit_code == 0, result.output
    names = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert {"medqa", "pubmedqa", "mmlu_medical", "disc_consult_cmb_clin", "rubric_medllm_safety"} <= set(names)
