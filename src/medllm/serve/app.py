"""The FastAPI application: thin routes over :class:`~medllm.serve.runtime.ServerState`.

Layers, outermost first: metrics (counts every answer, refusals included), the guard (keys, rate
limit), then routing. Every path that is not a route is a 404 in OpenAI's format; FastAPI's own docs
pages are off, so nothing is served that this module does not list.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import anyio
from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from medllm.serve import responses
from medllm.serve.chat import chat_completions
from medllm.serve.completions import completions
from medllm.serve.errors import APIError, api_error_handler, http_error_handler, unexpected_error_handler
from medllm.serve.metrics import CONTENT_TYPE
from medllm.serve.middleware import GuardMiddleware, MetricsMiddleware
from medllm.serve.runtime import ServerState


def create_app(state: ServerState) -> FastAPI:
    """The server for ``state``'s engine, limits, keys and store."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="medllm",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        exception_handlers={
            APIError: api_error_handler,
            HTTPException: http_error_handler,
            Exception: unexpected_error_handler,
        },
    )
    app.state.medllm = state
    app.add_api_route("/v1/chat/completions", chat_completions, methods=["POST"])
    app.add_api_route("/v1/completions", completions, methods=["POST"])
    app.add_api_route("/v1/models", list_models, methods=["GET"])
    app.add_api_route("/v1/conversations/{conversation_id}", delete_conversation, methods=["DELETE"])
    app.add_api_route("/", chat_page, methods=["GET"])
    app.add_api_route("/health", health, methods=["GET"])
    app.add_api_route("/metrics", metrics, methods=["GET"])
    # Added last, so it runs first: the guard sits inside metrics, which then counts its 401s and 429s.
    app.add_middleware(GuardMiddleware, keys=state.keys, limiter=state.limiter, metrics=state.metrics)
    app.add_middleware(MetricsMiddleware, metrics=state.metrics)
    return app


async def chat_page(request: Request) -> Response:
    """The web chat page: one packaged HTML file, no external assets; it asks for a key when one is needed."""
    return HTMLResponse(_page(), headers=_PAGE_HEADERS)


@functools.cache
def _page() -> str:
    return resources.files("medllm.serve").joinpath("static/chat.html").read_text(encoding="utf-8")


# The page loads nothing from elsewhere; the policy makes the browser hold it to that.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def list_models(request: Request) -> JSONResponse:
    """The models this key may use."""
    state: ServerState = request.app.state.medllm
    key = state.key_of(request)
    created = responses.now()
    data = [
        {"id": name, "object": "model", "created": created, "owned_by": "medllm"}
        for name in state.model_names
        if key is None or key.allows(name)
    ]
    return JSONResponse({"object": "list", "data": data})


async def health(request: Request) -> JSONResponse:
    """Liveness without a key: says only that the server answers and whether it has room."""
    state: ServerState = request.app.state.medllm
    admission = state.admission
    busy = admission.waiting >= admission.max_queue and admission.running >= admission.max_concurrency
    return JSONResponse({"status": "busy" if busy else "ok", "running": admission.running, "queued": admission.waiting})


async def metrics(request: Request) -> Response:
    state: ServerState = request.app.state.medllm
    return Response(state.metrics.render(), media_type=CONTENT_TYPE)


async def delete_conversation(request: Request, conversation_id: str) -> JSONResponse:
    """Delete a stored conversation of this key (404 for none, or another key's)."""
    state: ServerState = request.app.state.medllm
    if state.store is None:
        raise APIError(404, "this server keeps no conversations (start it with --store)", code="no_store")
    key = state.key_of(request)
    owner: Any = key.name if key is not None else None
    deleted = await anyio.to_thread.run_sync(state.store.delete, conversation_id, owner)
    if not deleted:
        raise APIError(404, f"no conversation {conversation_id!r}", param="conversation_id", code="not_found")
    return JSONResponse({"id": conversation_id, "object": "conversation.deleted", "deleted": True})
