"""Run a recipe's stages in order, each starting from the model the previous one exported.

Every stage writes ``<output>/<stage>/`` (checkpoints, log history, plots, the exported ``model/``) and
a ``DONE`` file with its key (a hash of the stage's settings and its input model). With ``resume``, a
finished stage with the same key is reused, and an unfinished one continues from its last checkpoint;
without it, stages are trained afresh.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError
from medllm.train.recipe import TrainRecipe

DONE = "DONE"


def run_recipe(
    recipe: TrainRecipe,
    output: Path,
    *,
    only: str | None = None,
    resume: bool = False,
    on_status: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Train every stage (or only ``only``, from the model its predecessors exported) and write ``summary.json``.

    Returns:
        The run summary: per stage its type, exported model, metrics before and after, data and plots.

    Raises:
        DataError: bad data or settings (the message names the stage), or ``only`` needs a stage that has
            not run.
    """
    # Under `accelerate launch` or torchrun every process runs this; only the main one writes or removes files.
    from medllm.models import model_folder
    from medllm.train.data import load_stage_data
    from medllm.train.stages import StageContext, new_stage
    from medllm.train.templates import resolve_chat_template

    if only is not None:
        recipe.stage(only)  # an unknown name fails here, naming the stages there are
    preflight(recipe)
    state = process_state()
    main = state.is_main_process
    chat_template = resolve_chat_template(recipe.chat_template)
    plain_recipe = recipe.model_dump(mode="json")
    if main:
        output.mkdir(parents=True, exist_ok=True)
        (output / "recipe.json").write_text(json.dumps(plain_recipe, indent=2), encoding="utf-8")
    policy = model_folder(recipe.model)
    policy_stage: str | None = None  # the stage that exported ``policy``
    reward_models: dict[str, str] = {}
    results: list[dict[str, Any]] = []
    for stage in recipe.stages:
        assert stage.name is not None
        folder = output / stage.name
        key = _stage_key(stage.model_dump(mode="json"), policy, chat_template, (recipe.seed, recipe.holdout))
        done = _read_done(folder)
        skip = only is not None and stage.name != only
        if skip or (resume and done is not None and done["key"] == key):
            if done is None or done["key"] != key:
                raise DataError(
                    f"stage {stage.name!r} has not run with these settings; run the whole recipe "
                    f"(or earlier stages) before --stage {only}"
                )
            on_status(f"[{stage.name}] reusing the finished stage in {folder}")
            result = done["result"]
        else:
            if main and not resume and folder.exists():
                shutil.rmtree(folder)
            state.wait_for_everyone()
            context = StageContext(
                model=policy,
                base_model=recipe.model,
                output_dir=folder,
                previous_stage=policy_stage,
                chat_template=chat_template,
                seed=recipe.seed,
                resume=resume,
                reward_models=dict(reward_models),
                recipe=plain_recipe,
                on_status=on_status,
            )
            runner = new_stage(stage, context)
            data = load_stage_data(stage.data, stage.type, seed=recipe.seed, holdout=recipe.holdout)
            result = runner.run(data).to_json()
            if main:
                (folder / DONE).write_text(json.dumps({"key": key, "result": result}, indent=2), encoding="utf-8")
            state.wait_for_everyone()
        results.append(result)
        if result.get("reward_model"):
            reward_models[stage.name] = result["reward_model"]
        if result["model"] != policy:
            policy, policy_stage = result["model"], stage.name
        if only == stage.name:
            break
    summary: dict[str, Any] = {"model": recipe.model, "final_model": policy, "stages": results}
    if main:
        from medllm.train.plots import plot_held_out_across_stages

        plot = plot_held_out_across_stages(results, output / "plots" / "held_out_loss.png")
        if plot is not None:
            summary["plots"] = [str(plot)]
        (output / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def process_state() -> Any:
    """This process's place in a launch (an ``accelerate.PartialState``), right on CPU-only machines too.

    ``PartialState()`` without ``cpu=True`` sees no distributed launch on a machine without an
    accelerator (accelerate 1.x): under torchrun every CPU process then calls itself the main one and
    they all write the same files at once.
    """
    import torch
    from accelerate import PartialState

    accelerator = torch.cuda.is_available() or (hasattr(torch, "xpu") and torch.xpu.is_available())
    return PartialState(cpu=not accelerator)


def preflight(recipe: TrainRecipe) -> None:
    """Refuse, before any stage trains, what this machine cannot run (QLoRA without a GPU or bitsandbytes).

    Raises:
        DataError: names the stage and what it needs.
    """
    from medllm.train.stages.base import qlora_quantization_config

    for stage in recipe.stages:
        if stage.peft is not None and stage.peft.method == "qlora":
            try:
                qlora_quantization_config()
            except DataError as error:
                raise DataError(f"stage {stage.name!r}: {error}") from None


def _stage_key(stage: dict[str, Any], policy: str, chat_template: str | None, seed: Any) -> str:
    blob = json.dumps({"stage": stage, "policy": policy, "template": chat_template, "seed": seed}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _read_done(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / DONE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
