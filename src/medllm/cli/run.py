"""``medllm run``: a whole recipe (data, training, evaluation, knowledge base, report) from one YAML file."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

from medllm.cli._common import console, fail, print_json
from medllm.io.issues import DataError


def run_command(
    recipe: Path = typer.Argument(..., help="A run recipe (YAML); see recipes/*.yaml."),
    scale: str = typer.Option("full", "--scale", help="smoke (every step, tiny model, seconds) or full."),
    resume: bool = typer.Option(
        True,
        "--resume/--no-resume",
        help="Skip finished steps and resume a killed one (default); --no-resume redoes all.",
    ),
    only: str | None = typer.Option(None, "--only", help="Run just this step (the steps it reads must have finished)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Run folder (default: runs/<recipe name>-<scale>)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the recipe and every step's settings, then stop."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
) -> None:
    """Run every step of RECIPE; each step writes OUT/STEP/ with a manifest, and OUT/report/ holds the report."""
    from medllm.models import ModelError
    from medllm.run import check_gpu_steps, load_run_recipe
    from medllm.run import run as run_recipe

    if scale not in ("smoke", "full"):
        fail(f"--scale {scale!r}: use smoke or full")
    try:
        loaded = load_run_recipe(recipe, scale)  # type: ignore[arg-type]
        if only is not None:
            loaded.step(only)
    except DataError as error:
        fail(str(error))
    if dry_run:
        console.print(
            f"{recipe}: valid at {scale} scale; steps: "
            + ", ".join(f"{s.name} ({s.type}{', GPU' if s.gpu and scale == 'full' else ''})" for s in loaded.steps),
            highlight=False,
        )
        return
    try:
        check_gpu_steps(loaded, scale, only=only)
    except DataError as error:
        fail(str(error))
    folder = (out or Path("runs") / f"{loaded.name}-{scale}").resolve()
    if not resume and folder.exists():
        shutil.rmtree(folder)
    from medllm.cli.data import _RichReporter
    from medllm.cli.train import _status

    try:
        with _RichReporter() as reporter:
            progress = reporter.progress
            bars: dict[str, int] = {}

            def on_progress(task: str, done: int, total: int) -> None:
                if task not in bars:
                    bars[task] = progress.add_task(task, total=total)
                progress.update(bars[task], completed=done)

            summary = run_recipe(
                loaded, folder, scale=scale, only=only, on_status=_status, on_progress=on_progress, reporter=reporter
            )
    except (DataError, ModelError, ImportError) as error:
        fail(str(error))
    if as_json:
        print_json(summary)
        return
    for name, step in summary["steps"].items():
        console.print(f"[green]{name}[/] ({step['type']}): {step['status']}, {step['wall_s']} s", highlight=False)
    report = summary["steps"].get("report", {}).get("result") or {}
    if report:
        console.print(f"report: {report.get('report')} (and {report.get('html')})", highlight=False)
        for what, command in (report.get("next") or {}).items():
            console.print(f"{what}: {command}", highlight=False, soft_wrap=True)
