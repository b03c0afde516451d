"""A stage's result as a standalone model folder: weights, tokenizer, chat template, model card, recipe.

LoRA adapters are merged into the base weights (``peft.merge: true``, the default), so the folder loads
with plain transformers, vLLM or ``medllm generate`` and the next stage starts from it. The chat template
the model was trained with is saved with its tokenizer, so evaluation and serving use the same one.

The folder is meant to be published as it is, so nothing in it names a path of the machine that trained
it: the model card follows the Hugging Face hub's conventions (YAML metadata written by
``huggingface_hub.ModelCardData``, ``base_model`` a hub id), and the recipe and stage record name run
folders relative to the run and other files by their name.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase, Trainer

    from medllm.train.data import SourceProvenance, StageData
    from medllm.train.stages.base import Stage, StageResult

CARD = "README.md"
LOSS_PLOT = "loss.png"
# owner/name as the hub spells repository ids.
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


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


@dataclass(frozen=True)
class BaseModelInfo:
    """The model a run started from, as a card names it.

    Attributes:
        hub_id: its Hugging Face hub id (the card's ``base_model``), None where it has none.
        label: how the card's text names it.
        license: the licence of its weights, where medllm knows it.
    """

    hub_id: str | None
    label: str
    license: str | None = None


def describe_base_model(spec: str) -> BaseModelInfo:
    """The hub identity of a recipe's ``model``: a built-in name or its cache folder, a hub id, or a local folder.

    A local folder is named by the ``base_model`` of its own medllm model card (a model exported by an
    earlier run); any other local folder has no hub identity, and the card says so without its path.
    """
    from medllm.models.builtin import BUILTINS

    spec = spec.strip()
    builtin = BUILTINS.get(spec)
    path = Path(spec).expanduser()
    if builtin is None and path.is_dir():
        builtin = next((b for b in BUILTINS.values() if _same_folder(path, b.cache_path())), None)
    if builtin is not None:
        where = f"[{builtin.hub_id}](https://huggingface.co/{builtin.hub_id})" if builtin.hub_id else "built by medllm"
        return BaseModelInfo(builtin.hub_id, f"`{builtin.name}` ({where})", builtin.license)
    if path.is_dir():
        parent = _card_metadata(path / CARD).get("base_model")
        parent = parent[0] if isinstance(parent, list) and parent else parent
        if isinstance(parent, str) and _HUB_ID.match(parent):
            return BaseModelInfo(parent, f"a model fine-tuned from [{parent}](https://huggingface.co/{parent})")
        return BaseModelInfo(None, "a local model (not on the Hugging Face hub)")
    if _HUB_ID.match(spec):
        return BaseModelInfo(spec, f"[{spec}](https://huggingface.co/{spec})")
    return BaseModelInfo(None, "a local model (not on the Hugging Face hub)")


def write_model_card(folder: Path, stage: Stage, result: StageResult, data: StageData) -> None:
    """README.md (what the model is, from what, on what data with which licences, with which metrics),
    the loss plot, recipe.yaml, the stage record and the data cards, none of them naming a local path."""
    from huggingface_hub import ModelCardData

    context = stage.context
    run_folder = context.output_dir.parent
    cards = []
    for index, card in enumerate(data.data_cards):
        name = f"data_card_{index}.md" if len(data.data_cards) > 1 else "data_card.md"
        shutil.copyfile(card, folder / name)
        cards.append(name)
    (folder / "recipe.yaml").write_text(
        yaml.safe_dump(portable(context.recipe, run_folder), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    (folder / "medllm_stage.json").write_text(
        json.dumps(portable(result.to_json(), run_folder), indent=2, default=str), encoding="utf-8"
    )
    plot = next((Path(p) for p in result.plots if Path(p).name == LOSS_PLOT), None)
    if plot is not None and plot.is_file():
        shutil.copyfile(plot, folder / LOSS_PLOT)
    base = describe_base_model(context.base_model)
    languages = sorted({lang for p in data.provenance.values() for lang in p.languages if lang})
    metadata = ModelCardData(
        base_model=base.hub_id,
        library_name="transformers",
        pipeline_tag="text-generation",
        language=languages or None,
        tags=["medllm", "medical", result.type, *(["lora"] if stage.spec.peft else [])],
    )
    peft = stage.spec.peft
    method = f"{peft.method.upper()} (r={peft.r}, alpha={peft.alpha}, merged)" if peft else "full fine-tuning"
    start = f"the model of stage `{context.previous_stage}`" if context.previous_stage else base.label
    summary = data.summary()
    lines = [
        "---",
        metadata.to_yaml(),
        "---",
        "",
        f"# {folder.parent.name}",
        "",
        f"Trained with medllm, stage `{result.name}` ({result.type}, {method}) from {start}; "
        f"the run started from {base.label}.",
        "",
        "**Not for clinical use.** A research artefact, not a medical device: it can be wrong, incomplete or "
        "unsafe, and it does not replace a clinician.",
        "",
        "## Training data",
        "",
        f"{summary['train']} training records, {summary['validation']} held out for evaluation.",
        "",
        *_source_table(data),
        *[f"- data card: [{card}]({card})" for card in cards],
        "",
        *_licence_note(base, data),
        "## Held-out metrics before and after this stage",
        "",
        *_metrics_table(result),
        *([f"![Training and held-out loss]({LOSS_PLOT})", ""] if (folder / LOSS_PLOT).exists() else []),
        "The chat template used in training is saved with the tokenizer; the full recipe is in `recipe.yaml`.",
        "",
        *_citations(data),
    ]
    (folder / CARD).write_text("\n".join(lines), encoding="utf-8")


def portable(value: Any, run_folder: Path) -> Any:
    """``value`` with every absolute path made shareable: relative to the run folder inside it, else its name."""
    if isinstance(value, dict):
        return {key: portable(item, run_folder) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [portable(item, run_folder) for item in value]
    if isinstance(value, str) and value.startswith("/") and "\n" not in value:
        path = Path(value)
        try:
            return str(path.relative_to(run_folder))
        except ValueError:
            return path.name
    return value


def _source_table(data: StageData) -> list[str]:
    if not data.provenance:
        return []
    rows = ["| source | used for | records | licence |", "|---|---|---:|---|"]
    for item in data.provenance.values():
        rows.append(f"| {_source_name(item)} | {item.role} | {item.records} | {_licences(item)} |")
    return [*rows, ""]


def _source_name(item: SourceProvenance) -> str:
    if item.dataset is None:
        return f"`{item.name}` (local file)"
    entry = _registry_entry(item.dataset)
    return f"[{item.dataset}]({entry.homepage})" if entry is not None else f"`{item.dataset}`"


def _licences(item: SourceProvenance) -> str:
    """The registry's licence for a registry dataset; else the licences its records carry."""
    entry = _registry_entry(item.dataset) if item.dataset else None
    if entry is not None:
        return entry.license.label
    stated = sorted(str(license) for license in item.licenses if license)
    unstated = item.licenses.get(None, 0)
    parts = stated + ([f"not stated for {unstated} records"] if unstated else [])
    return "; ".join(parts) or "not stated"


def _licence_note(base: BaseModelInfo, data: StageData) -> list[str]:
    licences = sorted({_licences(item) for item in data.provenance.values()})
    weights = f"The base model's weights are licensed {base.license}. " if base.license else ""
    return [
        f"{weights}Before sharing or using this model, check that the licences of the data above permit it "
        f"({'; '.join(licences) or 'none stated'}): a non-commercial or research-only licence on the training "
        "data may restrict the model too.",
        "",
    ]


def _metrics_table(result: StageResult) -> list[str]:
    if not result.metrics_before:
        return ["No held-out records were evaluated.", ""]
    rows = ["| metric | before | after |", "|---|---:|---:|"]
    for key, value in result.metrics_before.items():
        rows.append(f"| {key} | {value:.4g} | {result.metrics_after.get(key, float('nan')):.4g} |")
    return [*rows, ""]


def _citations(data: StageData) -> list[str]:
    entries = [_registry_entry(item.dataset) for item in data.provenance.values() if item.dataset]
    texts = list(dict.fromkeys(entry.citation.strip() for entry in entries if entry is not None))
    if not texts:
        return []
    return ["## Citations of the training data", "", "```bibtex", "\n\n".join(texts), "```", ""]


def _registry_entry(name: str | None) -> Any:
    from medllm.datasets import get_dataset
    from medllm.io.issues import DataError

    try:
        return get_dataset(name) if name else None
    except DataError:
        return None


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _card_metadata(path: Path) -> dict[str, Any]:
    """The YAML front matter of a model card, {} when there is none or it does not parse."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    if not text.startswith("---"):
        return {}
    try:
        metadata = yaml.safe_load(text.split("---", 2)[1])
    except (yaml.YAMLError, IndexError):
        return {}
    return metadata if isinstance(metadata, dict) else {}
