"""The teacher client: bounded concurrency, rate limits, retries with backoff, the reply cache and the ledger.

Every request goes: cache -> (join an identical request already in flight) -> rate limits -> semaphore ->
backend, retried on 429, 5xx, timeouts and dropped connections with exponential backoff and full jitter.
A 429's ``Retry-After`` is honoured by every worker (one server that asks for a pause gets it from the
whole run, not only from the request that was told). A request that runs out of retries raises
:class:`TeacherFailed`; its item is reported by the runner and retried on the next run (failures are
never cached). Unlike Stanford Alpaca's loop, errors that retrying cannot fix are not retried.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable

from aiolimiter import AsyncLimiter

from medllm.synth.backends import ItemRejected, Retryable, TeacherBackend
from medllm.synth.cache import ResponseCache
from medllm.synth.ledger import Ledger
from medllm.synth.types import TeacherFailed, TeacherRequest, TeacherResponse

log = logging.getLogger(__name__)

# Rough prompt size for the tokens-per-minute limiter before the server reports usage (4 characters a token).
_CHARS_PER_TOKEN = 4


class TeacherClient:
    """Sends :class:`TeacherRequest` to a backend, at most ``concurrency`` at a time, never paying twice.

    Args:
        backend: where requests go.
        cache: the reply cache (replies are stored the moment they arrive).
        ledger: counters to fill in.
        concurrency: requests in flight at most.
        rpm: requests per minute at most (None: unlimited).
        tpm: tokens per minute at most, prompt estimate plus ``max_tokens`` (None: unlimited).
        max_retries: retries per request after the first attempt.
        backoff_base: first backoff in seconds; doubles each retry.
        backoff_max: longest backoff in seconds (a server's ``Retry-After`` may ask for longer and gets it).
        seed: seeds the jitter, so a run's timing is reproducible too.
        on_reply: called after each reply (cached or not), for progress display.
    """

    def __init__(
        self,
        backend: TeacherBackend,
        cache: ResponseCache,
        ledger: Ledger,
        *,
        concurrency: int = 8,
        rpm: float | None = None,
        tpm: float | None = None,
        max_retries: int = 6,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        seed: int = 0,
        on_reply: Callable[[], None] | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {concurrency}")
        self.backend = backend
        self.cache = cache
        self.ledger = ledger
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._semaphore = asyncio.Semaphore(concurrency)
        self._rpm = AsyncLimiter(rpm, 60) if rpm else None
        self._tpm = AsyncLimiter(tpm, 60) if tpm else None
        self._tpm_max = tpm or 0.0
        self._rng = random.Random(seed)
        self._in_flight: dict[str, asyncio.Future[TeacherResponse]] = {}
        self._pause_until = 0.0
        self._on_reply = on_reply

    @property
    def model(self) -> str:
        return self.backend.model

    async def complete(self, request: TeacherRequest) -> TeacherResponse:
        """The reply to ``request``, from the cache when it was answered before.

        Raises:
            TeacherFailed: the request ran out of retries or the teacher rejected it.
            TeacherFatalError: the teacher refuses every request (bad key, unknown model).
        """
        cached = self.cache.get(self.model, request)
        if cached is not None:
            self.ledger.cache_hits += 1
            self._replied()
            return cached
        key = request.key(self.model)
        pending = self._in_flight.get(key)
        if pending is not None:  # the same prompt twice in one run: pay once
            return await asyncio.shield(pending)
        future: asyncio.Future[TeacherResponse] = asyncio.get_running_loop().create_future()
        self._in_flight[key] = future
        try:
            response = await self._send_with_retries(request)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # joined waiters re-raise it; mark it retrieved for the lone-caller case
            raise
        else:
            future.set_result(response)
            return response
        finally:
            del self._in_flight[key]

    async def _send_with_retries(self, request: TeacherRequest) -> TeacherResponse:
        attempt = 0
        while True:
            await self._wait_for_limits(request)
            async with self._semaphore:
                await self._wait_for_pause()
                self.ledger.requests += 1
                try:
                    response = await self.backend.send(request)
                except Retryable as error:
                    cause, detail, retry_after = error.cause, str(error), error.retry_after
                except ItemRejected as error:
                    self.ledger.failed_requests += 1
                    raise TeacherFailed(error.cause, attempt + 1, str(error)) from None
                else:
                    self._record(request, response)
                    return response
            if attempt >= self.max_retries:
                self.ledger.failed_requests += 1
                raise TeacherFailed(cause, attempt + 1, detail)
            self.ledger.retries[cause] += 1
            delay = self._backoff(attempt)
            if retry_after is not None:
                delay = max(delay, retry_after)
                if cause == "rate_limit":
                    self._pause_until = max(self._pause_until, time.monotonic() + retry_after)
            log.debug("retrying after %s (attempt %d) in %.2fs: %s", cause, attempt + 1, delay, detail)
            await asyncio.sleep(delay)
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        # Full jitter (AWS architecture blog): spreads retries of many workers that failed together.
        ceiling = min(self.backoff_max, self.backoff_base * 2**attempt)
        return self._rng.uniform(ceiling / 2, ceiling)

    async def _wait_for_limits(self, request: TeacherRequest) -> None:
        if self._rpm is not None:
            await self._rpm.acquire()
        if self._tpm is not None:
            chars = sum(len(content) for _, content in request.messages)
            estimate = chars / _CHARS_PER_TOKEN + request.sampling.max_tokens
            await self._tpm.acquire(min(estimate, self._tpm_max))  # acquire() refuses more than the bucket holds

    async def _wait_for_pause(self) -> None:
        wait = self._pause_until - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def _record(self, request: TeacherRequest, response: TeacherResponse) -> None:
        self.ledger.finish_reasons[response.finish_reason] += 1
        self.ledger.tokens_in += response.prompt_tokens
        self.ledger.tokens_out += response.completion_tokens
        if response.truncated:
            log.info("a reply was cut at max_tokens=%d (finish reason length)", request.sampling.max_tokens)
        self.cache.put(self.model, request, response)
        self._replied()

    def _replied(self) -> None:
        if self._on_reply is not None:
            self._on_reply()

    async def close(self) -> None:
        await self.backend.close()
