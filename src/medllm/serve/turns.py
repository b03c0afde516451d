"""The work of one request, as functions run in a worker thread (see :mod:`medllm.serve.jobs`).

Each checks the request against the model's context and the server's token limit first (tokenizing
happens here, off the event loop), emits ``("start", prompt_tokens)`` once the request is accepted,
then ``("text", piece)`` as it generates, and returns how it ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import replace
from typing import Any

from medllm.models.base import GenerationConfig, Message
from medllm.serve.engine import Engine, Finish
from medllm.serve.errors import APIError
from medllm.serve.jobs import JobFn
from medllm.serve.settings import ServeSettings

Emit = Callable[[str, Any], None]


def token_budget(requested: int | None, settings: ServeSettings) -> int:
    """``max_tokens`` after the server's limit: clamped, or refused with ``over_limit="reject"``.

    Raises:
        APIError: 400 when over the limit and the server rejects rather than clamps.
    """
    limit = settings.max_new_tokens_limit
    if requested is None:
        return limit
    if requested > limit:
        if settings.over_limit == "reject":
            raise APIError(400, f"max_tokens {requested} is over this server's limit of {limit}", param="max_tokens")
        return limit
    return requested


def fit_context(engine: Engine, prompt_tokens: int, max_new: int, settings: ServeSettings, what: str) -> int:
    """``max_new`` lowered to the room the model's context leaves (or refused); 400 when the prompt fills it."""
    if not engine.max_length:
        return max_new
    if prompt_tokens + (1 if max_new else 0) > engine.max_length:
        raise APIError(
            400,
            f"the {what} is {prompt_tokens} tokens; {engine.name} reads at most {engine.max_length}: shorten it",
            param=what,
            code="context_length_exceeded",
        )
    room = engine.max_length - prompt_tokens
    if max_new > room and settings.over_limit == "reject":
        raise APIError(
            400,
            f"{prompt_tokens} prompt tokens + max_tokens {max_new} exceed the context of {engine.max_length}",
            param="max_tokens",
            code="context_length_exceeded",
        )
    return min(max_new, room)


def chat_turn(
    engine: Engine, messages: list[Message], config: GenerationConfig, max_new: int, settings: ServeSettings
) -> JobFn:
    """The raw model answering a conversation."""

    def run(emit: Emit, stop: threading.Event) -> Finish:
        prompt_tokens = engine.count_chat(messages)
        budget = fit_context(engine, prompt_tokens, max_new, settings, "messages")
        emit("start", prompt_tokens)
        if budget == 0:
            return Finish("length", 0)
        return engine.chat(messages, replace(config, max_new_tokens=budget), stop, lambda t: emit("text", t))

    return run


def completion_turn(
    engine: Engine,
    prompt: str,
    config: GenerationConfig,
    max_new: int,
    settings: ServeSettings,
    *,
    echo: bool,
    logprobs: int | None,
) -> JobFn:
    """The raw model continuing text; with ``logprobs``, the scored tokens (echoing the prompt's too)."""

    def run(emit: Emit, stop: threading.Event) -> Any:
        prompt_tokens = engine.count_text(prompt) or 1
        budget = fit_context(engine, prompt_tokens, max_new, settings, "prompt")
        emit("start", prompt_tokens)
        scoring = replace(config, max_new_tokens=budget) if budget else None
        if logprobs is not None:
            return engine.logprobs(prompt, scoring, logprobs, echo, stop)
        if echo:
            emit("text", prompt)
        if scoring is None:
            return Finish("length", 0)
        return engine.complete(prompt, scoring, stop, lambda t: emit("text", t))

    return run


class _RequestModel:
    """The engine's model as the assistant pipeline sees it during one request.

    Every call goes through the engine, so it ends as soon as the request is cancelled and, where the
    engine batches, joins the batch of the requests running at the same time.
    """

    def __init__(self, engine: Engine, stop: threading.Event) -> None:
        self._engine = engine
        self._model = engine.chat_model
        self._stop = stop

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def stream_chat(self, messages: Sequence[Message], config: GenerationConfig) -> Iterator[str]:
        return self._engine.stream_text(messages, config, self._stop)

    def chat(self, conversations: Sequence[Sequence[Message]], config: GenerationConfig) -> list[str]:
        if not self._engine.batching:
            return self._model.chat(conversations, config)
        replies = []
        for messages in conversations:
            with closing(self._engine.stream_text(messages, config, self._stop)) as pieces:
                replies.append("".join(pieces))
        return replies


def assistant_turn(
    engine: Engine,
    kb: Any,
    assistant_config: Any,
    messages: list[Message],
    max_new: int,
    settings: ServeSettings,
) -> JobFn:
    """One turn of the assistant pipeline; streams the reply as :meth:`TurnResult.text` shows it.

    Returns the :class:`TurnResult` (None when cancelled) and the reply's token count.
    """

    def run(emit: Emit, stop: threading.Event) -> Any:
        from medllm.assistant import Assistant, AssistantInputError, detect_language, triage, validate_conversation

        try:
            validate_conversation(messages)
        except AssistantInputError as error:
            raise APIError(400, str(error), param="messages") from None
        prompt_tokens = engine.count_chat(messages)
        budget = fit_context(engine, prompt_tokens, max_new, settings, "messages")
        emit("start", prompt_tokens)
        # The rules' level before anything else, so a stream shows the emergency banner even when the
        # client stops reading early; the pipeline's own result (which may only be higher) comes last.
        user_turns = [m["content"] for m in messages if m["role"] == "user"]
        early = triage("\n".join(user_turns), language=detect_language(user_turns[-1]))
        emit("triage", early.to_dict())
        config = replace(assistant_config, max_new_tokens=max(budget, 1))
        assistant = Assistant(_RequestModel(engine, stop), kb, config)
        sent: list[str] = []

        def say(text: str) -> None:
            if text:
                sent.append(text)
                emit("text", text)

        result = None
        with closing(assistant.stream(messages)) as events:
            for event in events:
                if stop.is_set():
                    return None, engine.count_text("".join(sent))
                if event.type == "preface":
                    say(event.text + "\n\n")
                elif event.type == "followup":
                    say(_followup_text(event.text))
                elif event.type == "delta":
                    say(event.text)
                elif event.type == "done":
                    result = event.result
        if result is None:
            return None, engine.count_text("".join(sent))
        # What the stream showed plus the rest (sources, note, limits) equals the reply as a whole.
        full, shown = result.text(), "".join(sent)
        tail = [result.sources_block(), result.note, result.limits]
        say(full[len(shown) :] if full.startswith(shown) else "\n\n" + "\n\n".join(t for t in tail if t))
        return result, engine.count_text("".join(sent))

    return run


def _followup_text(questions: str) -> str:
    from medllm.assistant.types import FOLLOWUP_INTRO, FOLLOWUP_INTRO_ZH

    intro = FOLLOWUP_INTRO_ZH if "？" in questions else FOLLOWUP_INTRO
    return intro + "\n" + "\n".join(f"- {q}" for q in questions.split("\n"))
