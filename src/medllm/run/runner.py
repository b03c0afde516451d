"""``medllm run``: every step of a run recipe in order, each in its own folder with a manifest, resumable.

A step is skipped when its manifest says it finished with the same settings and inputs; otherwise it
runs, and the stage underneath resumes from what it left on disk. Killing the run at any point and
running the same command again redoes no finished step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError
from medllm.run import manifest as manifests
from medllm.run.recipe import RunRecipe, StepSpec, step_config, substitute
from medllm.run.steps import run_data, run_eval, run_kb, run_train, run_triage


def gpu_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def check_gpu_steps(recipe: RunRecipe, scale: str, has_gpu: bool | None = None) -> None:
    """At full scale on a CPU-only machine, stop before any work and name the steps that need a GPU."""
    if scale != "full":
        return
    needs = [step.name for step in recipe.steps if step.gpu]
    if needs and not (gpu_available() if has_gpu is None else has_gpu):
        raise DataError(
            f"{recipe.name}: steps {', '.join(needs)} need a GPU at full scale and this machine has none; "
            "run --scale smoke here, or run on a GPU machine (see the recipe's comments for accelerate launch)"
        )


def run(
    recipe: RunRecipe,
    out: Path,
    *,
    scale: str = "full",
    only: str | None = None,
    on_status: Callable[[str], None] = lambda message: None,
    on_progress: Callable[[str, int, int], None] = lambda task, done, total: None,
    reporter: Any = None,
) -> dict[str, Any]:
    """Run the recipe's steps into ``out``; returns the run summary (also ``out/run.json``).

    Args:
        only: run just this step (the steps it reads must have finished).
    """
    check_gpu_steps(recipe, scale)
    if only is not None:
        recipe.step(only)
    out.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    models: dict[str, str] = {}
    results: dict[str, dict[str, Any]] = {}
    for step in recipe.steps:
        folder = out / step.name
        outputs[step.name] = folder
        if only is not None and step.name != only:
            previous = manifests.read_manifest(folder)
            if previous and previous.get("status") == "done":
                results[step.name] = previous
                models.update({step.name: previous["result"]["model"]} if "model" in previous.get("result", {}) else {})
            continue
        settings = _settings(recipe, step, outputs, models, out)
        inputs = _inputs(recipe, step, settings, out, results)
        key = manifests.step_key(settings, inputs)
        if manifests.is_done(folder, key):
            on_status(f"[{step.name}] done before, skipped")
            results[step.name] = manifests.read_manifest(folder) or {}
        else:
            results[step.name] = _run_step(recipe, step, settings, inputs, key, folder, out, results, on_status,
                                           on_progress, reporter)  # fmt: skip
        result = results[step.name].get("result", {})
        if "model" in result:
            models[step.name] = result["model"]
    summary = {
        "recipe": recipe.name,
        "scale": scale,
        "model": recipe.model,
        "steps": {name: {k: r.get(k) for k in ("type", "status", "wall_s", "peak_memory_mb", "result")}
                  for name, r in results.items()},
    }  # fmt: skip
    manifests.write_json(out / "run.json", summary)
    return summary


def _settings(
    recipe: RunRecipe, step: StepSpec, outputs: dict[str, Path], models: dict[str, str], out: Path
) -> dict[str, Any]:
    """The step's settings with every reference filled in: what its key hashes and what it runs with."""
    plain = step.model_dump(mode="json", exclude={"smoke"})
    if step.type in ("data", "train"):
        plain["config"] = step_config(recipe, step)
        plain.pop("recipe", None)
    if step.type == "eval":
        plain["models"] = [recipe.model if spec == "base" else spec for spec in plain["models"]]
    return substitute(plain, outputs, models)


def _inputs(
    recipe: RunRecipe, step: StepSpec, settings: dict[str, Any], out: Path, results: dict[str, dict[str, Any]]
) -> dict[str, str]:
    """Checksums of what the step reads: labelled sets, and the keys of the earlier steps it refers to."""
    inputs: dict[str, str] = {}
    for path in step.sets:
        file = path if path.is_absolute() else recipe.folder / path
        if not file.is_file():
            raise DataError(f"{recipe.name}: step {step.name}: no such labelled set {file}")
        inputs[str(file)] = manifests.file_digest(file)
    text = str(settings)
    for name, result in results.items():
        if str(out / name) in text:
            inputs[f"step:{name}"] = str(result.get("key"))
    if step.type == "report":
        inputs.update({f"step:{name}": str(result.get("key")) for name, result in results.items()})
    return inputs


def _run_step(
    recipe: RunRecipe,
    step: StepSpec,
    settings: dict[str, Any],
    inputs: dict[str, str],
    key: str,
    folder: Path,
    out: Path,
    results: dict[str, dict[str, Any]],
    on_status: Callable[[str], None],
    on_progress: Callable[[str, int, int], None],
    reporter: Any,
) -> dict[str, Any]:
    record = manifests.started(step.name, step.type, key, settings, inputs)
    manifests.write_manifest(folder, record)
    on_status(f"[{step.name}] {step.type} ...")
    began = time.perf_counter()

    def status(message: str) -> None:
        on_status(f"[{step.name}] {message}")

    if step.type == "data":
        result = run_data(settings["config"], folder, reporter=reporter, recipe_folder=recipe.folder)
    elif step.type == "train":
        result = run_train(settings["config"], folder, on_status=status, recipe_folder=recipe.folder)
    elif step.type == "eval":
        labels = _model_labels(step.models, settings["models"])
        result = run_eval(
            list(zip(labels, settings["models"], strict=True)),
            settings["tasks"],
            folder,
            limit=settings["limit"],
            judge=settings["judge"],
            batch_size=settings["batch_size"],
            seed=recipe.seed,
            on_progress=on_progress,
            on_status=status,
        )
    elif step.type == "kb":
        result = run_kb(settings["sources"], folder, chunk_tokens=settings["chunk_tokens"], on_status=status)
    elif step.type == "triage":
        sets = [p if p.is_absolute() else recipe.folder / p for p in step.sets]
        result = run_triage(sets, folder)
    else:
        from medllm.run.report import write_run_report

        result = write_run_report(recipe, out, folder, results)
    record.update(
        status="done",
        result=result,
        wall_s=round(time.perf_counter() - began, 2),
        peak_memory_mb=manifests.peak_memory_mb(),
        finished_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    manifests.write_manifest(folder, record)
    status(f"done in {record['wall_s']:.1f} s")
    return record


def _model_labels(written: list[str], resolved: list[str]) -> list[str]:
    """Short names for the compared models: ``base``, or the step a ``${step.model}`` came from."""
    labels = []
    for spec, value in zip(written, resolved, strict=True):
        if spec == "base":
            labels.append("base")
        elif spec.startswith("${") and spec.endswith(".model}"):
            labels.append(spec[2:-7])
        else:
            labels.append(Path(value).name or value)
    return labels
