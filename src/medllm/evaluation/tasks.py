"""Evaluation tasks declared in YAML, as lm-evaluation-harness does: data, prompt, scoring.

Built-in tasks ship in ``medllm/evaluation/builtin_tasks/*.yaml``; a user's YAML file has the same keys and may
point at a local file in any supported format. Multiple-choice tasks are scored two ways:

- ``loglikelihood``: the log-probability of each option's continuation after the prompt (``acc``, and
  ``acc_norm`` divided by the continuation's length in bytes, as lm-eval does);
- ``generate``: the model answers in free text and the option letter is extracted (``acc``; unparseable
  answers are counted and scored wrong).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module, resources
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from medllm.io.issues import DataError, IssueLog
from medllm.io.yaml_files import read_yaml_mapping
from medllm.records import Conversation, EntitySentence, MCQItem

TASK_PACKAGE = "medllm.evaluation.builtin_tasks"

#: Task types beyond multiple choice and entities, each implemented by one module (see :class:`TaskKind`).
KIND_MODULES: dict[str, str] = {
    "pairwise": "medllm.evaluation.pairwise",
    "rubric": "medllm.evaluation.rubric",
    "consultation": "medllm.evaluation.consultation",
    "dialogue_judge": "medllm.evaluation.dialogue_judge",
    "reference": "medllm.evaluation.reference_task",
    "diagnosis": "medllm.evaluation.diagnosis",
    "bias": "medllm.evaluation.bias",
}


class TaskBase(BaseModel):
    """What every task declares: its name and type, where its data is, and how long answers may be.

    A task type's module subclasses this with its own fields (``type: Literal["pairwise"]`` and so on);
    unknown keys are errors, so a misspelt key never silently becomes a default.
    """

    model_config = ConfigDict(extra="forbid")
    #: whether the task needs a data source (``dataset`` or ``path``); tasks with built-in items do not.
    needs_data: ClassVar[bool] = True

    name: str
    about: str = ""
    type: str
    dataset: str | None = None
    path: Path | None = None
    format: str = "auto"
    split: str | None = None
    max_new_tokens: int = Field(256, gt=0)

    @model_validator(mode="after")
    def _one_source(self) -> TaskBase:
        if self.dataset is not None and self.path is not None:
            raise ValueError("give only one of 'dataset' (a registry name) or 'path' (a local file)")
        if self.needs_data and self.dataset is None and self.path is None:
            raise ValueError("give 'dataset' (a registry name) or 'path' (a local file)")
        return self


class TaskSpec(BaseModel):
    """One task: multiple choice (the default) or entity extraction (``type: entities``).

    Attributes:
        name: the task's name in reports.
        about: one line saying what the task is (shown by ``medllm eval --list-tasks``).
        dataset: a registry dataset of multiple-choice items; or ``path`` (and ``format``) for a local file.
        split: the registry split to evaluate; ``fewshot_split`` gives the examples for few-shot prompts
            (default: the evaluated split itself, never using an item as its own example).
        description: text put before the examples and the question.
        context_prefix: put before each context passage (PubMedQA's abstracts).
        question_prefix / answer_prefix: around the question; the continuation follows ``answer_prefix``.
        choices: ``letters`` (continuations " A", " B", ...) or ``texts`` (the options' own text).
        mode: ``loglikelihood`` or ``generate`` (overridden by ``medllm eval --mode``).
        num_fewshot: examples in the prompt.
        subject_fewshot: draw examples from the same ``subject`` (MMLU's convention).
        fewshot_sampler: ``random`` (a seeded sample for each item, the default) or ``first_n`` (the pool's
            first examples in file order, the same for every item: MMLU's standard prompt, and lm-eval's
            sampler of that name). With ``first_n`` every prompt of a subject begins alike, and local
            models encode that beginning once.
        chain_of_thought: in ``generate`` mode, ask for the reasoning before the answer statement (give
            ``max_new_tokens`` room for it); the last statement in the answer is read.
        entity_type: for ``type: entities``, the IOB tag type to extract (``Disease``, ``Chemical``) and
            ``entity_label`` how the prompt names it ("disease"); see :mod:`medllm.evaluation.entities`.
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    about: str = ""
    type: Literal["multiple_choice", "entities"] = "multiple_choice"
    dataset: str | None = None
    path: Path | None = None
    format: str = "auto"
    split: str | None = None
    fewshot_split: str | None = None
    description: str = ""
    context_prefix: str = ""
    question_prefix: str = "Question: "
    answer_prefix: str = "Answer:"
    choices: Literal["letters", "texts"] = "letters"
    mode: Literal["loglikelihood", "generate"] = "loglikelihood"
    num_fewshot: int = Field(0, ge=0)
    subject_fewshot: bool = False
    fewshot_sampler: Literal["random", "first_n"] = "random"
    max_new_tokens: int = Field(256, gt=0)
    chain_of_thought: bool = False
    entity_type: str | None = None
    entity_label: str | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> TaskSpec:
        if (self.dataset is None) == (self.path is None):
            raise ValueError("give exactly one of 'dataset' (a registry name) or 'path' (a local file)")
        if self.type == "entities":
            if not self.entity_type:
                raise ValueError("an entities task needs 'entity_type' (the IOB tag type, e.g. Disease)")
            self.mode = "generate"
            self.entity_label = self.entity_label or self.entity_type.lower()
        return self


def load_task_records(
    spec: TaskBase | TaskSpec, split: str | None, issues: IssueLog, kind: type, what: str
) -> list[Any]:
    """A task's records: its registry dataset, or its local file (bad rows go to ``issues``).

    Raises:
        DataError: the local file is missing, or the data holds records other than ``kind`` (``what``
            names them in the message).
    """
    if spec.dataset is not None:
        from medllm.datasets import iter_records

        records = list(iter_records(spec.dataset, split=split, on_issue=issues, progress=False))
    else:
        assert spec.path is not None
        if not spec.path.exists():
            raise DataError(f"task {spec.name!r}: {spec.path}: no such file")
        records = list(_read_local(spec.path, spec.format, kind, issues))
    if any(not isinstance(record, kind) for record in records):
        raise DataError(f"task {spec.name!r}: its data holds records that are not {what}")
    return records


def load_conversations(spec: TaskBase, split: str | None, issues: IssueLog) -> list[Conversation]:
    """The conversations a task reads (see :func:`load_task_records`)."""
    return load_task_records(spec, split, issues, Conversation, "conversations")


def _read_local(path: Path, format: str, kind: type, issues: IssueLog) -> Iterable[Any]:
    from medllm.formats import read_conversations, read_iob, read_mcq

    if kind is Conversation:
        return read_conversations(path, format=format, on_issue=issues)
    if kind is MCQItem:
        return read_mcq(path, format, on_issue=issues)
    if kind is EntitySentence:
        return read_iob(path, on_issue=issues)
    raise TypeError(f"no local reader for {kind.__name__}")


def kind_module(task_type: str) -> ModuleType:
    """The module implementing a task type of :data:`KIND_MODULES`.

    It defines ``Spec`` (a :class:`TaskBase` subclass), ``ROLES`` (the extra models it needs, from
    ``judge`` and ``patient``) and three functions:

    - ``load(spec, split) -> (items, IssueLog)``: the items, each with a unique ``id``;
    - ``run(ctx, spec, items) -> list[dict]``: one JSON-able log entry per item (with its ``id``),
      everything sent to and received from each model included; ``ctx`` is a :class:`RunContext`;
    - ``metrics(spec, entries) -> dict``: the task's scores, with ``n``.
    """
    return import_module(KIND_MODULES[task_type])


def builtin_tasks() -> dict[str, Any]:
    """Every task shipped with medllm, by name."""
    tasks: dict[str, TaskSpec] = {}
    for entry in sorted(resources.files(TASK_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            spec = _parse(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
            tasks[spec.name] = spec
    return tasks


def load_task_file(path: str | Path) -> Any:
    """A user's task YAML; a relative ``path`` in it is taken relative to the YAML file."""
    path = Path(path)
    spec = _parse(read_yaml_mapping(path, "task"), str(path))
    if spec.path is not None and not spec.path.is_absolute():
        spec.path = (path.parent / spec.path).resolve()
    return spec


def resolve_tasks(names: list[str], task_files: list[Path]) -> list[Any]:
    """Built-in tasks by name (a name may also be a group: ``mmlu_medical``), then the given files.

    Raises:
        DataError: an unknown task name (the message lists the known ones).
    """
    known = builtin_tasks()
    specs = []
    for name in names:
        if name not in known:
            raise DataError(f"unknown task {name!r}; built-in tasks: {', '.join(known)} (or give --task-file)")
        specs.append(known[name])
    specs.extend(load_task_file(path) for path in task_files)
    if not specs:
        raise DataError("no task: give --tasks NAME[,NAME] or --task-file TASK.yaml")
    return specs


def _parse(raw: Any, where: str) -> Any:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: a task is a YAML mapping with 'name' and 'dataset' or 'path'")
    task_type = raw.get("type", "multiple_choice")
    if task_type in KIND_MODULES:
        spec_class = kind_module(task_type).Spec
    elif task_type in ("multiple_choice", "entities"):
        spec_class = TaskSpec
    else:
        known = ", ".join(["multiple_choice", "entities", *KIND_MODULES])
        raise DataError(f"{where}: type: unknown task type {task_type!r}; known types: {known}")
    try:
        return spec_class.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in first["loc"]) or "task"
        raise DataError(f"{where}: {loc}: {first['msg']}") from None
