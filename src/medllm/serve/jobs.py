"""One request's work in a worker thread, its output read from the event loop.

Generation blocks (a forward pass per token), so it runs in a bounded thread pool; what it produces is
handed to the event loop through an asyncio queue. ``cancel`` sets the stop flag the engine checks at
every token, so a client that leaves or a request that times out stops its generation within a token.
The request's slot is given back when the thread has really finished, so the concurrency limit bounds
work actually running, not handlers.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

#: What a job's function receives: ``emit(kind, value)`` and the stop flag.
JobFn = Callable[[Callable[[str, Any], None], threading.Event], Any]


class Job:
    """Run ``fn(emit, stop)`` in ``executor``; items arrive as ``(kind, value)`` on :meth:`next`.

    The function emits what it likes (``"start"``, ``"text"``, ``"event"`` ...); its return value arrives
    as ``("done", value)`` and an exception as ``("error", exception)``, always last.

    Args:
        fn: the work.
        executor: the thread pool.
        on_finished: called in the event loop once the thread is done (gives the slot back).
    """

    def __init__(self, fn: JobFn, executor: Executor, on_finished: Callable[[], None] | None = None) -> None:
        self.stop = threading.Event()
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self._fn = fn
        self.finished = self._loop.run_in_executor(executor, self._run)
        if on_finished is not None:
            self.finished.add_done_callback(lambda _: on_finished())

    def _emit(self, kind: str, value: Any) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, (kind, value))
        except RuntimeError:  # the event loop is gone (server shutting down): nobody is listening
            self.stop.set()

    def _run(self) -> None:
        try:
            result = self._fn(self._emit, self.stop)
        except BaseException as error:  # handed to the request, which answers with it
            self._emit("error", error)
        else:
            self._emit("done", result)

    async def next(self, timeout: float | None = None) -> tuple[str, Any]:
        """The next item; raises TimeoutError after ``timeout`` seconds without one."""
        async with asyncio.timeout(timeout):
            return await self._queue.get()

    def cancel(self) -> None:
        """Ask the work to stop at its next token (idempotent)."""
        self.stop.set()
