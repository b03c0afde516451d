"""``medllm eval``: evaluate a model on tasks; ``medllm eval report``: compare runs."""

from __future__ import annotations

from pathlib import Path

import typer

from medllm.cli._common import console, fail, print_json
from medllm.io.issues import DataError

app = typer.Typer(help="Evaluate models on medical tasks and compare runs.", invoke_without_command=True)


@app.callback()
def evaluate(
    ctx: typer.Context,
    model: str | None = typer.Option(None, "--model", "-m", help="Built-in name, folder, hub id, http(s) URL."),
    tasks: str = typer.Option("", "--tasks", "-t", help="Built-in tasks, comma-separated (see --list-tasks)."),
    task_file: list[Path] = typer.Option([], "--task-file", help="A task YAML (repeatable)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Run folder: samples_<task>.jsonl, summary, report."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="A seeded sample of N items per task."),
    num_fewshot: int | None = typer.Option(None, "--num-fewshot", min=0, help="Examples in each prompt."),
    mode: str | None = typer.Option(None, "--mode", help="loglikelihood or generate (default: each task's)."),
    chat_template: bool = typer.Option(
        False, "--chat-template/--no-chat-template", help="Wrap log-likelihood prompts in the chat template."
    ),
    batch_size: int = typer.Option(8, "--batch-size", min=1, help="Requests per forward pass (local models)."),
    seed: int = typer.Option(0, help="Seeds the choice of few-shot examples."),
    list_tasks: bool = typer.Option(False, "--list-tasks", help="List the built-in tasks and stop."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Evaluate MODEL on TASKS: per-sample logs, summary.json and a report (Markdown, HTML, plot) in OUT.

    Rerunning into the same OUT skips samples already scored with the same settings.
    """
    if ctx.invoked_subcommand is not None:
        return
    from medllm.evaluation.tasks import builtin_tasks, resolve_tasks

    if list_tasks:
        for name, spec in builtin_tasks().items():
            console.print(f"{name}: {spec.dataset or spec.path} ({spec.mode}, {spec.choices})", highlight=False)
        return
    if model is None or out is None:
        fail("give --model and --out (and --tasks or --task-file)")
    if mode not in (None, "loglikelihood", "generate"):
        fail(f"--mode {mode!r}: use loglikelihood or generate")
    try:
        specs = resolve_tasks([t.strip() for t in tasks.split(",") if t.strip()], task_file)
    except DataError as error:
        fail(str(error))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from medllm.evaluation.report import REPORTED, write_report
    from medllm.evaluation.runner import evaluate as run_evaluation
    from medllm.models import ModelError, load_model

    try:
        loaded = load_model(
            model, on_status=console.print, **({"batch_size": batch_size} if "://" not in model else {})
        )
    except ModelError as error:
        fail(str(error))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console) as progress:
            bars: dict[str, int] = {}

            def on_progress(task: str, done: int, total: int) -> None:
                if task not in bars:
                    bars[task] = progress.add_task(task, total=total)
                progress.update(bars[task], completed=done)

            summary = run_evaluation(
                loaded,
                specs,
                out,
                limit=limit,
                num_fewshot=num_fewshot,
                mode=mode,
                chat_template=chat_template,
                seed=seed,
                on_progress=on_progress,
            )
        write_report([out], out)
    except (DataError, ModelError) as error:
        fail(str(error))
    if as_json:
        print_json(summary)
        return
    for name, result in summary["tasks"].items():
        shown = ", ".join(f"{key} {result[key]:.3f}" for key in REPORTED if key in result)
        console.print(f"{name}: {shown} (n={result['n']}, {result['mode']})", highlight=False)
    console.print(f"report: {out / 'report.md'}", highlight=False)


@app.command("report")
def report(
    runs: list[Path] = typer.Argument(..., help="Run folders of 'medllm eval'."),
    out: Path = typer.Option(Path("runs/eval/report"), "--out", "-o", help="Where the comparison is written."),
) -> None:
    """Compare several runs: one table and one bar chart, a column per model."""
    from medllm.evaluation.report import write_report

    try:
        paths = write_report(runs, out)
    except DataError as error:
        fail(str(error))
    console.print("written: " + ", ".join(str(p) for p in paths), highlight=False)
