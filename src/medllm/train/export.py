"""A stage's result as a standalone model folder: weights, tokenizer, chat template, model card, recipe.

LoRA adapters are merged into the base weights (``peft.merge: true``, the default), so the folder loads
with plain transformers, vLLM or ``medllm generate`` and the next stage starts from it. The chat template
the model was trained with is saved with its tokenizer, so evaluation and serving use the same one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase, Trainer

    from medllm.train.data import StageData
    from medllm.train.stages.base import Stage, StageResult


def export_model(
    trainer: Trainer, tokenizer: PreTrainedTokenizerBase, stage: Stage, result: StageResult, data: StageData
) -> Path:
    """Save the trained model of ``trainer`` to ``<stage>/model`` (and the adapter to ``<stage>/adapter``).

    Called on the main process only. LoRA is merged in place: training is over.
    """
    from medllm.train.stages.base import ADAPTER, MODEL

    out = stage.context.output_dir
    target = out / MODEL
    if target.exists():
        shutil.rmtree(target)
    model = trainer.accelerator.unwrap_model(trainer.model)
    if stage.spec.peft is not None:
        adapter = out / ADAPTER
        model.save_pretrained(adapter)
        tokenizer.save_pretrained(adapter)
        model = model.merge_and_unload()
    model.save_pretrained(target, safe_serialization=True)
    tokenizer.save_pretrained(target)
    write_model_card(target, stage, result, data)
    return target


def write_model_card(folder: Path, stage: Stage, result: StageResult, data: StageData) -> None:
    """README.md (what the model is, from what, on what data, with which metrics), recipe.yaml, data cards."""
    context = stage.context
    cards = []
    for index, card in enumerate(data.data_cards):
        name = f"data_card_{index}.md" if len(data.data_cards) > 1 else "data_card.md"
        shutil.copyfile(card, folder / name)
        cards.append(name)
    (folder / "recipe.yaml").write_text(
        yaml.safe_dump(context.recipe, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    (folder / "medllm_stage.json").write_text(json.dumps(result.to_json(), indent=2, default=str), encoding="utf-8")
    peft = stage.spec.peft
    method = f"{peft.method.upper()} (r={peft.r}, alpha={peft.alpha}, merged)" if peft else "full fine-tuning"
    lines = [
        "---",
        f"base_model: {context.base_model}",
        "library_name: transformers",
        "tags: [medllm, medical]",
        "---",
        "",
        f"# {folder.parent.name}",
        "",
        f"Trained with medllm, stage `{result.name}` ({result.type}, {method}), "
        f"from `{context.model}`; the run started from `{context.base_model}`.",
        "",
        "**Not for clinical use.** A research artefact, not a medical device.",
        "",
        "## Data",
        "",
        f"- training records: {data.summary()['train']}, held-out: {data.summary()['validation']}",
        *[f"- source `{name}`: {count}" for name, count in data.sources.items()],
        *[f"- data card: [{card}]({card})" for card in cards],
        "",
        "## Metrics on the held-out records",
        "",
        "| metric | before | after |",
        "|---|---|---|",
        *[
            f"| {key} | {value:.4g} | {result.metrics_after.get(key, float('nan')):.4g} |"
            for key, value in result.metrics_before.items()
        ],
        "",
        "The chat template used in training is saved with the tokenizer; the full recipe is in `recipe.yaml`.",
        "",
    ]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")
