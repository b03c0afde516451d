"""The one interface every model medllm talks to: batched chat, streaming, raw completion and scoring.

In the spirit of lm-evaluation-harness's ``LM``: each method takes a batch of requests, so a backend can
pad, sort and batch them (local) or send them concurrently (HTTP) without the caller knowing which.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

#: One chat turn, OpenAI style: ``{"role": "user", "content": "..."}``.
Message = dict[str, str]


class ModelError(RuntimeError):
    """Any failure of a model backend, with a message that says what to do about it."""


@dataclass(frozen=True)
class GenerationConfig:
    """How to generate text; every backend maps these fields onto its own knobs.

    Args:
        max_new_tokens: upper bound on generated tokens (default 256).
        temperature: sampling temperature; 0 means greedy decoding (default 0.0).
        top_p: nucleus-sampling mass, only used when ``temperature > 0`` (default 1.0).
        stop: strings that end the generation; the returned text stops before the first one (default none).
        seed: seed for sampling, for reproducible sampled outputs (default None: unseeded).
    """

    max_new_tokens: int = 256
    temperature: float = 0.0
    top_p: float = 1.0
    stop: tuple[str, ...] = field(default_factory=tuple)
    seed: int | None = None

    def __post_init__(self) -> None:
        # Accept a list (as YAML and JSON give) but store a tuple, so configs stay hashable.
        if isinstance(self.stop, str):
            object.__setattr__(self, "stop", (self.stop,))
        else:
            object.__setattr__(self, "stop", tuple(self.stop))
        if self.max_new_tokens < 1:
            raise ValueError(f"max_new_tokens must be >= 1, got {self.max_new_tokens}")
        if not (self.temperature >= 0 and math.isfinite(self.temperature)):
            raise ValueError(f"temperature must be a finite number >= 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be in (0, 1], got {self.top_p}")
        if any(not s for s in self.stop):
            raise ValueError("stop strings must be non-empty")

    @property
    def greedy(self) -> bool:
        """Whether decoding is greedy (temperature 0)."""
        return self.temperature == 0

    def to_dict(self) -> dict[str, Any]:
        """The config as plain JSON-able data, for run records."""
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data


@dataclass(frozen=True)
class LoglikelihoodResult:
    """The score of one continuation given its context.

    Args:
        logprob: sum of the log-probabilities of the continuation's tokens (natural log).
        is_greedy: whether greedy decoding from the context would produce exactly these tokens.
        n_tokens: how many tokens the continuation was scored as.
    """

    logprob: float
    is_greedy: bool
    n_tokens: int


class ChatModel(ABC):
    """A model medllm can chat with, complete text with and score continuations with.

    Every method takes a batch and returns results in the same order. Backends raise ``ModelError``
    for anything the caller can act on (missing dependency, unreachable server, unsupported request).
    """

    @property
    @abstractmethod
    def name(self) -> str:
        """A short identifier of the model, recorded with every result it produces."""

    @property
    def tokenizer(self) -> Any | None:
        """The Hugging Face tokenizer, or None when the model is remote or uses its own."""
        return None

    @property
    def chat_template(self) -> str | None:
        """The Jinja chat template, or None when it is unknown (remote models)."""
        return None

    @property
    def dtype(self) -> str | None:
        """The local weights' dtype (``float32``, ``bfloat16``...), or None where the backend does not say."""
        return None

    @abstractmethod
    def chat(self, conversations: Sequence[Sequence[Message]], config: GenerationConfig) -> list[str]:
        """Answer each conversation with the model's chat template.

        Args:
            conversations: a batch of conversations, each a list of ``{"role", "content"}`` messages.
            config: how to generate.

        Returns:
            One assistant reply per conversation, in order.

        Raises:
            ModelError: when the backend cannot serve the request.
        """

    @abstractmethod
    def stream_chat(self, messages: Sequence[Message], config: GenerationConfig) -> Iterator[str]:
        """Answer one conversation, yielding text pieces as they are generated.

        Args:
            messages: the conversation.
            config: how to generate.

        Yields:
            Consecutive pieces of the reply; joined they equal what ``chat`` would return.

        Raises:
            ModelError: when the backend cannot serve the request.
        """

    @abstractmethod
    def complete(self, prompts: Sequence[str], config: GenerationConfig) -> list[str]:
        """Continue raw text, without a chat template.

        Args:
            prompts: a batch of prompts.
            config: how to generate.

        Returns:
            One continuation per prompt (without the prompt), in order.

        Raises:
            ModelError: when the backend cannot serve the request.
        """

    @abstractmethod
    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[LoglikelihoodResult]:
        """Score continuations: the log-probability of ``continuation`` following ``context``.

        Args:
            requests: a batch of ``(context, continuation)`` pairs.

        Returns:
            One result per pair, in order.

        Raises:
            ModelError: when the backend cannot score (for example a server without echo logprobs).
        """

    def close(self) -> None:  # noqa: B027 - optional hook; most backends hold nothing to release
        """Release what the backend holds (connections, native handles)."""

    def __enter__(self) -> ChatModel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


def dtype_tag(model: Any) -> str:
    """``"|bfloat16"`` and the like for a model whose weights are not float32, else ``""``.

    What identifies a model's numbers (cached calls, logged samples) is its name plus this tag, so
    answers computed in bfloat16 never serve a float32 run, nor the other way round.
    """
    dtype = getattr(model, "dtype", None)
    return "" if dtype in (None, "float32") else f"|{dtype}"


def model_key(model: Any) -> str:
    """The model's name and :func:`dtype_tag`."""
    return model.name + dtype_tag(model)


class StopStringFilter:
    """Cuts a stream of text deltas at the first stop string, even when it spans deltas.

    Text that could be the start of a stop string is held back until it is clear it is not.
    """

    def __init__(self, stop: Sequence[str]) -> None:
        self._stop = [s for s in stop if s]
        self._held = ""
        self.stopped = False

    def feed(self, delta: str) -> str:
        """Add a delta; return the text that is now safe to emit."""
        if self.stopped or not delta:
            return ""
        if not self._stop:
            return delta
        text = self._held + delta
        cut = first_stop(text, self._stop)
        if cut is not None:
            self.stopped = True
            self._held = ""
            return text[:cut]
        keep = max((_overlap(text, s) for s in self._stop), default=0)
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep]

    def flush(self) -> str:
        """Return what was held back once the stream ended without a stop string."""
        held, self._held = self._held, ""
        return "" if self.stopped else held


def first_stop(text: str, stop: Sequence[str]) -> int | None:
    """Index of the earliest occurrence of any stop string in ``text``, or None."""
    hits = [i for i in (text.find(s) for s in stop if s) if i >= 0]
    return min(hits) if hits else None


def truncate_at_stop(text: str, stop: Sequence[str]) -> str:
    """``text`` up to (not including) the first stop string."""
    cut = first_stop(text, stop)
    return text if cut is None else text[:cut]


def _overlap(text: str, stop: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``stop``."""
    for n in range(min(len(stop) - 1, len(text)), 0, -1):
        if text.endswith(stop[:n]):
            return n
    return 0
