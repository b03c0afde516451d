"""Recipe validation: every mistake is caught before training, with the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from medllm.io.issues import DataError
from medllm.train import load_recipe, parse_recipe

SFT = {"type": "sft", "data": {"train": {"dataset": "chatdoctor-5k"}}}


def test_defaults_and_stage_names() -> None:
    recipe = parse_recipe({"model": "tiny-random-llama", "stages": [SFT, {**SFT, "type": "dpo"}]})
    assert [s.name for s in recipe.stages] == ["01-sft", "02-dpo"]
    assert recipe.stages[0].data.validation == "held_out" and recipe.holdout == 0.05


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"model": "m", "stages": [{**SFT, "args": {"learning_rat": 1e-4}}]},
            "'learning_rat' not a setting of SFTConfig",
        ),
        ({"model": "m", "stages": [{**SFT, "lr": 1}]}, "stages.0.lr: Extra inputs are not permitted"),
        ({"model": "m", "stages": [{**SFT, "type": "grpo"}]}, "needs 'rewards'"),
        ({"model": "m", "stages": [{**SFT, "type": "ppo"}]}, "TRL 1.x has no PPOTrainer"),
        ({"model": "m", "stages": []}, "stages: List should have at least 1 item"),
        ({"model": "m", "stages": [{**SFT, "name": "a"}, {**SFT, "name": "a"}]}, "two stages are named"),
        ({"model": "m", "stages": [{**SFT, "name": "../x"}]}, "names a folder"),
        ({"model": "m", "stages": [{"type": "sft", "data": {"train": [{}]}}]}, "exactly one of 'dataset'"),
        ({"model": "m", "stages": [{**SFT, "peft": {"method": "dora"}}]}, "stages.0.peft.method"),
    ],
)
def test_bad_recipes_name_the_problem(raw: dict, message: str) -> None:
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_recipe(raw)


def test_load_recipe_resolves_paths_and_reports_yaml_errors(tmp_path: Path) -> None:
    (tmp_path / "data.jsonl").write_text("")
    (tmp_path / "r.yaml").write_text(
        "model: tiny-random-llama\nstages:\n  - type: sft\n    data: {train: [{path: data.jsonl}]}\n"
    )
    recipe = load_recipe(tmp_path / "r.yaml")
    assert recipe.stages[0].data.train[0].path == tmp_path / "data.jsonl"
    (tmp_path / "bad.yaml").write_text("model: [unclosed\n")
    with pytest.raises(DataError, match=r"bad\.yaml: not valid YAML"):
        load_recipe(tmp_path / "bad.yaml")
    with pytest.raises(DataError, match="no such recipe file"):
        load_recipe(tmp_path / "missing.yaml")


def test_shipped_recipes_validate() -> None:
    recipes = sorted((Path(__file__).resolve().parents[2] / "recipes" / "train").glob("*.yaml"))
    assert recipes
    for path in recipes:
        load_recipe(path)


def test_qlora_is_refused_before_training_without_a_gpu(tmp_path: Path) -> None:
    import torch

    from medllm.train import run_recipe

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    recipe = parse_recipe({"model": "tiny-random-llama", "stages": [{**SFT, "name": "q", "peft": {"method": "qlora"}}]})
    with pytest.raises(DataError, match="stage 'q': QLoRA needs a CUDA GPU"):
        run_recipe(recipe, tmp_path)
    assert not tmp_path.joinpath("q").exists()
    with pytest.raises(DataError, match="no stage named 'nope'; the recipe has q"):
        run_recipe(recipe, tmp_path, only="nope")
