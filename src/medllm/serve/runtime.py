"""What every inference route shares: the server's state, model checks, starting work and reading it back."""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from medllm.models.base import ModelError
from medllm.serve.engine import Engine
from medllm.serve.errors import APIError, validation_error
from medllm.serve.jobs import Job, JobFn
from medllm.serve.keys import KeyRecord, KeyStore
from medllm.serve.limits import Admission, RateLimiter, read_body
from medllm.serve.metrics import Metrics
from medllm.serve.requestlog import RequestLog
from medllm.serve.settings import ASSISTANT_MODEL, ServeSettings
from medllm.serve.store import ConversationStore

logger = logging.getLogger(__name__)

#: how often a waiting non-streamed request checks whether its client is still there (seconds)
_DISCONNECT_POLL = 0.25


class ClientGone(Exception):
    """The client closed the connection before its answer was ready."""


@dataclass
class ServerState:
    """Everything a route needs, built once by :func:`medllm.serve.app.create_app`."""

    engine: Engine
    settings: ServeSettings
    keys: KeyStore | None = None
    store: ConversationStore | None = None
    kb: Any = None
    assistant_config: Any = None
    metrics: Metrics = field(default_factory=Metrics)
    log: RequestLog = field(default_factory=RequestLog)

    def __post_init__(self) -> None:
        s = self.settings
        self.admission = Admission(s.max_concurrency, s.max_queue)
        self.limiter = RateLimiter(s.rate_limit)
        # One worker per slot: slots bound the work, so the pool never holds a backlog of its own.
        self.executor = ThreadPoolExecutor(max_workers=s.max_concurrency, thread_name_prefix="medllm-serve")
        self.jobs: set[Job] = set()  # running, so shutting down can stop them
        self.metrics.queue_depth.set_function(lambda: self.admission.waiting)
        self.metrics.in_flight.set_function(lambda: self.admission.running)
        if self.assistant_config is None:
            from medllm.assistant import AssistantConfig

            self.assistant_config = AssistantConfig()

    @property
    def model_names(self) -> list[str]:
        return [self.engine.name, ASSISTANT_MODEL]

    def check_model(self, model: str, key: KeyRecord | None) -> None:
        """404 for a model this server does not serve, 403 for one the key may not use."""
        if model not in self.model_names:
            raise APIError(
                404,
                f"model {model!r} is not served here: use {' or '.join(repr(m) for m in self.model_names)}",
                param="model",
                code="model_not_found",
            )
        if key is not None and not key.allows(model):
            raise APIError(403, f"this key may not use the model {model!r}", param="model", code="model_not_allowed")

    async def parse(self, request: Request, schema: type[BaseModel], deadline: float) -> Any:
        """The body read within the size and time limits and validated (400 naming the field)."""
        body = await read_body(request, self.settings.max_body_bytes, remaining(deadline))
        try:
            return schema.model_validate_json(body)
        except ValidationError as error:
            raise validation_error(error) from None

    async def start(self, fn: JobFn, deadline: float, request: Request | None = None) -> tuple[Job, int]:
        """Take a slot (or 503), start ``fn`` and wait until it accepts the request (or refuses it: 400).

        Returns:
            The running job and the prompt's token count.

        Raises:
            ClientGone: ``request``'s client left while it waited for a slot.
        """
        await self._take_slot(deadline, request)

        def finished() -> None:
            self.jobs.discard(job)
            self.admission.release()

        job = Job(fn, self.executor, on_finished=finished)
        self.jobs.add(job)
        try:
            kind, value = await job.next(remaining(deadline))
        except TimeoutError:
            job.cancel()
            self.metrics.cancelled.labels("timeout").inc()
            raise APIError(504, "request timed out", code="timeout") from None
        except BaseException:
            job.cancel()
            raise
        if kind == "error":
            raise as_api_error(value)
        return job, int(value)

    async def _take_slot(self, deadline: float, request: Request | None) -> None:
        """Wait in the queue for a slot; a client that leaves meanwhile gives up its place.

        Without this, a request whose client is gone would keep its place, take a slot and start
        generating before anything noticed, and a server shutting down would wait for it.
        """
        if request is None:
            await self.admission.acquire(remaining(deadline))
            return
        waiter = asyncio.ensure_future(self.admission.acquire(remaining(deadline)))
        try:
            while True:
                done, _ = await asyncio.wait({waiter}, timeout=_DISCONNECT_POLL)
                if done:
                    waiter.result()  # raises the queue's 503 or 504
                    return
                if await request.is_disconnected():
                    break
        except asyncio.CancelledError:
            await self._give_up(waiter)
            raise
        await self._give_up(waiter)
        self.metrics.cancelled.labels("left_queue").inc()
        raise ClientGone

    async def _give_up(self, waiter: asyncio.Future) -> None:
        waiter.cancel()
        try:
            await waiter
        except (asyncio.CancelledError, APIError):
            return
        self.admission.release()  # the slot came just as the request gave up its place

    async def collect(self, job: Job, request: Request, deadline: float, on_text: Any = None) -> tuple[str, Any]:
        """Everything a job produces (not streamed), stopping it when the client leaves or time runs out."""
        parts: list[str] = []
        try:
            while True:
                try:
                    kind, value = await job.next(min(_DISCONNECT_POLL, remaining(deadline) or _DISCONNECT_POLL))
                except TimeoutError:
                    if time.monotonic() >= deadline:
                        job.cancel()
                        self.metrics.cancelled.labels("timeout").inc()
                        raise APIError(504, "request timed out while generating", code="timeout") from None
                    if await request.is_disconnected():
                        job.cancel()
                        self.metrics.cancelled.labels("disconnect").inc()
                        raise ClientGone from None
                    continue
                if kind == "text":
                    if not parts and on_text is not None:
                        on_text()
                    parts.append(value)
                elif kind == "error":
                    raise as_api_error(value)
                elif kind == "done":
                    return "".join(parts), value
        except asyncio.CancelledError:
            job.cancel()
            raise

    def key_of(self, request: Request) -> KeyRecord | None:
        return request.scope.get("state", {}).get("key")

    def close(self) -> None:
        for job in list(self.jobs):
            job.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.engine.shutdown()
        if self.store is not None:
            self.store.close()


def remaining(deadline: float) -> float:
    """Seconds left before ``deadline`` (never negative)."""
    return max(0.0, deadline - time.monotonic())


def as_api_error(error: BaseException) -> APIError:
    """The answer for an exception raised by a job."""
    if isinstance(error, APIError):
        return error
    if isinstance(error, ModelError):
        return APIError(400, str(error), code="model_error")
    logger.error("generation failed", exc_info=error)
    return APIError(500, f"generation failed: {type(error).__name__}", code="generation_failed")
