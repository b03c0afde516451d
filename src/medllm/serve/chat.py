"""``POST /v1/chat/completions``: the raw model, or the assistant pipeline as ``medllm-assistant``."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from medllm.models.base import GenerationConfig
from medllm.serve import responses
from medllm.serve.jobs import Job
from medllm.serve.runtime import ClientGone, ServerState, as_api_error, remaining
from medllm.serve.schemas import ChatCompletionRequest
from medllm.serve.settings import ASSISTANT_MODEL
from medllm.serve.turns import assistant_turn, chat_turn, token_budget

ROUTE = "/v1/chat/completions"


class _Turn:
    """One chat request on its way through: what it asked, and what the answer's extras are."""

    def __init__(self, state: ServerState, request: Request, body: ChatCompletionRequest, started: float) -> None:
        self.state = state
        self.request = request
        self.body = body
        self.started = started
        self.key = state.key_of(request)
        self.rid = responses.new_id("chatcmpl")
        self.created = responses.now()
        self.messages = [m.as_dict() for m in body.messages]
        self.assistant = body.model == ASSISTANT_MODEL
        self.conversation_id = None
        if state.store is not None:
            self.conversation_id = body.conversation_id or state.store.new_id()

    def first_text(self) -> None:
        self.state.metrics.first_token.labels(self.body.model).observe(time.monotonic() - self.started)

    def extras(self, done: Any) -> tuple[dict[str, Any], int, str | None]:
        """The message's extra fields, the completion tokens and the finish reason, from what the job returned."""
        if self.assistant:
            result, tokens = done
            if result is None:
                return {}, tokens, "cancelled"
            self.state.metrics.triage.labels(result.triage.level.label).inc()
            extra = {
                "kind": result.kind,
                "triage": result.triage.to_dict(),
                "citations": [c.to_dict() for c in result.citations],
            }
            return extra, tokens, "stop"
        return {}, done.completion_tokens, done.reason

    def top_extra(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id} if self.conversation_id else {}

    async def finish(
        self, status: int, prompt_tokens: int, tokens: int, text: str, reason: str | None, extra: Any
    ) -> None:
        """Count tokens, keep the conversation (with ``--store``) and write the log line."""
        metrics = self.state.metrics
        metrics.tokens_in.labels(self.body.model).inc(prompt_tokens)
        metrics.tokens_out.labels(self.body.model).inc(tokens)
        store = self.state.store
        if store is not None and self.conversation_id and reason != "cancelled":
            owner = self.key.name if self.key is not None else None
            saved = await anyio.to_thread.run_sync(
                store.save, self.conversation_id, owner, self.body.model, self.messages, text, extra
            )
            if not saved:  # someone else's id: answer anyway, but never write into their conversation
                self.conversation_id = None
        await self.state.log.record(
            route=ROUTE,
            model=self.body.model,
            status=status,
            key=self.key.name if self.key is not None else None,
            prompt_tokens=prompt_tokens,
            completion_tokens=tokens,
            seconds=time.monotonic() - self.started,
            finish=reason,
            messages=self.messages,
            reply=text,
        )


async def chat_completions(request: Request) -> Response:
    state: ServerState = request.app.state.medllm
    started = time.monotonic()
    deadline = started + state.settings.request_timeout
    body: ChatCompletionRequest = await state.parse(request, ChatCompletionRequest, deadline)
    turn = _Turn(state, request, body, started)
    state.check_model(body.model, turn.key)
    max_new = token_budget(body.requested_tokens(), state.settings)
    config = GenerationConfig(
        max_new_tokens=max(max_new, 1),
        temperature=body.temperature,
        top_p=body.top_p,
        stop=body.stop_list(),
        seed=body.seed,
    )
    if turn.assistant:
        fn = assistant_turn(state.engine, state.kb, state.assistant_config, turn.messages, max_new, state.settings)
    else:
        fn = chat_turn(state.engine, turn.messages, config, max_new, state.settings)
    try:
        job, prompt_tokens = await state.start(fn, deadline, request)
    except ClientGone:
        return Response(status_code=499)
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        return EventSourceResponse(
            _stream(turn, job, prompt_tokens, deadline, include_usage), background=BackgroundTask(job.cancel)
        )
    try:
        text, done = await state.collect(job, request, deadline, on_text=turn.first_text)
    except ClientGone:
        return Response(status_code=499)
    extra, tokens, reason = turn.extras(done)
    await turn.finish(200, prompt_tokens, tokens, text, reason, extra)
    usage = responses.usage(prompt_tokens, tokens)
    payload = responses.chat_completion(
        turn.rid, body.model, turn.created, text, reason, usage, extra, turn.top_extra()
    )
    return JSONResponse(payload)


async def _stream(
    turn: _Turn, job: Job, prompt_tokens: int, deadline: float, include_usage: bool
) -> AsyncIterator[dict]:
    """SSE events: a role chunk, text chunks, a last chunk with the finish reason (and the assistant's
    triage and citations), an optional usage chunk, then ``[DONE]``."""
    model, rid, created = turn.body.model, turn.rid, turn.created
    state = turn.state
    top = turn.top_extra()
    parts: list[str] = []
    completed = False
    try:
        yield {"data": responses.chat_chunk(rid, model, created, {"role": "assistant", "content": ""}, extra=top)}
        while True:
            try:
                kind, value = await job.next(remaining(deadline))
            except TimeoutError:
                job.cancel()
                state.metrics.cancelled.labels("timeout").inc()
                completed = True  # counted as a timeout, not a disconnect
                yield {"data": responses.error_event(504, "request timed out while generating", "timeout")}
                return
            if kind == "text":
                if not parts:
                    turn.first_text()
                parts.append(value)
                yield {"data": responses.chat_chunk(rid, model, created, {"content": value}, extra=top)}
            elif kind == "triage":
                yield {"data": responses.chat_chunk(rid, model, created, {"triage": value}, extra=top)}
            elif kind == "error":
                completed = True
                error = as_api_error(value)
                yield {"data": responses.error_event(error.status, error.message, error.code)}
                return
            elif kind == "done":
                text = "".join(parts)
                extra, tokens, reason = turn.extras(value)
                await turn.finish(200, prompt_tokens, tokens, text, reason, extra)
                top = turn.top_extra()
                yield {"data": responses.chat_chunk(rid, model, created, extra, reason, extra=top)}
                if include_usage:
                    usage = responses.usage(prompt_tokens, tokens)
                    yield {"data": responses.chat_chunk(rid, model, created, {}, extra=top, tokens=usage)}
                completed = True
                yield {"data": "[DONE]"}
                return
    finally:
        # Reached on a normal end, and on cancellation when the client goes away mid-stream.
        job.cancel()
        if not completed:
            state.metrics.cancelled.labels("disconnect").inc()
