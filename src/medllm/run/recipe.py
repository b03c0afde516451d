"""The ``medllm run`` recipe: one YAML file naming every step of a seed system, from data to report.

A run recipe is a list of steps. Each step has a ``type`` (``data``, ``synth``, ``train``, ``eval``,
``kb``, ``triage``, ``export``, ``report``) and its settings: for ``data`` and ``train`` the same mapping
a ``medllm data build`` or ``medllm train`` recipe holds (inline under ``config``, or a file under
``recipe``); for ``synth`` a ``medllm synth`` generator, its input and parameters, asked of the recipe's
``teacher``. A string ``${NAME}`` anywhere in a step's settings is the output folder of the earlier step
``NAME``, and ``${NAME.model}`` the model a ``train`` step exported, so steps chain without copying paths.

The teacher: ``teacher.url`` is an OpenAI-compatible server; ``url: scripted`` is medllm's smoke-test
teacher (:mod:`medllm.run.scripted_teacher`), started on loopback for the run and refused at full scale.
An ``eval`` step's ``judge: teacher`` (or ``patient: teacher``) is the same server.

Scales: the values written are the ``full`` scale. ``smoke`` overrides (a ``smoke:`` mapping at the top
and on each step) are merged over them, so the same file runs every step in seconds on a tiny model.
Steps marked ``gpu: true`` need a GPU at full scale; on a CPU-only machine the run stops before any
work, naming them.

Every key is checked before anything runs; an error names the file and line.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from medllm.io.issues import DataError
from medllm.io.yaml_files import line_of, read_yaml_mapping, yaml_key_lines

StepType = Literal["data", "synth", "train", "eval", "kb", "triage", "export", "report"]
Scale = Literal["smoke", "full"]
_REFERENCE = re.compile(r"\$\{([A-Za-z0-9_-]+)(?:\.(model))?\}")
#: ``teacher.url`` naming medllm's scripted smoke-test teacher instead of a server.
SCRIPTED = "scripted"
#: ``judge`` / ``patient`` naming the recipe's teacher.
TEACHER = "teacher"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TeacherSpec(_Strict):
    """The teacher model that ``synth`` steps ask (and that ``judge: teacher`` names in ``eval`` steps).

    Attributes:
        url: an OpenAI-compatible base URL (``https://api.openai.com/v1``, a vLLM or ``medllm serve``
            server), or ``scripted``: medllm's canned smoke-test teacher, allowed at smoke scale only.
        model: the model name at the server; without it the server must list exactly one model.
        api_key_env: the environment variable holding the key (a key is never written in a recipe).
        concurrency: requests in flight at most.
        rpm: requests per minute at most (``null``: unlimited).
        tpm: tokens per minute at most (``null``: unlimited).
        timeout: seconds per request.
        price_in: US dollars per million prompt tokens, for the synthesis ledger's cost.
        price_out: US dollars per million completion tokens.
    """

    url: str
    model: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    concurrency: int = Field(8, gt=0)
    rpm: float | None = Field(None, gt=0)
    tpm: float | None = Field(None, gt=0)
    timeout: float = Field(60.0, gt=0)
    price_in: float = Field(0.0, ge=0)
    price_out: float = Field(0.0, ge=0)

    @model_validator(mode="after")
    def _url_or_scripted(self) -> TeacherSpec:
        if self.url != SCRIPTED and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"teacher url {self.url!r}: give an http(s):// base URL, or 'scripted' for smoke runs")
        return self

    @property
    def scripted(self) -> bool:
        return self.url == SCRIPTED


class StepSpec(_Strict):
    """One step of a run.

    Attributes:
        name: the step's folder under the run folder and how later steps refer to it (``${name}``).
        type: what the step does.
        recipe: a ``data`` or ``train`` recipe file, relative to the run recipe.
        config: the same recipe inline (merged over ``recipe`` when both are given).
        models: ``eval``: the models to compare, each ``base`` (the run's model) or a model spec / ``${step.model}``.
        tasks: ``eval``: built-in task names.
        task_files: ``eval``: task YAML files (``medllm eval --task-file``), relative to the recipe.
        limit: ``eval``: a seeded sample of N items per task; ``synth``: items to process (``--limit``).
        judge: ``eval``: the model grading free-form answers (``teacher``: the recipe's teacher).
        patient: ``eval``: the model playing the patient in consultations (default: the judge).
        max_new_tokens: ``eval``: caps every task's answer length (smoke runs generate a few tokens; a tiny
            random model never stops on its own).
        generator: ``synth``: a ``medllm synth`` generator (``self-instruct``, ``kb-dialogues``, ...).
        input: ``synth``: a registry dataset, a file relative to the recipe, or ``${step}/FILE``.
        params: ``synth``: the generator's settings (``--param KEY=VALUE``).
        temperature: ``synth``: the sampling temperature sent with every request (generators may override it).
        max_tokens: ``synth``: the longest reply asked for.
        model: ``export``: the model to export, usually ``${train.model}``.
        sources: ``kb``: registry datasets, files or folders.
        sets: ``triage``: labelled JSON Lines sets (``text``, ``label``, ``language``), relative to the recipe.
        gpu: needs a GPU at full scale.
        smoke: overrides merged over this step for ``--scale smoke``.
    """

    name: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    type: StepType
    recipe: Path | None = None
    config: dict[str, Any] | None = None
    models: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    task_files: list[Path] = Field(default_factory=list)
    limit: int | None = Field(None, gt=0)
    judge: str | None = None
    patient: str | None = None
    max_new_tokens: int | None = Field(None, gt=0)
    generator: str | None = None
    input: str | None = None
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    temperature: float | None = Field(None, ge=0)
    max_tokens: int | None = Field(None, gt=0)
    model: str | None = None
    batch_size: int = Field(8, gt=0)
    sources: list[str] = Field(default_factory=list)
    chunk_tokens: int | None = Field(None, gt=0)
    sets: list[Path] = Field(default_factory=list)
    gpu: bool = False
    smoke: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _settings_fit_the_type(self) -> StepSpec:
        if self.type in ("data", "train") and self.recipe is None and self.config is None:
            raise ValueError(f"a {self.type} step needs 'recipe' (a file) or 'config' (inline)")
        if self.type == "eval" and (not self.models or not (self.tasks or self.task_files)):
            raise ValueError("an eval step needs 'models' and 'tasks' (or 'task_files')")
        if self.type == "synth" and (not self.generator or not self.input):
            raise ValueError("a synth step needs 'generator' (a medllm synth generator) and 'input'")
        if self.type == "export" and not self.model:
            raise ValueError("an export step needs 'model' (for example \"${train.model}\")")
        if self.type == "kb" and not self.sources:
            raise ValueError("a kb step needs 'sources'")
        if self.type == "triage" and not self.sets:
            raise ValueError("a triage step needs 'sets'")
        return self


class RunRecipe(_Strict):
    """A whole run: a base model and its steps, in order."""

    name: str
    description: str = ""
    source: str = ""
    model: str
    seed: int = 0
    teacher: TeacherSpec | None = None
    steps: list[StepSpec] = Field(min_length=1)
    smoke: dict[str, Any] = Field(default_factory=dict)
    #: where the recipe was read from (relative paths in it are relative to this folder).
    folder: Path = Field(default=Path("."), exclude=True)

    @model_validator(mode="after")
    def _names_and_references(self) -> RunRecipe:
        seen: set[str] = set()
        for index, step in enumerate(self.steps):
            if step.name in seen:
                raise ValueError(f"steps.{index}: two steps are named {step.name!r}")
            seen.add(step.name)
            uses_teacher = step.type == "synth" or TEACHER in (step.judge, step.patient)
            if uses_teacher and self.teacher is None:
                raise ValueError(f"steps.{index} ({step.name}) uses the teacher, and the recipe names no 'teacher'")
        return self

    def step(self, name: str) -> StepSpec:
        for step in self.steps:
            if step.name == name:
                return step
        raise DataError(f"no step named {name!r}; the recipe has {', '.join(s.name for s in self.steps)}")


def references(value: Any) -> list[tuple[str, str | None]]:
    """Every ``${step}`` / ``${step.model}`` inside a (nested) value."""
    if isinstance(value, str):
        return [(m.group(1), m.group(2)) for m in _REFERENCE.finditer(value)]
    if isinstance(value, dict):
        return [ref for item in value.values() for ref in references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in references(item)]
    return []


def substitute(value: Any, outputs: dict[str, Path], models: dict[str, str]) -> Any:
    """``value`` with each reference replaced by the step's output folder or exported model."""
    if isinstance(value, str):

        def one(match: re.Match[str]) -> str:
            name, field = match.group(1), match.group(2)
            if field == "model":
                if name not in models:
                    raise DataError(f"${{{name}.model}}: step {name!r} exported no model (is it a train step?)")
                return models[name]
            return str(outputs[name])

        return _REFERENCE.sub(one, value)
    if isinstance(value, dict):
        return {key: substitute(item, outputs, models) for key, item in value.items()}
    if isinstance(value, list):
        return [substitute(item, outputs, models) for item in value]
    return value


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` merged over ``base``: mappings merge key by key, anything else is replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def load_run_recipe(path: str | Path, scale: Scale = "full") -> RunRecipe:
    """Read a run recipe at a scale and check every key, including each data and train step's recipe.

    Raises:
        DataError: the file is missing or not YAML, or a key or setting is invalid; the message names the file
            and the line.
    """
    path = Path(path)
    raw = read_yaml_mapping(path, "run recipe")
    lines = yaml_key_lines(path)
    scaled = apply_scale(raw, scale)
    try:
        recipe = RunRecipe.model_validate(scaled)
    except ValidationError as error:
        raise DataError(_located(path, lines, error)) from None
    recipe.folder = path.parent.resolve()
    if scale == "full" and recipe.teacher is not None and recipe.teacher.scripted:
        line = line_of(lines, ("teacher", "url")) or line_of(lines, ("teacher",))
        raise DataError(
            f"{path}:{line or 1}: teacher.url: 'scripted' is the smoke-test teacher (canned replies); "
            "at full scale name a real OpenAI-compatible server"
        )
    earlier: list[str] = []
    for index, step in enumerate(recipe.steps):
        try:
            for name, _ in references([step.model_dump(exclude={"smoke"}, mode="json"), step.config or {}]):
                if name not in earlier:
                    listed = f" (earlier steps: {', '.join(earlier)})" if earlier else ""
                    raise DataError(f"${{{name}}} refers to no earlier step{listed}")
            check_names(recipe, step, step_config(recipe, step))
            earlier.append(step.name)
        except DataError as error:
            line = line_of(lines, ("steps", index))
            raise DataError(f"{path}:{line}: steps.{index} ({step.name}): {error}") from None
    return recipe


def apply_scale(raw: dict[str, Any], scale: Scale) -> dict[str, Any]:
    """The raw recipe with the scale's overrides merged in (``full`` is the recipe as written)."""
    if scale == "full":
        return raw
    top = raw.get("smoke") or {}
    if not isinstance(top, dict):
        return raw  # validation reports the wrong type
    scaled = deep_merge(raw, {k: v for k, v in top.items() if k != "steps"})
    steps = scaled.get("steps")
    if isinstance(steps, list):
        scaled["steps"] = [
            deep_merge(step, step.get("smoke") or {})
            if isinstance(step, dict) and isinstance(step.get("smoke") or {}, dict)
            else step
            for step in steps
        ]
    return scaled


def step_config(recipe: RunRecipe, step: StepSpec) -> dict[str, Any]:
    """A data or train step's recipe mapping (file, then inline ``config`` over it), validated.

    References to earlier steps are left in place; they are filled in when the step runs.
    """
    if step.type not in ("data", "train"):
        return {}
    config: dict[str, Any] = {}
    if step.recipe is not None:
        file = step.recipe if step.recipe.is_absolute() else recipe.folder / step.recipe
        config = read_yaml_mapping(file, f"{step.type} recipe")
    config = deep_merge(config, step.config or {})
    if step.type == "train":
        config.setdefault("model", recipe.model)
        config.setdefault("seed", recipe.seed)
    else:
        config.setdefault("seed", recipe.seed)
    # Validate with placeholder paths where references stand, so a typo fails before any work starts.
    placeholder = substitute(
        config,
        {s.name: recipe.folder / s.name for s in recipe.steps},
        {s.name: str(recipe.folder / s.name / "model") for s in recipe.steps},
    )
    if step.type == "train":
        from medllm.train.recipe import parse_recipe

        parse_recipe(placeholder, where="config")
    else:
        from medllm.curate.recipe import Recipe, validate_steps

        try:
            validate_steps(Recipe.model_validate(placeholder), where="config")
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            raise DataError(f"config.{where}: {first['msg']}") from None
    return config


def _dataset_names(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["dataset"]] if isinstance(value.get("dataset"), str) else []
        return own + [name for item in value.values() for name in _dataset_names(item)]
    if isinstance(value, list):
        return [name for item in value for name in _dataset_names(item)]
    return []


def recipe_path(recipe: RunRecipe, path: Path) -> Path:
    """A path written in the recipe: absolute, or relative to the recipe's folder."""
    return path if path.is_absolute() else recipe.folder / path


def check_names(recipe: RunRecipe, step: StepSpec, config: dict[str, Any]) -> None:
    """Registry datasets, evaluation tasks and synthesis generators named by the step exist, so a typo fails
    before any work."""
    from medllm.datasets import get_dataset

    names = _dataset_names(config)
    if step.type == "kb":
        names += [s for s in step.sources if not (recipe.folder / s).exists() and not Path(s).exists()]
    synth_input = step.input if step.type == "synth" and step.input and not references(step.input) else None
    if synth_input and not recipe_path(recipe, Path(synth_input)).exists():
        if "/" in synth_input or Path(synth_input).suffix:
            raise DataError(f"input: no such file {recipe_path(recipe, Path(synth_input))}")
        names.append(synth_input)  # not a file: it must be a registry dataset
    for name in names:
        get_dataset(name)
    if step.type == "synth":
        from medllm.synth import SynthError, get_generator

        try:
            get_generator(step.generator or "", synth_params(step))
        except (SynthError, ValueError) as error:
            raise DataError(f"generator {step.generator!r}: {error}") from None
    if step.type == "eval":
        from medllm.evaluation.tasks import resolve_tasks

        files = [recipe_path(recipe, f) for f in step.task_files]
        for file in files:
            if not file.is_file():
                raise DataError(f"task_files: no such task file {file}")
        resolve_tasks(step.tasks, files)
    for path in step.sets:
        file = path if path.is_absolute() else recipe.folder / path
        if not file.is_file():
            raise DataError(f"sets: no such labelled set {file}")


def synth_params(step: StepSpec) -> dict[str, str]:
    """A synth step's ``params`` as the strings ``medllm synth --param KEY=VALUE`` passes."""
    return {key: str(value).lower() if isinstance(value, bool) else str(value) for key, value in step.params.items()}


def _located(path: Path, lines: dict[tuple[str | int, ...], int], error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    location = tuple(first["loc"])
    line = line_of(lines, location)
    where = ".".join(str(p) for p in location)
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = f"unknown key {location[-1]!r}"
    return f"{path}:{line or 1}: {where or 'recipe'}: {message}{more}"
