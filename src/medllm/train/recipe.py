"""The ``medllm train`` recipe: a model and the stages that train it, in order, in YAML.

A stage names its type (``sft``, ``dpo``, ...), its data, an optional PEFT adapter and ``args``, which
go to the TRL config class of that stage (``SFTConfig``, ``DPOConfig``, ...) on top of medllm's
defaults. Every key is validated before anything runs: an unknown key, or an ``args`` key the TRL
config does not have, is an error that names it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from medllm.io.issues import DataError
from medllm.io.yaml_files import read_yaml_mapping

StageType = Literal["pretrain", "sft", "reward", "dpo", "orpo", "kto", "grpo", "rloo", "ppo", "rejection_sampling"]
STAGE_TYPES: tuple[str, ...] = StageType.__args__  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceRef(_Strict):
    """One data source of a stage.

    Attributes:
        dataset: a registry dataset (``medllm datasets list``).
        path: a local file in any format ``medllm data validate`` reads, a ``.txt`` file (pre-training),
            or a folder written by ``medllm data build`` (its ``train.jsonl`` / ``validation.jsonl``).
        split: a registry split, or ``train`` / ``validation`` of a ``data build`` folder.
        format: the local file's row format (``auto`` detects it).
        cap: use at most this many records (the first ones after a seeded shuffle).
        held_out: only the source's held-out records (see ``TrainRecipe.holdout``): to evaluate a later
            stage on exactly the records an earlier stage held out.
        languages: only records tagged with one of these languages (``medllm data build`` tags them).
    """

    dataset: str | None = None
    path: Path | None = None
    split: str | None = None
    format: str = "auto"
    cap: int | None = Field(None, gt=0)
    held_out: bool = False
    languages: list[str] | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> SourceRef:
        if (self.dataset is None) == (self.path is None):
            raise ValueError("give exactly one of 'dataset' (a registry name) or 'path' (a local file or folder)")
        return self

    @property
    def label(self) -> str:
        base = self.dataset or str(self.path)
        return f"{base}:{self.split}" if self.split else base


class DataSpec(_Strict):
    """A stage's data.

    Attributes:
        train: the training sources, concatenated; their held-out records are never trained on.
        validation: ``held_out`` (the held-out records of ``train``), ``none``, or a list of sources.
        max_validation: at most this many held-out records (evaluation costs time on a CPU).
    """

    train: list[SourceRef]
    validation: Literal["held_out", "none"] | list[SourceRef] = "held_out"
    max_validation: int | None = Field(200, gt=0)

    @field_validator("train", "validation", mode="before")
    @classmethod
    def _one_source_is_a_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value


class PeftSpec(_Strict):
    """A LoRA adapter (``method: lora``) or QLoRA (``method: qlora``: 4-bit base, needs bitsandbytes and a GPU).

    Attributes:
        merge: merge the adapter into the base at the end of the stage, so the next stage and the exported
            folder are a plain model. Off, the stage's output is the adapter folder plus a merged export.
    """

    method: Literal["lora", "qlora"] = "lora"
    r: int = Field(16, gt=0)
    alpha: int = Field(32, gt=0)
    dropout: float = Field(0.05, ge=0, lt=1)
    target_modules: list[str] | Literal["all-linear"] = "all-linear"
    merge: bool = True


class RewardFunctionSpec(_Strict):
    """A reward for ``grpo``, ``rloo`` and ``rejection_sampling``.

    Types: ``mcq_answer`` (1 when the answer letter extracted from the completion is the gold one: exam
    questions), ``reference_overlap`` (ROUGE-L F1 against the reference answer), ``reward_model`` (a
    sequence-classification model: path or the name of an earlier ``reward`` stage), ``judge`` (an LLM
    grades the answer 1-10 against the reference; any ``medllm generate`` model), ``length`` (penalises
    answers outside ``[min_words, max_words]``).
    """

    type: Literal["mcq_answer", "reference_overlap", "reward_model", "judge", "length"]
    weight: float = 1.0
    model: str | None = None
    min_words: int = 10
    max_words: int = 300

    @model_validator(mode="after")
    def _model_when_needed(self) -> RewardFunctionSpec:
        if self.type in ("reward_model", "judge") and not self.model:
            raise ValueError(f"a '{self.type}' reward needs 'model'")
        return self


class StageSpec(_Strict):
    """One training stage.

    Attributes:
        name: the stage's name (its folder under the run's output); default ``<index>-<type>``.
        type: what the stage trains.
        data: its data.
        peft: train a LoRA/QLoRA adapter instead of every weight.
        args: keyword arguments of the stage's TRL config (``learning_rate``, ``max_steps``,
            ``per_device_train_batch_size``, ``max_length``, ``packing``, ``report_to``, ...).
        rewards: reward functions (``grpo``, ``rloo``, ``rejection_sampling``).
        num_samples: completions sampled per prompt (``rejection_sampling``).
        sample_max_new_tokens: longest sampled completion (``rejection_sampling``).
        keep_best: prompts whose best sample is kept per prompt (``rejection_sampling``; 1 = best only).
    """

    name: str | None = None
    type: StageType
    data: DataSpec
    peft: PeftSpec | None = None
    args: dict[str, Any] = Field(default_factory=dict)
    rewards: list[RewardFunctionSpec] = Field(default_factory=list)
    num_samples: int = Field(4, gt=0)
    sample_max_new_tokens: int = Field(128, gt=0)
    keep_best: int = Field(1, gt=0)

    @field_validator("name")
    @classmethod
    def _folder_safe(cls, name: str | None) -> str | None:
        if name is not None and not re.fullmatch(r"[A-Za-z0-9][\w.-]*", name):
            raise ValueError(f"stage name {name!r}: use letters, digits, '-', '_' and '.' (it names a folder)")
        return name

    @model_validator(mode="after")
    def _rewards_when_needed(self) -> StageSpec:
        if self.type in ("grpo", "rloo", "rejection_sampling") and not self.rewards:
            raise ValueError(f"a '{self.type}' stage needs 'rewards' (for example [{{type: mcq_answer}}])")
        return self


class TrainRecipe(_Strict):
    """A whole training run.

    Attributes:
        model: the starting model: a built-in name, a local folder or a hub id.
        chat_template: ``null`` keeps the model's own template; a template name from
            ``medllm.train.templates.NAMED_TEMPLATES``, a path to a ``.jinja`` file, or the template text.
            The template is saved with every exported model, so evaluation and serving use the same one.
        seed: seeds data shuffles, initialisation and training.
        holdout: the fraction of records held out from training in every stage, chosen by a hash of the
            record's id (and the seed), so a record held out in one stage is held out in all of them, and
            a stage can be evaluated on the records an earlier stage held out.
        output: the run folder (``medllm train --output`` overrides it).
        stages: run in order; each starts from the model the previous one exported.
    """

    model: str
    chat_template: str | None = None
    seed: int = 42
    holdout: float = Field(0.05, ge=0, lt=1)
    output: Path | None = None
    stages: list[StageSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _names(self) -> TrainRecipe:
        seen: set[str] = set()
        for index, stage in enumerate(self.stages):
            if stage.name is None:
                stage.name = f"{index + 1:02d}-{stage.type}"
            if stage.name in seen:
                raise ValueError(f"two stages are named {stage.name!r}")
            seen.add(stage.name)
        return self

    def stage(self, name: str) -> StageSpec:
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise DataError(f"no stage named {name!r}; the recipe has {', '.join(s.name or '' for s in self.stages)}")


def load_recipe(path: str | Path) -> TrainRecipe:
    """Read and validate a recipe; relative data paths are taken relative to the recipe's folder.

    Raises:
        DataError: the file cannot be read, is not YAML, or does not validate (the message names the key).
    """
    path = Path(path)
    recipe = parse_recipe(read_yaml_mapping(path, "recipe"), where=str(path))
    for stage in recipe.stages:
        for source in [*stage.data.train, *(stage.data.validation if isinstance(stage.data.validation, list) else [])]:
            if source.path is not None and not source.path.is_absolute() and not source.path.exists():
                source.path = (path.parent / source.path).resolve()
    return recipe


def parse_recipe(raw: dict[str, Any], *, where: str = "recipe") -> TrainRecipe:
    """Validate a recipe given as a mapping, including every stage's ``args`` against its TRL config."""
    try:
        recipe = TrainRecipe.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in first["loc"])
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        raise DataError(f"{where}: {loc or 'recipe'}: {first['msg']}{more}") from None
    from medllm.train.stages import check_args

    for index, stage in enumerate(recipe.stages):
        try:
            check_args(stage)
        except DataError as error:
            raise DataError(f"{where}: stages.{index} ({stage.name}): {error}") from None
    return recipe
