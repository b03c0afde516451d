"""``medllm run``: every step of a run recipe in order, each in its own folder with a manifest, resumable.

A step is skipped when its manifest says it finished with the same settings and inputs; otherwise it
runs, and the stage underneath resumes from what it left on disk. Killing the run at any point and
running the same command again redoes no finished step.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError
from medllm.run import manifest as manifests
from medllm.run.recipe import TEACHER, RunRecipe, StepSpec, recipe_path, step_config, substitute, synth_params
from medllm.run.steps import run_data, run_eval, run_kb, run_synth, run_train, run_triage


def gpu_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def check_gpu_steps(recipe: RunRecipe, scale: str, has_gpu: bool | None = None, only: str | None = None) -> None:
    """At full scale on a CPU-only machine, stop before any work and name the steps that need a GPU.

    Args:
        only: the one step that will run (``--only``): the check is about it alone, so the CPU steps of a
            GPU recipe (data, synthesis, knowledge base) can run on a CPU machine.
    """
    if scale != "full":
        return
    needs = [step.name for step in recipe.steps if step.gpu and (only is None or step.name == only)]
    if needs and not (gpu_available() if has_gpu is None else has_gpu):
        raise DataError(
            f"{recipe.name}: steps {', '.join(needs)} need a GPU at full scale and this machine has none; "
            "run --scale smoke here, run the other steps here with --only STEP, or run it on a GPU machine "
            "(docs/recipes.md shows how, with accelerate launch)"
        )


def launch_rank() -> tuple[int, int]:
    """This process's rank and the number of processes, under ``accelerate launch`` or torchrun (else 0, 1)."""
    return int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))


class Teacher:
    """The recipe's teacher for this run: its URL, model name and key; the scripted one starts on first use.

    The scripted teacher listens on a new port each run, so step settings name the teacher as written in the
    recipe (``url: scripted``) and never its address: a rerun's keys match and finished steps are skipped.
    """

    def __init__(self, recipe: RunRecipe, stack: contextlib.ExitStack) -> None:
        self.spec = recipe.teacher
        self._stack = stack
        self._url: str | None = None

    def url(self) -> str:
        if self.spec is None:
            raise DataError("this step uses the teacher and the recipe names none")
        if self._url is None:
            if self.spec.scripted:
                from medllm.run.scripted_teacher import scripted_teacher

                self._url = self._stack.enter_context(scripted_teacher())
            else:
                self._url = self.spec.url
        return self._url

    def model(self) -> str | None:
        from medllm.run.scripted_teacher import SCRIPTED_MODEL

        return SCRIPTED_MODEL if self.spec is not None and self.spec.scripted else self.spec and self.spec.model

    def load_kwargs(self) -> dict[str, Any]:
        """What ``load_model`` needs to use the teacher as a judge or a simulated patient."""
        assert self.spec is not None
        return {"model": self.model(), "api_key": os.environ.get(self.spec.api_key_env) or None}


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
    # Later steps read earlier steps' outputs as paths, and paths in a recipe are relative to the
    # recipe's folder: a relative run folder would then point inside recipes/.
    out = Path(out).resolve()
    check_gpu_steps(recipe, scale, only=only)
    rank, world = launch_rank()
    if only is not None:
        recipe.step(only)
    if world > 1 and (only is None or recipe.step(only).type != "train"):
        raise DataError(
            f"{world} processes: under accelerate launch or torchrun run one train step (--only STEP); "
            "run the other steps in one process"
        )
    with contextlib.ExitStack() as stack:
        teacher = Teacher(recipe, stack)
        return _run_steps(recipe, out, scale, only, teacher, rank == 0, on_status, on_progress, reporter)


def _run_steps(
    recipe: RunRecipe,
    out: Path,
    scale: str,
    only: str | None,
    teacher: Teacher,
    main: bool,
    on_status: Callable[[str], None],
    on_progress: Callable[[str, int, int], None],
    reporter: Any,
) -> dict[str, Any]:
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
            context = _StepContext(scale, teacher, main, on_status, on_progress, reporter)
            results[step.name] = _run_step(recipe, step, settings, inputs, key, folder, out, results, context)
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
    if main:
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
    for path in [*step.sets, *step.task_files]:
        file = recipe_path(recipe, path)
        if not file.is_file():
            raise DataError(f"{recipe.name}: step {step.name}: no such file {file}")
        inputs[str(file)] = manifests.file_digest(file)
    if step.type == "synth" and step.input and "${" not in step.input:
        file = recipe_path(recipe, Path(step.input))
        if file.exists():
            inputs[str(file)] = manifests.file_digest(file)
    text = str(settings)
    for name, result in results.items():
        if str(out / name) in text:
            inputs[f"step:{name}"] = str(result.get("key"))
    if step.type == "report":
        inputs.update({f"step:{name}": str(result.get("key")) for name, result in results.items()})
    return inputs


class _StepContext:
    """What every step of one run shares: the scale, the teacher, whether this process writes, the callbacks."""

    def __init__(
        self,
        scale: str,
        teacher: Teacher,
        main: bool,
        on_status: Callable[[str], None],
        on_progress: Callable[[str, int, int], None],
        reporter: Any,
    ) -> None:
        self.scale, self.teacher, self.main = scale, teacher, main
        self.on_status, self.on_progress, self.reporter = on_status, on_progress, reporter


def _run_step(
    recipe: RunRecipe,
    step: StepSpec,
    settings: dict[str, Any],
    inputs: dict[str, str],
    key: str,
    folder: Path,
    out: Path,
    results: dict[str, dict[str, Any]],
    context: _StepContext,
) -> dict[str, Any]:
    record = manifests.started(step.name, step.type, key, settings, inputs)
    if context.main:
        manifests.write_manifest(folder, record)
    on_status, on_progress = context.on_status, context.on_progress
    on_status(f"[{step.name}] {step.type} ...")
    began = time.perf_counter()

    def status(message: str) -> None:
        on_status(f"[{step.name}] {message}")

    if step.type == "data":
        result = run_data(settings["config"], folder, reporter=context.reporter, recipe_folder=recipe.folder)
    elif step.type == "synth":
        result = run_synth(_synth_config(recipe, step, settings, folder, context.teacher), folder, on_status=status)
    elif step.type == "train":
        result = run_train(settings["config"], folder, on_status=status, recipe_folder=recipe.folder)
    elif step.type == "eval":
        labels = _model_labels(step.models, settings["models"])
        judge, judge_kwargs = _role_model(settings["judge"], context.teacher)
        patient, patient_kwargs = _role_model(settings["patient"], context.teacher)
        result = run_eval(
            list(zip(labels, settings["models"], strict=True)),
            settings["tasks"],
            folder,
            task_files=[recipe_path(recipe, Path(f)) for f in settings["task_files"]],
            limit=settings["limit"],
            judge=judge,
            judge_kwargs=judge_kwargs,
            patient=patient,
            patient_kwargs=patient_kwargs,
            max_new_tokens=settings["max_new_tokens"],
            batch_size=settings["batch_size"],
            seed=recipe.seed,
            on_progress=on_progress,
            on_status=status,
        )
    elif step.type == "export":
        from medllm.run.export import run_export

        result = run_export(settings["model"], folder, recipe=recipe, scale=context.scale, out=out, results=results)
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
    if context.main:
        manifests.write_manifest(folder, record)
    status(f"done in {record['wall_s']:.1f} s")
    return record


def _role_model(spec: str | None, teacher: Teacher) -> tuple[str | None, dict[str, Any]]:
    """A judge or patient: ``teacher`` is the recipe's teacher (the scripted one is started here)."""
    if spec != TEACHER:
        return spec, {}
    return teacher.url(), teacher.load_kwargs()


def _synth_config(recipe: RunRecipe, step: StepSpec, settings: dict[str, Any], folder: Path, teacher: Teacher) -> Any:
    from medllm.synth import SynthConfig

    spec = teacher.spec
    assert spec is not None  # the recipe validator requires a teacher for synth steps
    source = settings["input"]
    if not Path(source).is_absolute() and recipe_path(recipe, Path(source)).exists():
        source = str(recipe_path(recipe, Path(source)))
    sampling = {k: settings[k] for k in ("temperature", "max_tokens") if settings.get(k) is not None}
    return SynthConfig(
        generator=settings["generator"],
        input=source,
        teacher=teacher.url(),
        teacher_model=teacher.model(),
        out=str(folder),
        limit=settings["limit"],
        concurrency=spec.concurrency,
        rpm=spec.rpm,
        tpm=spec.tpm,
        timeout=spec.timeout,
        seed=recipe.seed,
        api_key_env=spec.api_key_env,
        price_in=0.0 if spec.scripted else spec.price_in,  # the scripted teacher costs nothing
        price_out=0.0 if spec.scripted else spec.price_out,
        params=synth_params(step),
        progress=False,
        **sampling,
    )


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
