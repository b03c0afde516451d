from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from medllm.cli import train as train_cli

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    root = typer.Typer(pretty_exceptions_enable=False)
    root.command("train")(train_cli.train)
    root.command("noop")(lambda: None)  # keeps typer from collapsing a one-command app
    return root


def _write(path: Path, recipe: dict) -> Path:
    path.write_text(yaml.safe_dump(recipe))
    return path


def test_dry_run_validates_and_names_stages(app: typer.Typer, tmp_path: Path) -> None:
    recipe = _write(
        tmp_path / "r.yaml",
        {"model": "tiny-random-llama", "stages": [{"type": "sft", "data": {"train": {"dataset": "chatdoctor-5k"}}}]},
    )
    result = runner.invoke(app, ["train", str(recipe), "--output", str(tmp_path / "out"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "valid; stages: 01-sft (sft)" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        ({"model": "m", "stages": [{"type": "sft", "data": {"train": {"dataset": "x"}}, "args": {"lr": 1}}]}, "'lr'"),
        ({"model": "m"}, "stages: Field required"),
        ("just a string", "a recipe is a YAML mapping"),
    ],
)
def test_bad_recipe_is_a_one_line_error(app: typer.Typer, tmp_path: Path, recipe: object, message: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(recipe))
    result = runner.invoke(app, ["train", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_data_fails_cleanly_before_training(app: typer.Typer, tmp_path: Path, tiny_path: str) -> None:
    recipe = _write(
        tmp_path / "r.yaml",
        {"model": tiny_path, "stages": [{"type": "sft", "data": {"train": {"path": str(tmp_path / "none.jsonl")}}}]},
    )
    result = runner.invoke(app, ["train", str(recipe), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "none.jsonl: no such file or folder" in result.stderr


def test_train_json_summary_on_stdout(app: typer.Typer, tmp_path: Path, tiny_path: str, mirror: Path) -> None:
    recipe = _write(
        tmp_path / "r.yaml",
        {
            "model": tiny_path,
            "stages": [
                {
                    "type": "sft",
                    "data": {"train": {"dataset": "chatdoctor-5k", "cap": 40}, "max_validation": 4},
                    "args": {"max_steps": 2, "logging_steps": 1, "max_length": 128},
                }
            ],
        },
    )
    result = runner.invoke(app, ["train", str(recipe), "--output", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)  # nothing but the summary on stdout
    assert summary["final_model"] == str(tmp_path / "out" / "01-sft" / "model")
    assert "[01-sft] step 2/2: loss" in result.stderr
