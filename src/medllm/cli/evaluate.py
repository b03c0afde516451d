"""``medllm eval``: evaluate a model on tasks; ``medllm eval report``: compare runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from medllm.cli._common import console, fail, print_json
from medllm.cli._common import out as stdout  # results; `console` (stderr) carries progress and notes
from medllm.io.issues import DataError

app = typer.Typer(help="Evaluate models on medical tasks and compare runs.", invoke_without_command=True)


@app.callback()
def evaluate(
    ctx: typer.Context,
    model: str | None = typer.Option(None, "--model", "-m", help="Built-in name, folder, hub id, http(s) URL."),
    judge: str | None = typer.Option(None, "--judge", help="The model grading free-form answers (any model spec)."),
    patient: str | None = typer.Option(
        None, "--patient", help="The model playing the patient in consultations (default: the judge)."
    ),
    tasks: str = typer.Option("", "--tasks", "-t", help="Built-in tasks, comma-separated (see --list-tasks)."),
    task_file: list[Path] = typer.Option([], "--task-file", help="A task YAML (repeatable)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Run folder: samples_<task>.jsonl, summary, report."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="A seeded sample of N items per task."),
    num_fewshot: int | None = typer.Option(None, "--num-fewshot", min=0, help="Examples in each prompt."),
    mode: str | None = typer.Option(
        None, "--mode", help="loglikelihood or generate, for exam and bias tasks (default: each task's)."
    ),
    chat_template: bool = typer.Option(
        False, "--chat-template/--no-chat-template", help="Wrap log-likelihood prompts in the chat template."
    ),
    cot: bool | None = typer.Option(
        None, "--cot/--no-cot", help="Generative multiple choice: ask for reasoning before the answer."
    ),
    batch_size: int = typer.Option(8, "--batch-size", min=1, help="Requests per forward pass (local models)."),
    device: str | None = typer.Option(
        None, "--device", help="Local models: cpu, cuda, cuda:N (default: CUDA when available)."
    ),
    dtype: str | None = typer.Option(
        None, "--dtype", help="Local models: float32, bfloat16, float16 (default: bfloat16 on capable CUDA)."
    ),
    seed: int = typer.Option(0, help="Seeds the --limit sample and the few-shot examples."),
    cache: bool = typer.Option(
        True, "--cache/--no-cache", help="Answer repeated model, judge and patient calls from OUT/calls.sqlite."
    ),
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
            stdout.print(f"{name}: {_describe(spec)}", highlight=False, markup=False)
        return
    if model is None or out is None:
        fail("give --model and --out (and --tasks or --task-file)")
    try:  # before any model loads
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"--out {out}: cannot create the run folder: {error.strerror or error}")
    if mode not in (None, "loglikelihood", "generate"):
        fail(f"--mode {mode!r}: use loglikelihood or generate")
    try:
        specs = resolve_tasks([t.strip() for t in tasks.split(",") if t.strip()], task_file)
    except DataError as error:
        fail(str(error))
    given = {"--num-fewshot": num_fewshot is not None, "--mode": mode is not None, "--chat-template": chat_template}
    given["--cot/--no-cot"] = cot is not None
    for note in unused_options(specs, [option for option, set_ in given.items() if set_]):
        console.print(f"note: {note}", highlight=False, markup=False)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from medllm.evaluation.report import REPORTED, write_report
    from medllm.evaluation.runner import evaluate as run_evaluation
    from medllm.models import ModelError

    if device is not None or dtype is not None:  # bad values fail before any model loads
        from medllm.models.transformers_backend import resolve_device, resolve_dtype

        try:
            resolve_dtype(dtype, resolve_device(device))
        except ModelError as error:
            fail(str(error))
    try:
        local = {"batch_size": batch_size, "device": device, "dtype": dtype}
        loaded = _load(model, local, out if cache else None, "model")
        judge_model = _load(judge, local, out if cache else None, "judge") if judge else None
        patient_model = _load(patient, local, out if cache else None, "patient") if patient else None
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
                judge=judge_model,
                patient=patient_model,
                limit=limit,
                num_fewshot=num_fewshot,
                mode=mode,
                chat_template=chat_template,
                chain_of_thought=cot,
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
        keys = result.get("reported") or [key for key in REPORTED if key in result]
        shown = ", ".join(f"{key} {result[key]:.3f}" for key in keys if isinstance(result.get(key), float | int))
        stdout.print(f"{name}: {shown} (n={result['n']}, {result['mode']})", highlight=False, markup=False)
        skipped = skipped_rows_line(result, out)
        if skipped:
            stdout.print(f"  {skipped}", highlight=False, markup=False)
    stdout.print(f"report: {out / 'report.md'}", highlight=False)


def skipped_rows_line(result: dict[str, Any], out: Path) -> str:
    """What a task did not score and why, with the first bad row and where all of them are listed."""
    from medllm.evaluation.report import skipped_reasons

    counts = result.get("bad_rows") or {}
    if not counts:
        return ""
    line = f"not scored: {sum(counts.values())} row(s) ({skipped_reasons(counts)})"
    if result.get("first_bad_row"):
        line += f"; first: {result['first_bad_row']}; all listed in {out / result['rejects']}"
    return line


def unused_options(specs: list[Any], options: list[str]) -> list[str]:
    """One line per option given that some of the tasks do not use (they run as their YAML says)."""
    notes = []
    for option in options:
        unused = [spec.name for spec in specs if not _uses(spec, option)]
        if unused:
            notes.append(f"{option} applies to exam tasks; not used by {', '.join(unused)}")
    return notes


def _uses(spec: Any, option: str) -> bool:
    if spec.type in ("multiple_choice", "entities"):
        return spec.type == "multiple_choice"  # entity extraction always generates, zero-shot
    # Bias probes score by log-likelihood or by parsing a generated rating; their chat template is a task setting.
    return option == "--mode" and "mode" in type(spec).model_fields


@app.command("report")
def report(
    runs: list[Path] = typer.Argument(..., help="Run folders of 'medllm eval'."),
    out: Path = typer.Option(Path("runs/eval/report"), "--out", "-o", help="Where the comparison is written."),
) -> None:
    """Compare runs: one table and chart, a column per run; later runs paired with the first (McNemar)."""
    from medllm.evaluation.report import write_report

    try:
        paths = write_report(runs, out)
    except DataError as error:
        fail(str(error))
    stdout.print("written: " + ", ".join(str(p) for p in paths), highlight=False)


def _load(spec: str, local: dict[str, Any], out: Path | None, role: str) -> Any:
    """Load a model spec (``local``: batch size, device, dtype for transformers models); with ``out``, wrap it
    in the call cache kept in ``out/calls.sqlite``."""
    from medllm.models import load_model
    from medllm.models.call_cache import CachedModel
    from medllm.models.registry import LLAMACPP_PREFIX

    console.print(f"{role}: {spec}", highlight=False, markup=False)
    remote = "://" in spec or spec.startswith(LLAMACPP_PREFIX)
    given = {key: value for key, value in local.items() if value is not None}
    if remote:
        for option in ("device", "dtype"):
            if option in given:
                console.print(f"note: --{option} applies to local models; not used by {spec}", highlight=False)
    kwargs = {} if remote else given
    loaded = load_model(spec, on_status=console.print, **kwargs)
    return CachedModel(loaded, out / "calls.sqlite", identity=_identity(spec)) if out is not None else loaded


def _identity(spec: str) -> str:
    """The spec, plus the size and time of a local folder's weight files: retrained weights never hit old entries."""
    folder = Path(spec).expanduser()
    if not folder.is_dir():
        return spec
    weights = sorted(p for p in folder.iterdir() if p.suffix in (".safetensors", ".bin", ".gguf", ".pt"))
    return spec + "|" + ";".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in weights)


def _describe(spec: Any) -> str:
    source = spec.dataset or spec.path or ", ".join(getattr(spec, "sources", [])) or "built-in items"
    if getattr(spec, "about", ""):
        source = f"{spec.about} [{source}]"
    if spec.type in ("multiple_choice", "entities"):
        return f"{source} ({spec.mode}, {spec.choices})" if spec.type == "multiple_choice" else f"{source} (entities)"
    return f"{source} ({spec.type})"
