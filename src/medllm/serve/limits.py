"""What bounds the work one client can cause: body size, request rate, concurrency and queue length.

Each limit answers at once with an error (413, 429, 503) instead of letting work pile up: a request
waits only while there is room in a bounded queue, never in an unbounded backlog.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.requests import ClientDisconnect, Request

from medllm.serve.errors import APIError

#: rate-limit buckets kept in memory (least recently used dropped first)
_MAX_BUCKETS = 10_000


class RateLimiter:
    """A token bucket per caller: ``per_minute`` requests, refilled continuously; burst of ``per_minute``.

    Args:
        per_minute: requests a caller may make per minute (None or 0: no limit).
    """

    def __init__(self, per_minute: int | None) -> None:
        self.per_minute = per_minute or 0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # caller -> (tokens, time)
        self._lock = threading.Lock()

    def check(self, caller: str) -> None:
        """Take one request from ``caller``'s bucket.

        Raises:
            APIError: 429 with ``Retry-After`` (whole seconds until one request is allowed again).
        """
        if not self.per_minute:
            return
        rate = self.per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.pop(caller, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - then) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[caller] = (tokens, now)
            while len(self._buckets) > _MAX_BUCKETS:
                self._buckets.popitem(last=False)
        if not allowed:
            wait = max(1, math.ceil((1.0 - tokens) / rate))
            raise APIError(
                429,
                f"rate limit of {self.per_minute} requests per minute reached: retry in {wait} s",
                code="rate_limited",
                headers={"Retry-After": str(wait)},
            )


class Admission:
    """At most ``max_concurrency`` requests run and ``max_queue`` wait; beyond that, 503 at once.

    A slot is taken with :meth:`acquire` and must be given back with :meth:`release` exactly once
    (streamed responses give it back when their generation ends, not when the handler returns).
    """

    def __init__(self, max_concurrency: int, max_queue: int) -> None:
        if max_concurrency < 1 or max_queue < 0:
            raise ValueError("need max_concurrency >= 1 and max_queue >= 0")
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self.waiting = 0
        self.running = 0

    async def acquire(self, timeout: float | None) -> None:
        """Wait for a slot, at most ``timeout`` seconds.

        Raises:
            APIError: 503 when the queue is full, 504 when no slot freed up in time.
        """
        if (self._semaphore.locked() or self.waiting) and self.waiting >= self.max_queue:
            raise APIError(
                503,
                f"server busy: {self.running} requests running and {self.waiting} queued; retry shortly",
                code="queue_full",
                headers={"Retry-After": "1"},
            )
        self.waiting += 1
        try:
            async with asyncio.timeout(timeout):
                await self._semaphore.acquire()
        except TimeoutError:
            raise APIError(504, "request timed out waiting for a free slot", code="timeout") from None
        finally:
            self.waiting -= 1
        self.running += 1

    def release(self) -> None:
        self.running -= 1
        self._semaphore.release()

    @asynccontextmanager
    async def slot(self, timeout: float | None) -> AsyncIterator[None]:
        await self.acquire(timeout)
        try:
            yield
        finally:
            self.release()


async def read_body(request: Request, max_bytes: int, timeout: float | None) -> bytes:
    """The request body, refused as soon as it is known to be too big or too slow.

    ``Content-Length`` is checked before reading; the bytes are counted while reading too, since a
    chunked body has no length and a declared one can lie.

    Raises:
        APIError: 413 (too big), 400 (bad Content-Length), 408 (not finished within ``timeout``).
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise APIError(400, "Content-Length is not a number", code="invalid_request")
        if int(declared) > max_bytes:
            raise _too_big(max_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_big(max_bytes)
                chunks.append(chunk)
    except TimeoutError:
        raise APIError(408, f"the request body did not arrive within {timeout:g} s", code="body_timeout") from None
    except ClientDisconnect:  # nobody will read the answer; not a server error worth a traceback
        raise APIError(499, "the client closed the connection while sending", code="client_closed") from None
    return b"".join(chunks)


def _too_big(max_bytes: int) -> APIError:
    return APIError(413, f"request body over the limit of {max_bytes} bytes", code="body_too_large")
