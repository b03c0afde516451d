"""The ``medllm data build`` recipe: sources, steps, mixing, split, output and data card, in YAML.

Every key is validated (unknown keys are errors that name the key), and every step's settings are
validated by the step's own settings model before anything runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from medllm.io.issues import DataError
from medllm.io.yaml_files import read_yaml_mapping


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceSpec(_Strict):
    """One input: a registry dataset or a local file, with its share of the mix.

    Attributes:
        name: a short name used in the data card and the mix (default: the dataset or file stem).
        dataset: a registry dataset name (``medllm datasets list``).
        path: a local file (JSON Lines or JSON array; any format ``medllm data validate`` reads).
        format: the local file's format (``auto`` detects it).
        split: only this split of a registry dataset.
        weight: the source's share of the final mix (relative to the other weights).
        cap: read at most this many records (a seeded sample when the source is larger).
        license: the licence (required for local files; overrides the registry's).
        language: the language tag set on records that have none.
    """

    name: str | None = None
    dataset: str | None = None
    path: Path | None = None
    format: str = "auto"
    split: str | None = None
    weight: float = Field(1.0, gt=0)
    cap: int | None = Field(None, gt=0)
    license: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> SourceSpec:
        if (self.dataset is None) == (self.path is None):
            raise ValueError("give exactly one of 'dataset' (a registry name) or 'path' (a local file)")
        if self.path is not None and not self.license:
            raise ValueError(f"local file {self.path}: give its 'license' so the data card can state it")
        if self.name is None:
            self.name = self.dataset or (self.path.stem if self.path else None)
        return self


class MixSpec(_Strict):
    """Target proportions come from the sources' weights.

    Attributes:
        size: total records wanted; ``None`` takes the largest mix the proportions allow.
        upsample: repeat records of sources too small for their share (otherwise larger sources
            are down-sampled to keep the proportions).
    """

    size: int | None = Field(None, gt=0)
    upsample: bool = False


class SplitSpec(_Strict):
    """A seeded train/validation split, stratified by source."""

    validation: float = Field(0.05, ge=0, lt=1)


class OutputSpec(_Strict):
    """How the training set is written.

    Attributes:
        format: ``jsonl`` (in ``rows`` layout), ``parquet`` or ``hf`` (``datasets`` saved to disk).
        rows: the row layout of ``jsonl`` output: medllm records, OpenAI messages, ShareGPT, ...
    """

    format: Literal["jsonl", "parquet", "hf"] = "jsonl"
    rows: Literal["medllm", "openai", "sharegpt", "alpaca", "disc"] = "openai"


class CardSpec(_Strict):
    """What the data card measures.

    Attributes:
        tokenizer: model whose tokenizer counts tokens for the length histograms (a built-in name,
            local folder or hub id); ``None`` counts whitespace-separated words instead.
        deid_eval_notes: size of the planted-identifier evaluation run when the recipe de-identifies.
    """

    tokenizer: str | None = "smollm2-135m-instruct"
    deid_eval_notes: int = Field(200, ge=0)


class Recipe(_Strict):
    """A whole ``data build`` recipe."""

    name: str
    description: str = ""
    seed: int = 0
    mode: Literal["lenient", "strict"] = "lenient"
    num_proc: int | Literal["auto"] = "auto"
    chunk_size: int = Field(500, gt=0)
    sources: list[SourceSpec] = Field(min_length=1)
    steps: list[dict[str, dict[str, Any] | None]] = Field(default_factory=list)
    mix: MixSpec = Field(default_factory=MixSpec)
    split: SplitSpec = Field(default_factory=SplitSpec)
    output: OutputSpec = Field(default_factory=OutputSpec)
    card: CardSpec = Field(default_factory=CardSpec)

    @field_validator("steps")
    @classmethod
    def _one_key_per_step(cls, steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for index, step in enumerate(steps):
            if len(step) != 1:
                raise ValueError(f"step {index}: write each step as '- name: {{settings}}', got keys {list(step)}")
        return steps

    @model_validator(mode="after")
    def _unique_source_names(self) -> Recipe:
        names = [s.name for s in self.sources]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ValueError(f"source names must be unique; repeated: {', '.join(map(str, duplicated))}")
        return self

    @property
    def step_list(self) -> list[tuple[str, dict[str, Any]]]:
        return [(name, settings or {}) for step in self.steps for name, settings in step.items()]

    @property
    def processes(self) -> int:
        return max(1, os.cpu_count() or 1) if self.num_proc == "auto" else max(1, int(self.num_proc))


def load_recipe(path: str | Path) -> Recipe:
    """Read and validate a recipe, including every step's settings.

    Raises:
        DataError: the file is missing or not YAML, or a key or setting is invalid; the message names it.
    """
    path = Path(path)
    data = read_yaml_mapping(path, "recipe")
    try:
        recipe = Recipe.model_validate(data)
    except ValidationError as error:
        raise DataError(f"{path}: {_first_error(error)}") from None
    # Local paths in a recipe are relative to the recipe file, so a recipe folder can be moved whole.
    for source in recipe.sources:
        if source.path is not None and not source.path.is_absolute():
            source.path = path.parent / source.path
    validate_steps(recipe, where=str(path))
    return recipe


def validate_steps(recipe: Recipe, where: str = "recipe") -> None:
    """Build every step's settings model so a bad setting fails before any data is read."""
    from medllm.curate.registry import step_class

    for index, (name, settings) in enumerate(recipe.step_list):
        try:
            cls = step_class(name)
            cls.Settings.model_validate(settings)
        except KeyError as error:
            raise DataError(f"{where}: steps[{index}]: {error.args[0]}") from None
        except ValidationError as error:
            raise DataError(f"{where}: steps[{index}] ({name}): {_first_error(error)}") from None


def _first_error(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    loc = ".".join(str(p) for p in first["loc"])
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{loc}: {first['msg']}{more}" if loc else f"{first['msg']}{more}"
