"""Response bodies and stream chunks, built with the ``openai`` package's own types.

Building them from ``openai.types`` means the official client parses what the server sends by
construction. medllm's extra fields (the assistant's ``triage`` and ``citations``, ``conversation_id``)
ride along as extra attributes, which those types keep and other clients ignore.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from openai.types import Completion, CompletionChoice, CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from openai.types.completion_choice import Logprobs


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}"


def now() -> int:
    return int(time.time())


def usage(prompt_tokens: int, completion_tokens: int) -> CompletionUsage:
    return CompletionUsage(
        prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, total_tokens=prompt_tokens + completion_tokens
    )


def _finish(reason: str | None) -> str:
    return "length" if reason == "length" else "stop"


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_unset=True)


def chat_completion(
    rid: str,
    model: str,
    created: int,
    text: str,
    finish: str | None,
    tokens: CompletionUsage,
    message_extra: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A whole ``chat.completion``."""
    message = ChatCompletionMessage(role="assistant", content=text, **(message_extra or {}))
    body = ChatCompletion(
        id=rid,
        object="chat.completion",
        created=created,
        model=model,
        choices=[Choice(index=0, message=message, finish_reason=_finish(finish), logprobs=None)],
        usage=tokens,
        **(extra or {}),
    )
    return _dump(body)


def chat_chunk(
    rid: str,
    model: str,
    created: int,
    delta: dict[str, Any],
    finish: str | None = None,
    extra: dict[str, Any] | None = None,
    tokens: CompletionUsage | None = None,
) -> str:
    """One ``chat.completion.chunk`` as the JSON of an SSE ``data:`` line; ``tokens`` makes a usage-only chunk."""
    choices = (
        []
        if tokens is not None
        else [ChunkChoice(index=0, delta=ChoiceDelta(**delta), finish_reason=_finish(finish) if finish else None)]
    )
    fields: dict[str, Any] = {"usage": tokens} if tokens is not None else {}
    chunk = ChatCompletionChunk(
        id=rid, object="chat.completion.chunk", created=created, model=model, choices=choices, **fields, **(extra or {})
    )
    return json.dumps(_dump(chunk), ensure_ascii=False)


def completion(
    rid: str,
    model: str,
    created: int,
    text: str,
    finish: str | None,
    tokens: CompletionUsage | None,
    logprobs: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A whole ``text_completion`` (also each streamed chunk, with ``tokens`` None)."""
    # construct for stream chunks: their finish_reason is null until the last one, as OpenAI streams it.
    make = CompletionChoice if finish else CompletionChoice.model_construct
    choice = make(
        index=0,
        text=text,
        finish_reason=_finish(finish) if finish else None,  # type: ignore[arg-type]
        # construct, not validate: OpenAI's type says floats, but the first echoed token has no logprob (null),
        # which is what OpenAI itself, vLLM and lm-eval send and read.
        logprobs=Logprobs.model_construct(**logprobs) if logprobs is not None else None,
    )
    fields: dict[str, Any] = {"usage": tokens} if tokens is not None else {}
    return _dump(Completion(id=rid, object="text_completion", created=created, model=model, choices=[choice], **fields))


def error_event(status: int, message: str, code: str | None = None) -> str:
    """An error inside a stream that had already started (OpenAI's clients raise on it)."""
    from medllm.serve.errors import error_body

    return json.dumps(error_body(status, message, code=code), ensure_ascii=False)
