"""Errors in OpenAI's format: ``{"error": {"message", "type", "param", "code"}}``, whatever went wrong.

Clients written for OpenAI (the official SDK, medllm's own HTTP backend) read ``error.message``; a
validation error names the field in ``param`` and never echoes the value sent (it may be a patient's words).
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse

logger = logging.getLogger(__name__)

#: OpenAI's error ``type`` for each status code medllm answers with.
_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    408: "timeout_error",
    413: "invalid_request_error",
    429: "rate_limit_error",
    500: "server_error",
    503: "overloaded_error",
    504: "timeout_error",
}


class APIError(Exception):
    """An error the server answers with, in OpenAI's format.

    Args:
        status: the HTTP status code.
        message: one line saying what was wrong and what to do.
        param: the request field at fault, dotted (``messages.0.content``), or None.
        code: a short machine-readable code (``model_not_found``, ``rate_limited`` ...).
        headers: extra response headers (``Retry-After``).
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON body."""
        return error_body(self.status, self.message, param=self.param, code=self.code)

    def response(self) -> JSONResponse:
        """The response to send."""
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def error_body(status: int, message: str, *, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    """``{"error": {...}}`` for ``status``."""
    kind = _TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def validation_error(error: ValidationError) -> APIError:
    """A 400 naming the first bad field (pydantic's message, without the value that was sent)."""
    first = error.errors(include_url=False, include_input=False)[0]
    location = ".".join(str(part) for part in first.get("loc", ()) if not _type_tag(part))
    kind = first.get("type", "")
    if kind == "json_invalid":
        return APIError(400, f"the body is not valid JSON: {first.get('msg', '')}", code="invalid_json")
    if kind == "extra_forbidden":
        return APIError(400, f"unknown field {location!r}: it is not supported", param=location, code="unknown_field")
    message = first.get("msg", "invalid value")
    where = f"field {location!r}" if location else "the body"
    more = len(error.errors()) - 1
    tail = f" ({more} more error{'s' if more > 1 else ''})" if more else ""
    return APIError(400, f"{where}: {message}{tail}", param=location or None, code="invalid_value")


def _type_tag(part: object) -> bool:
    """pydantic names the member of a union that failed (``str``, ``list[TextPart]``) in the location; the
    client's field is the part before it."""
    return isinstance(part, str) and (part in _TAGS or "[" in part or part.startswith(("function-", "literal")))


_TAGS = frozenset({"str", "int", "float", "bool", "list", "dict", "none", "TextPart", "StreamOptions"})


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, APIError)
    return exc.response()


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own errors (unknown path 404, wrong method 405) in OpenAI's format."""
    status = int(getattr(exc, "status_code", 500))
    if status == 404:
        message = f"no route {request.method} {request.url.path}: see GET /v1/models and docs/serving.md"
    elif status == 405:
        message = f"method {request.method} is not allowed on {request.url.path}"
    else:
        message = str(getattr(exc, "detail", "")) or "request failed"
    headers = dict(getattr(exc, "headers", None) or {})
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged with its traceback (no request content), answered with a plain 500."""
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body(500, "internal server error"), status_code=500)
