"""``medllm train``: run a training recipe's stages."""

from __future__ import annotations

from pathlib import Path

import typer

from medllm.cli._common import console, fail, print_json
from medllm.io.issues import DataError


def _status(message: str) -> None:
    # Stage names in brackets are text, not rich markup.
    console.print(message, markup=False, highlight=False)


def train(
    recipe: Path = typer.Argument(..., help="A training recipe (YAML); see recipes/train/."),
    stage: str | None = typer.Option(None, "--stage", help="Run only this stage (earlier ones must have run)."),
    resume: bool = typer.Option(
        False, "--resume", help="Reuse finished stages and continue an interrupted one from its last checkpoint."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Run folder (default: the recipe's 'output')."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate the recipe and every stage's args, then stop."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
) -> None:
    """Train a model through RECIPE's stages (pretrain, sft, reward, dpo, orpo, kto, grpo, rloo, rejection_sampling).

    Each stage writes OUTPUT/STAGE/ (checkpoints, log history, loss and learning-rate plots, and model/: a
    standalone folder with tokenizer, chat template and model card); the next stage starts from it.
    OUTPUT/summary.json holds every stage's held-out metrics before and after training.
    """
    from medllm.models import ModelError
    from medllm.train import load_recipe, run_recipe

    try:
        loaded = load_recipe(recipe)
    except DataError as error:
        fail(str(error))
    folder = output or loaded.output
    if folder is None:
        fail(f"{recipe}: give --output or set 'output' in the recipe")
    if dry_run:
        console.print(f"{recipe}: valid; stages: " + ", ".join(f"{s.name} ({s.type})" for s in loaded.stages))
        return
    try:
        summary = run_recipe(loaded, folder, only=stage, resume=resume, on_status=_status)
    except (DataError, ModelError, ImportError) as error:
        fail(str(error))
    if as_json:
        print_json(summary)
        return
    for result in summary["stages"]:
        changes = ", ".join(
            f"{key} {before:.4g} -> {result['metrics_after'].get(key, float('nan')):.4g}"
            for key, before in result["metrics_before"].items()
        )
        console.print(f"[green]{result['name']}[/] ({result['type']}): {changes or 'no held-out data'}")
    console.print(f"final model: {summary['final_model']}; summary: {folder / 'summary.json'}")
