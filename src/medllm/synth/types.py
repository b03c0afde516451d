"""What flows between the teacher client, the cache, the ledger and the generators."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from medllm.records.types import Record

#: One chat turn, OpenAI style.
Message = dict[str, str]


class SynthError(RuntimeError):
    """A synthesis run cannot go on (bad flags, unusable teacher, unreadable input); the message says why."""


class TeacherFatalError(SynthError):
    """The teacher refuses every request (bad key, unknown model): retrying cannot help, so the run stops."""


class TeacherFailed(RuntimeError):
    """One request ran out of retries or was rejected by the teacher; its item is reported, never dropped silently.

    Args:
        cause: the last failure's class (``rate_limit``, ``server_error``, ``timeout``, ``connection``,
            ``bad_request``).
        attempts: how many times the request was sent.
        detail: the last error message.
    """

    def __init__(self, cause: str, attempts: int, detail: str) -> None:
        super().__init__(f"{cause} after {attempts} attempt(s): {detail}")
        self.cause = cause
        self.attempts = attempts
        self.detail = detail


@dataclass(frozen=True)
class Sampling:
    """Sampling settings sent with a request; every field is part of the cache key.

    Args:
        temperature: sampling temperature (default 0.7).
        top_p: nucleus mass (default 1.0).
        max_tokens: completion limit; a reply cut here has finish reason ``length`` (default 1024).
        seed: per-request seed, passed to servers that support it (default None).
        stop: stop strings (default none).
    """

    temperature: float = 0.7
    top_p: float = 1.0
    max_tokens: int = 1024
    seed: int | None = None
    stop: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data


@dataclass(frozen=True)
class TeacherRequest:
    """One chat request: messages, sampling and the template (``name@version``) that wrote the messages."""

    messages: tuple[tuple[str, str], ...]
    sampling: Sampling
    template: str

    @staticmethod
    def of(messages: list[Message], sampling: Sampling, template: str) -> TeacherRequest:
        return TeacherRequest(tuple((m["role"], m["content"]) for m in messages), sampling, template)

    def message_dicts(self) -> list[Message]:
        return [{"role": role, "content": content} for role, content in self.messages]

    def key(self, model: str) -> str:
        """The cache key: a hash of everything that can change the reply (model, messages, sampling, template)."""
        payload = {
            "model": model,
            "messages": self.message_dicts(),
            "sampling": self.sampling.to_dict(),
            "template": self.template,
        }
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TeacherResponse:
    """The teacher's reply; ``finish_reason == "length"`` means it was cut at ``max_tokens``."""

    text: str
    finish_reason: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "finish_reason": self.finish_reason,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }


@dataclass(frozen=True)
class Kept:
    """A generated record."""

    record: Record


@dataclass(frozen=True)
class Dropped:
    """A generated candidate that failed a check, or an item the teacher never answered, with its reason."""

    reason: str
    detail: str
    source_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason, "detail": self.detail, "source_id": self.source_id, **self.extra}


Outcome = Kept | Dropped
