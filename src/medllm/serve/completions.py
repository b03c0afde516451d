"""``POST /v1/completions``: raw text continuation, and ``echo`` + ``logprobs`` for log-likelihood scoring."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from medllm.models.base import GenerationConfig
from medllm.serve import responses
from medllm.serve.engine import Finish
from medllm.serve.errors import APIError
from medllm.serve.jobs import Job
from medllm.serve.runtime import ClientGone, ServerState, as_api_error, remaining
from medllm.serve.schemas import CompletionRequest
from medllm.serve.settings import ASSISTANT_MODEL
from medllm.serve.turns import completion_turn, token_budget

ROUTE = "/v1/completions"


async def completions(request: Request) -> Response:
    state: ServerState = request.app.state.medllm
    started = time.monotonic()
    deadline = started + state.settings.request_timeout
    body: CompletionRequest = await state.parse(request, CompletionRequest, deadline)
    key = state.key_of(request)
    state.check_model(body.model, key)
    if body.model == ASSISTANT_MODEL:
        raise APIError(400, f"{ASSISTANT_MODEL} answers conversations: use /v1/chat/completions", param="model")
    if body.logprobs is not None and not state.engine.supports_logprobs:
        raise APIError(
            400, f"{state.engine.name}: logprobs are served by the transformers engine only", param="logprobs"
        )
    if body.logprobs is not None and body.stream:
        raise APIError(400, "logprobs are served without stream only", param="stream")
    max_new = token_budget(body.max_tokens if body.max_tokens is not None else 16, state.settings)
    config = GenerationConfig(
        max_new_tokens=max(max_new, 1),
        temperature=body.temperature,
        top_p=body.top_p,
        stop=body.stop_list(),
        seed=body.seed,
    )
    prompt = body.prompt_text()
    fn = completion_turn(state.engine, prompt, config, max_new, state.settings, echo=body.echo, logprobs=body.logprobs)
    try:
        job, prompt_tokens = await state.start(fn, deadline, request)
    except ClientGone:
        return Response(status_code=499)
    rid, created = responses.new_id("cmpl"), responses.now()
    log = _Logger(state, body, key.name if key is not None else None, started, prompt)
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        events = _stream(state, job, rid, created, body.model, prompt_tokens, deadline, include_usage, log)
        return EventSourceResponse(events, background=BackgroundTask(job.cancel))
    try:
        text, done = await state.collect(job, request, deadline, on_text=log.first_text)
    except ClientGone:
        return Response(status_code=499)
    logprobs = None
    if isinstance(done, dict):  # scored: the engine built text, tokens and logprobs together
        if done["finish_reason"] == "cancelled":
            raise APIError(504, "request timed out while scoring", code="timeout")
        text, logprobs = done["text"], done["logprobs"]
        done = Finish(done["finish_reason"], done["completion_tokens"])
    await log.finish(prompt_tokens, done.completion_tokens, text, done.reason)
    usage = responses.usage(prompt_tokens, done.completion_tokens)
    return JSONResponse(responses.completion(rid, body.model, created, text, done.reason, usage, logprobs))


class _Logger:
    def __init__(self, state: ServerState, body: CompletionRequest, key: str | None, started: float, prompt: str):
        self.state, self.body, self.key, self.started, self.prompt = state, body, key, started, prompt

    def first_text(self) -> None:
        self.state.metrics.first_token.labels(self.body.model).observe(time.monotonic() - self.started)

    async def finish(self, prompt_tokens: int, tokens: int, text: str, reason: str | None) -> None:
        self.state.metrics.tokens_in.labels(self.body.model).inc(prompt_tokens)
        self.state.metrics.tokens_out.labels(self.body.model).inc(tokens)
        await self.state.log.record(
            route=ROUTE,
            model=self.body.model,
            status=200,
            key=self.key,
            prompt_tokens=prompt_tokens,
            completion_tokens=tokens,
            seconds=time.monotonic() - self.started,
            finish=reason,
            messages=[{"role": "user", "content": self.prompt}],
            reply=text,
        )


async def _stream(
    state: ServerState,
    job: Job,
    rid: str,
    created: int,
    model: str,
    prompt_tokens: int,
    deadline: float,
    include_usage: bool,
    log: _Logger,
) -> AsyncIterator[dict[str, Any]]:
    parts: list[str] = []
    completed = False

    def chunk(text: str, finish: str | None = None, tokens: Any = None) -> dict[str, str]:
        return {"data": json.dumps(responses.completion(rid, model, created, text, finish, tokens), ensure_ascii=False)}

    try:
        while True:
            try:
                kind, value = await job.next(remaining(deadline))
            except TimeoutError:
                job.cancel()
                state.metrics.cancelled.labels("timeout").inc()
                completed = True
                yield {"data": responses.error_event(504, "request timed out while generating", "timeout")}
                return
            if kind == "text":
                if not parts:
                    log.first_text()
                parts.append(value)
                yield chunk(value)
            elif kind == "error":
                completed = True
                error = as_api_error(value)
                yield {"data": responses.error_event(error.status, error.message, error.code)}
                return
            elif kind == "done":
                await log.finish(prompt_tokens, value.completion_tokens, "".join(parts), value.reason)
                usage = responses.usage(prompt_tokens, value.completion_tokens)
                yield chunk("", value.reason, usage if include_usage else None)
                completed = True
                yield {"data": "[DONE]"}
                return
    finally:
        job.cancel()
        if not completed:
            state.metrics.cancelled.labels("disconnect").inc()
