"""Two plain ASGI middlewares: metrics around everything, then keys and rate limits before any route.

The key check runs before routing, for every path except ``/health``, so no route (an unknown one
included) is reachable without a key when keys are configured: the guard does not depend on each route
remembering to ask for one. Plain ASGI rather than ``BaseHTTPMiddleware`` keeps streamed responses and
client disconnects intact.
"""

from __future__ import annotations

import time
from typing import Any

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from medllm.serve.errors import APIError
from medllm.serve.keys import KeyStore
from medllm.serve.limits import RateLimiter
from medllm.serve.metrics import Metrics, route_label

#: Paths served without a key: the liveness probe, and the chat page, which holds no data and asks for a key.
OPEN_PATHS = frozenset({"/health", "/"})


class MetricsMiddleware:
    """Counts every response by route and status code and times it to its last byte."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = route_label(scope["path"])
            self.metrics.requests.labels(route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - start)


class GuardMiddleware:
    """API keys (401 without or with a wrong or revoked key) and the per-caller rate limit (429)."""

    def __init__(self, app: ASGIApp, keys: KeyStore | None, limiter: RateLimiter, metrics: Metrics) -> None:
        self.app = app
        self.keys = keys
        self.limiter = limiter
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        try:
            record = await self._authenticate(scope)
            scope.setdefault("state", {})["key"] = record
            if scope["path"].startswith("/v1/"):
                client = scope.get("client") or ("unknown", 0)
                self.limiter.check(record.name if record is not None else f"addr:{client[0]}")
        except APIError as error:
            self.metrics.rejected.labels(error.code or str(error.status)).inc()
            await error.response()(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _authenticate(self, scope: Scope) -> Any:
        if self.keys is None:
            return None
        token = _bearer(scope)
        if not token:
            raise APIError(401, "missing API key: send the header 'Authorization: Bearer <key>'", code="missing_key")
        # argon2 takes a while the first time a key is seen: off the event loop.
        record = await anyio.to_thread.run_sync(self.keys.verify, token)
        if record is None:
            raise APIError(401, "invalid or revoked API key", code="invalid_key")
        return record


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None
