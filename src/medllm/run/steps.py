"""One function per step type: each runs the existing medllm stage (data build, train, eval, kb) in its folder.

A step function receives its resolved settings and its folder and returns what later steps and the
report read (``model`` for a train step). Every stage underneath resumes on its own: a data build skips
finished stages, training continues from its last checkpoint, evaluation skips scored samples, so a
step that was killed picks up where it stopped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError

Status = Callable[[str], None]


def run_data(config: dict[str, Any], folder: Path, *, reporter: Any = None, recipe_folder: Path) -> dict[str, Any]:
    """``medllm data build`` of the step's recipe into ``folder``."""
    from pydantic import ValidationError

    from medllm.curate.build import run_build
    from medllm.curate.recipe import Recipe, validate_steps

    try:
        recipe = Recipe.model_validate(config)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise DataError(f"config.{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    for source in recipe.sources:
        if source.path is not None and not source.path.is_absolute():
            source.path = recipe_folder / source.path
    validate_steps(recipe, where="config")
    result = run_build(recipe, folder, resume=True, reporter=reporter)
    conservation = result.card.get("conservation", {})
    return {"rows_in": conservation.get("rows_in"), "rows_out": conservation.get("rows_out"), "outputs": result.outputs}


def run_train(config: dict[str, Any], folder: Path, *, on_status: Status, recipe_folder: Path) -> dict[str, Any]:
    """``medllm train`` of the step's recipe into ``folder``, resuming an interrupted stage."""
    from medllm.train.recipe import parse_recipe
    from medllm.train.runner import run_recipe

    recipe = parse_recipe(config, where="config")
    for stage in recipe.stages:
        validation = stage.data.validation if isinstance(stage.data.validation, list) else []
        for source in [*stage.data.train, *validation]:
            if source.path is not None and not source.path.is_absolute():
                source.path = (recipe_folder / source.path).resolve()
    summary = run_recipe(recipe, folder, resume=True, on_status=on_status)
    return {"model": str(summary["final_model"])}


def run_synth(config: Any, folder: Path, *, on_status: Status) -> dict[str, Any]:
    """``medllm synth`` into ``folder`` (records, rejects, ledger and the reply cache, so a rerun resumes).

    Args:
        config: a :class:`medllm.synth.SynthConfig` whose ``out`` is ``folder``.

    Raises:
        DataError: the run could not start, some requests ran out of retries (rerun to retry only those),
            or the generator kept no record (the steps after it would have no data).
    """
    from medllm.synth import SynthError
    from medllm.synth import run_synth as synthesize

    on_status(f"{config.generator} from {config.input} with teacher {config.teacher_model or config.teacher}")
    try:
        result = synthesize(config)
    except SynthError as error:
        raise DataError(f"synthesis: {error}") from None
    ledger = (result.ledger or {}).get("totals", {})
    summary = {
        "records": str(folder / "records.jsonl"),
        "kept": result.kept,
        "dropped": result.dropped,
        "input_issues": result.input_issues,
        "requests": ledger.get("requests"),
        "tokens_in": ledger.get("tokens_in"),
        "tokens_out": ledger.get("tokens_out"),
        "cost_usd": ledger.get("cost_usd"),
    }
    if result.teacher_failed:
        raise DataError(
            f"synthesis: {result.teacher_failed} items ran out of retries (see {folder / 'rejects.jsonl'}); "
            "run the same command again to retry only those"
        )
    if result.kept == 0:
        reasons = ", ".join(f"{reason} {count}" for reason, count in result.dropped.items()) or "no input"
        raise DataError(f"synthesis kept no record ({reasons}); see {folder / 'rejects.jsonl'}")
    on_status(f"kept {result.kept}, dropped {sum(result.dropped.values())}")
    return summary


def run_eval(
    models: list[tuple[str, str]],
    tasks: list[str],
    folder: Path,
    *,
    task_files: list[Path] | None = None,
    limit: int | None,
    judge: str | None,
    judge_kwargs: dict[str, Any] | None = None,
    patient: str | None = None,
    patient_kwargs: dict[str, Any] | None = None,
    max_new_tokens: int | None = None,
    batch_size: int,
    seed: int,
    on_progress: Callable[[str, int, int], None],
    on_status: Status,
) -> dict[str, Any]:
    """Each model on the tasks into ``folder/<label>/``, then one report comparing them (paired tests included).

    Args:
        judge_kwargs: keyword arguments for loading the judge (``model``, ``api_key`` for a server).
        max_new_tokens: caps the answer length of every task that generates.
    """
    from medllm.evaluation.report import write_report
    from medllm.evaluation.runner import evaluate
    from medllm.evaluation.tasks import resolve_tasks
    from medllm.models import load_model
    from medllm.models.call_cache import CachedModel

    specs = resolve_tasks(tasks, list(task_files or []))
    if max_new_tokens is not None:
        specs = [
            spec.model_copy(update={"max_new_tokens": min(spec.max_new_tokens, max_new_tokens)})
            if isinstance(getattr(spec, "max_new_tokens", None), int)
            else spec
            for spec in specs
        ]
    judge_model = load_model(judge, on_status=on_status, **(judge_kwargs or {})) if judge else None
    patient_model = load_model(patient, on_status=on_status, **(patient_kwargs or {})) if patient else None
    runs = []
    for label, spec in models:
        out = folder / label
        on_status(f"evaluating {label} ({spec}) on {', '.join(tasks)}")
        remote = "://" in spec
        loaded = load_model(spec, on_status=on_status, **({} if remote else {"batch_size": batch_size}))
        cached = CachedModel(loaded, out / "calls.sqlite", identity=_identity(spec))
        evaluate(
            cached,
            specs,
            out,
            judge=judge_model,
            patient=patient_model,
            limit=limit,
            seed=seed,
            on_progress=lambda task, done, total, label=label: on_progress(f"{label} {task}", done, total),
        )
        runs.append(out)
        del loaded, cached
    write_report(runs, folder)
    return {"runs": {label: str(folder / label) for label, _ in models}, "tasks": [spec.name for spec in specs]}


def _identity(spec: str) -> str:
    # A retrained model in the same folder must not be answered from the old model's cached calls.
    folder = Path(spec)
    if not folder.is_dir():
        return spec
    weights = sorted(p for p in folder.iterdir() if p.suffix in (".safetensors", ".bin", ".gguf"))
    return spec + "|" + ";".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in weights)


def run_kb(sources: list[str], folder: Path, *, chunk_tokens: int | None, on_status: Status) -> dict[str, Any]:
    """``medllm kb build`` into ``folder/kb`` (replaced when the step reruns)."""
    from medllm.knowledge import build_kb

    kwargs = {"chunk_tokens": chunk_tokens} if chunk_tokens else {}
    stats = build_kb(sources, folder / "kb", on_progress=on_status, force=True, **kwargs)
    return {"kb": str(folder / "kb"), "documents": stats.get("documents"), "chunks": stats.get("chunks")}


def run_triage(sets: list[Path], folder: Path) -> dict[str, Any]:
    """The rule triage on labelled sets: emergency recall and false alarms per language, and every miss."""
    from medllm.assistant.triage import triage

    by_language: dict[str, dict[str, int]] = {}
    misses = []
    for path in sets:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, label, language = row["text"], row["label"], row["language"]
            except (ValueError, KeyError, TypeError) as error:
                raise DataError(f"{path}:{number}: not a labelled row ({error})") from None
            level = triage(text).level.label
            counts = by_language.setdefault(language, {"emergency": 0, "caught": 0, "routine": 0, "false_alarms": 0})
            if label == "emergency":
                counts["emergency"] += 1
                counts["caught"] += level == "emergency"
                if level != "emergency":
                    misses.append({"set": path.name, "line": number, "text": text, "got": level})
            elif label == "routine":
                counts["routine"] += 1
                counts["false_alarms"] += level == "emergency"
    summary = {
        language: {
            "emergency_recall": round(c["caught"] / c["emergency"], 4) if c["emergency"] else None,
            "false_alarm_rate": round(c["false_alarms"] / c["routine"], 4) if c["routine"] else None,
            **c,
        }
        for language, c in sorted(by_language.items())
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "triage.json").write_text(
        json.dumps({"languages": summary, "misses": misses}, indent=2, ensure_ascii=False)
    )
    return {"languages": summary}
