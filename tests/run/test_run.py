"""``medllm run``: recipes check every key before work, run every step, and resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medllm.io.issues import DataError
from medllm.run import check_gpu_steps, load_run_recipe, run
from tests.conftest import REPO

RECIPES = REPO / "recipes"
QUICKSTART = RECIPES / "quickstart.yaml"


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def test_the_quickstart_runs_every_step_at_smoke_scale_and_reports(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = load_run_recipe(QUICKSTART, "smoke")
    # A relative run folder, as `make quickstart` passes, is the working directory's, not the recipe's.
    monkeypatch.chdir(tmp_path.parent)
    summary = run(recipe, Path(tmp_path.name), scale="smoke")
    steps = ["data", "train", "eval", "eval_reference", "kb", "triage", "report"]
    assert [name for name in summary["steps"]] == steps
    assert all(step["status"] == "done" for step in summary["steps"].values())
    for name in steps:
        manifest = _manifest(tmp_path / name)
        assert manifest["key"] and manifest["environment"]["packages"]["torch"]
        assert manifest["wall_s"] >= 0 and manifest["peak_memory_mb"] > 0
    # The tuned model is a real folder that later steps used; the eval compared it with the base.
    model = Path(summary["steps"]["train"]["result"]["model"])
    assert (model / "config.json").is_file()
    assert {p.name for p in (tmp_path / "eval").iterdir()} >= {"base", "train", "report.md"}
    assert {p.name for p in (tmp_path / "eval_reference").iterdir()} >= {"base", "train", "report.md"}
    report = (tmp_path / "report" / "report.md").read_text()
    for heading in ("## Data", "## Training", "## Evaluation", "## Emergency triage", "## Knowledge base"):
        assert heading in report
    assert f"medllm chat --model {model}" in report
    commands = summary["steps"]["report"]["result"]["next"]  # what `medllm run` prints last
    kb = summary["steps"]["kb"]["result"]["kb"]
    flags = f"--model {model} --kb {kb}"
    assert commands == {"chat": f"medllm chat {flags}", "serve": f"medllm serve {flags}"}
    html = (tmp_path / "report" / "report.html").read_text()
    assert "data:image/png;base64," in html and "http" not in html.split("<body>")[0]
    # A second run redoes nothing: every manifest is the one the first run wrote.
    before = {name: _manifest(tmp_path / name) for name in summary["steps"]}
    run(recipe, tmp_path, scale="smoke")
    assert {name: _manifest(tmp_path / name) for name in summary["steps"]} == before


def test_a_killed_run_resumes_without_redoing_finished_steps(tmp_path: Path, mirror: Path) -> None:
    out = tmp_path / "run"
    command = [sys.executable, "-m", "medllm.cli.main", "run", str(QUICKSTART), "--scale", "smoke", "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy())
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            manifest = out / "data" / "manifest.json"
            if manifest.is_file() and _manifest(out / "data").get("status") == "done":
                break
            if process.poll() is not None:
                pytest.fail(f"the run ended before it could be killed: {process.stdout.read().decode()[-2000:]}")
            time.sleep(0.2)
        else:
            pytest.fail("the data step never finished")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    data_started = _manifest(out / "data")["started_at"]
    finished = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), timeout=600)
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert "[data] done before, skipped" in finished.stdout + finished.stderr
    said = finished.stdout + finished.stderr
    assert "chat: medllm chat --model " in said and "serve: medllm serve --model " in said
    assert _manifest(out / "data")["started_at"] == data_started
    assert _manifest(out / "report")["status"] == "done"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("    limit: 100\n", "    limit: 100\n    limitt: 3\n"),
            r"quickstart\.yaml:\d+: steps\.2\.limitt: unknown key",
        ),
        (
            ("sources: [chatdoctor-kb]", "sources: [chatdoctor-kbb]"),
            r":\d+: steps\.4 \(kb\): unknown dataset 'chatdoctor-kbb'",
        ),
        (('"${train.model}"', '"${trian.model}"'), r":\d+: steps\.2 \(eval\): \$\{trian\} refers to no earlier step"),
        (
            ('{path: "${data}", split: train, cap: 240}', '{path: "${data}", split: train, cap: 240, cpa: 1}'),
            r":\d+: steps\.1 \(train\): .*cpa",
        ),
        (
            ("tasks: [medqa, pubmedqa]", "tasks: [medqa, pubmedqaa]"),
            r":\d+: steps\.2 \(eval\): unknown task 'pubmedqaa'",
        ),
    ],
)
def test_a_bad_recipe_fails_before_any_work_naming_the_line(
    tmp_path: Path, mirror: Path, edit: tuple[str, str], expected: str
) -> None:
    text = QUICKSTART.read_text()
    assert edit[0] in text
    bad = tmp_path / "quickstart.yaml"
    bad.write_text(text.replace(edit[0], edit[1], 1))
    (tmp_path / "tests").symlink_to(REPO / "tests")  # the recipe's labelled sets are relative to it
    with pytest.raises(DataError, match=expected):
        load_run_recipe(bad, "full")
    assert not (tmp_path / "runs").exists()


def test_full_scale_on_a_cpu_names_the_steps_that_need_a_gpu(tmp_path: Path) -> None:
    recipe_file = tmp_path / "r.yaml"
    recipe_file.write_text(
        "name: big\nmodel: tiny-random-llama\nsteps:\n"
        "  - {name: kb, type: kb, sources: [chatdoctor-kb-mini], gpu: true}\n"
    )
    recipe = load_run_recipe(recipe_file, "full")
    with pytest.raises(DataError, match=r"steps kb need a GPU"):
        check_gpu_steps(recipe, "full", has_gpu=False)
    check_gpu_steps(recipe, "smoke", has_gpu=False)


def test_the_cli_reports_a_bad_recipe_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("name: x\nmodel: tiny-random-llama\nsteps:\n  - {name: a, type: dance}\n")
    done = subprocess.run(
        [sys.executable, "-m", "medllm.cli.main", "run", str(bad), "--dry-run"], capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "r.yaml:4: steps.0.type" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
