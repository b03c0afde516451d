"""The five seed-system recipes: each runs every step at smoke scale, and each full-scale section validates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from medllm.io.issues import DataError
from medllm.run import check_gpu_steps, load_run_recipe, run
from medllm.run.runner import gpu_available
from tests.conftest import REPO

RECIPES = REPO / "recipes"
SEED_RECIPES = ["chatdoctor", "disc_medllm", "alpacare", "chimed_gpt", "clinicalgpt"]
# The paper each recipe reproduces, which its `source` must cite.
PAPERS = {
    "chatdoctor": "arXiv:2303.14070",
    "disc_medllm": "arXiv:2308.14346",
    "alpacare": "arXiv:2310.14558",
    "chimed_gpt": "arXiv:2311.06025",
    "clinicalgpt": "arXiv:2306.09968",
}
_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


@pytest.mark.parametrize("name", SEED_RECIPES)
def test_each_seed_recipe_runs_every_step_at_smoke_scale(name: str, tmp_path: Path, mirror: Path) -> None:
    recipe = load_run_recipe(RECIPES / f"{name}.yaml", "smoke")
    summary = run(recipe, tmp_path, scale="smoke")
    steps = summary["steps"]
    assert list(steps) == [step.name for step in recipe.steps]
    assert all(step["status"] == "done" for step in steps.values()), steps
    kinds = {step.type for step in recipe.steps}
    assert {"data", "train", "eval", "export", "report"} <= kinds
    for step in recipe.steps:
        result = steps[step.name]["result"]
        if step.type == "synth":
            # The scripted teacher answers in each generator's format, so its replies pass the checks.
            records = Path(result["records"]).read_text().splitlines()
            assert result["kept"] == len(records) > 0
            assert json.loads(records[0])["metadata"]["synth"]["generator"] == step.generator
        if step.type == "train":
            assert (Path(result["model"]) / "config.json").is_file()
        if step.type == "eval":
            runs = result["runs"]
            assert "base" in runs and len(runs) == len(step.models)
            assert (tmp_path / step.name / "report.md").is_file()
    export = steps["export"]["result"]
    card = Path(export["card"]).read_text()
    assert "## How this model was made" in card and "Smoke scale" in card and "### Evaluation" in card
    weights = sorted(p.name for p in Path(export["model"]).glob("*.safetensors"))
    assert weights and weights == sorted(p.name for p in Path(export["source"]).glob("*.safetensors"))
    report = (tmp_path / "report" / "report.md").read_text()
    assert "## Evaluation" in report and "## Export" in report
    if "synth" in kinds:
        assert "## Synthesis" in report and "scripted smoke-test teacher" in report


@pytest.mark.parametrize("name", SEED_RECIPES)
def test_each_full_scale_recipe_validates_and_names_its_sources(name: str, mirror: Path) -> None:
    recipe = load_run_recipe(RECIPES / f"{name}.yaml", "full")
    assert _HUB_ID.match(recipe.model), f"full scale names the published base model as a hub id: {recipe.model}"
    assert PAPERS[name] in recipe.source
    text = (RECIPES / f"{name}.yaml").read_text()
    assert PAPERS[name] in text.split("\nname:")[0], "the opening comment cites the paper"
    trains = [step for step in recipe.steps if step.type == "train"]
    assert trains and all(step.gpu for step in trains)
    if recipe.teacher is not None:
        assert not recipe.teacher.scripted and recipe.teacher.url.startswith("https://")
    raw = yaml.safe_load(text)
    assert raw["smoke"]["model"] == "tiny-random-llama"


@pytest.mark.parametrize("name", SEED_RECIPES)
def test_full_scale_on_a_cpu_stops_before_work_naming_the_gpu_steps(name: str, tmp_path: Path, mirror: Path) -> None:
    recipe = load_run_recipe(RECIPES / f"{name}.yaml", "full")
    gpu_steps = [step.name for step in recipe.steps if step.gpu]
    with pytest.raises(DataError, match=rf"steps {', '.join(gpu_steps)} need a GPU"):
        check_gpu_steps(recipe, "full", has_gpu=False)
    if gpu_available():
        return  # the run itself would start here
    with pytest.raises(DataError, match="need a GPU"):
        run(recipe, tmp_path / "run", scale="full")
    assert not (tmp_path / "run").exists()


def test_the_scripted_teacher_is_refused_at_full_scale(tmp_path: Path) -> None:
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        "name: r\nmodel: tiny-random-llama\nteacher:\n  url: scripted\nsteps:\n"
        "  - {name: s, type: synth, generator: mcq-to-qa, input: medmcqa-dev}\n"
    )
    with pytest.raises(DataError, match=r"r\.yaml:4: teacher\.url: 'scripted' is the smoke-test teacher"):
        load_run_recipe(recipe, "full")


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            "{name: s, type: synth, generator: mcq-to-qa, input: medmcqa-dev, params: {temprature: 0.3}}",
            r"r\.yaml:\d+: steps\.0 \(s\): generator 'mcq-to-qa': .*temprature",
        ),
        ("{name: s, type: synth, generator: make-data, input: medmcqa-dev}", r"steps\.0 \(s\): generator 'make-data'"),
        ("{name: s, type: synth, generator: mcq-to-qa, input: medmcqa-devv}", r"unknown dataset 'medmcqa-devv'"),
        ("{name: s, type: synth, generator: mcq-to-qa, input: data/mcq.jsonl}", r"input: no such file .*data/mcq"),
        ("{name: s, type: synth, generator: mcq-to-qa}", r"steps\.0: .*needs 'generator'.* and 'input'"),
        ("{name: e, type: eval, models: [base], tasks: [medqa], judge: teacher}", r"uses the teacher, and the recipe"),
        ("{name: x, type: export}", r"an export step needs 'model'"),
        ("{name: e, type: eval, models: [base], task_files: [nothere.yaml]}", r"no such task file .*nothere\.yaml"),
    ],
)
def test_a_bad_synth_eval_or_export_step_fails_before_any_work(
    tmp_path: Path, mirror: Path, step: str, expected: str
) -> None:
    recipe = tmp_path / "r.yaml"
    teacher = "" if "judge: teacher" in step else "teacher: {url: scripted}\n"
    recipe.write_text(f"name: r\nmodel: tiny-random-llama\n{teacher}steps:\n  - {step}\n")
    with pytest.raises(DataError, match=expected):
        load_run_recipe(recipe, "smoke")


def test_the_cpu_steps_of_a_gpu_recipe_run_alone_on_a_cpu(mirror: Path) -> None:
    recipe = load_run_recipe(RECIPES / "alpacare.yaml", "full")
    check_gpu_steps(recipe, "full", has_gpu=False, only="data")  # no error: data needs no GPU
    with pytest.raises(DataError, match=r"steps sft need a GPU"):
        check_gpu_steps(recipe, "full", has_gpu=False, only="sft")


def test_under_several_processes_only_one_train_step_runs(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = load_run_recipe(RECIPES / "alpacare.yaml", "smoke")
    monkeypatch.setenv("WORLD_SIZE", "2")
    with pytest.raises(DataError, match=r"2 processes: .*run one train step \(--only STEP\)"):
        run(recipe, tmp_path, scale="smoke")
    with pytest.raises(DataError, match=r"run one train step"):
        run(recipe, tmp_path, scale="smoke", only="data")
    assert not any(tmp_path.iterdir())
