"""What a task type's ``run`` gets: the evaluated model and, where the task needs them, a judge and a patient.

Every call is greedy (temperature 0), so a rerun asks the same questions and, with the call cache
(:mod:`medllm.models.call_cache`), gets the same answers without calling the model again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from medllm.io.issues import DataError
from medllm.models.base import model_key

#: One conversation, OpenAI style.
Messages = list[dict[str, str]]


@dataclass
class RunContext:
    """The models of one evaluation run.

    Attributes:
        model: the evaluated model (:class:`medllm.models.ChatModel`).
        judge: the model that grades answers (``medllm eval --judge``), or None.
        patient: the model that plays the patient in consultations (``--patient``; default: the judge).
        seed: the run's seed, for anything a task samples.
    """

    model: Any
    judge: Any | None = None
    patient: Any | None = None
    seed: int = 0

    def role(self, name: str, task: str) -> Any:
        """The model playing ``name`` (``judge`` or ``patient``), or a clear error naming the missing option."""
        model = self.patient or self.judge if name == "patient" else getattr(self, name)
        if model is None:
            raise DataError(f"task {task!r} needs a {name} model: give --{name} MODEL (any model spec)")
        return model

    def names(self, roles: Sequence[str]) -> dict[str, str]:
        """The names of the models playing ``roles``, as recorded in the run settings."""
        out = {}
        for role in roles:
            model = self.patient or self.judge if role == "patient" else getattr(self, role)
            out[role] = model_key(model) if model is not None else None
        return out


def chat(model: Any, conversations: Sequence[Messages], max_new_tokens: int) -> list[str]:
    """Greedy replies of ``model`` to each conversation."""
    from medllm.models import GenerationConfig

    if not conversations:
        return []
    return model.chat([list(c) for c in conversations], GenerationConfig(max_new_tokens=max_new_tokens))


def user(text: str) -> Messages:
    """A one-turn conversation."""
    return [{"role": "user", "content": text}]
