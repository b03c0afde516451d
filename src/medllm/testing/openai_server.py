"""A small, real OpenAI-compatible HTTP server for tests: scripted replies, SSE, echo logprobs, failures.

It listens on 127.0.0.1 on a free port, in a background thread, and speaks enough of the API for
clients written against vLLM, llama.cpp's server, TGI or OpenAI:

- ``GET /v1/models``
- ``POST /v1/chat/completions`` (plain and ``stream: true`` server-sent events)
- ``POST /v1/completions`` (plain, streamed, and ``echo`` + ``logprobs`` for scoring)

Paths work with and without the ``/v1`` prefix. Text is split into "tokens" with ``split_tokens``
(a word with its leading whitespace), which is what ``max_tokens``, streaming and logprobs count.

Example:
    >>> with FakeOpenAIServer(reply=lambda body: "Paris.") as server:
    ...     server.fail_next(2, status=503)  # the next two requests fail, then it answers
    ...     server.drop_next(1)  # the next one gets half a response, then the connection closes
    ...     url = server.base_url  # "http://127.0.0.1:PORT/v1"
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: A canned reply, or a function of the request body (a dict) returning the reply text.
Reply = str | Callable[[dict[str, Any]], str]
#: ``score(prefix, token) -> (logprob, is_top)``: the log-probability of ``token`` after ``prefix`` and
#: whether it is the most likely token there (decides ``top_logprobs`` and so ``is_greedy``).
Scorer = Callable[[str, str], tuple[float, bool]]

_TOKEN = re.compile(r"\s*\S+|\s+")


def split_tokens(text: str) -> list[str]:
    """The fake server's tokenizer: each word with its leading whitespace; joined they give ``text``."""
    return _TOKEN.findall(text)


def default_score(prefix: str, token: str) -> tuple[float, bool]:
    """Deterministic fake scores: longer tokens are less likely; tokens of up to 4 characters are greedy."""
    return -0.5 * len(token), len(token) <= 4


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received (failed and delayed ones included)."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    received_at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class RecordedResponse:
    """What the server sent back for one request: its status, or 0 when it dropped the connection mid-body."""

    request: RecordedRequest
    status: int


@dataclass
class _Action:
    kind: str  # "fail", "delay" or "drop"
    status: int = 500
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    path: str | None = None


class FakeOpenAIServer:
    """A scriptable OpenAI-compatible server; use it as a context manager.

    Args:
        reply: the reply text, or a function of the request body returning it.
        model_ids: the models ``/models`` lists; requests naming another model get a 404.
        api_key: when set, requests must send ``Authorization: Bearer <api_key>`` or get a 401.
        logprobs: whether ``/completions`` returns token logprobs; False imitates servers without them.
        score: how ``/completions`` scores tokens (see ``default_score``).
    """

    def __init__(
        self,
        reply: Reply = "Hello from the fake server.",
        *,
        model_ids: Sequence[str] = ("fake-model",),
        api_key: str | None = None,
        logprobs: bool = True,
        score: Scorer = default_score,
    ) -> None:
        self.reply = reply
        self.model_ids = list(model_ids)
        self.api_key = api_key
        self.logprobs = logprobs
        self.score = score
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._responses: list[RecordedResponse] = []
        self._actions: deque[_Action] = deque()
        self._in_flight = 0
        self.max_in_flight = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        """Start listening (idempotent)."""
        if self._httpd is None:
            httpd = _Server(("127.0.0.1", 0), _Handler)
            httpd.daemon_threads = True
            httpd.fake = self  # type: ignore[attr-defined]
            self._httpd = httpd
            # A short poll interval makes stop() return in milliseconds instead of up to half a second.
            self._thread = threading.Thread(
                target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening; handlers still sleeping on an injected delay are abandoned."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port it listens on."""
        if self._httpd is None:
            raise RuntimeError("the server is not running: use `with FakeOpenAIServer() as server:`")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no ``/v1``)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI base URL, ``http://127.0.0.1:PORT/v1``."""
        return self.url + "/v1"

    # --- scripting --------------------------------------------------------------------------------

    def fail_next(
        self,
        n: int = 1,
        *,
        status: int = 500,
        message: str = "injected failure",
        headers: dict[str, str] | None = None,
        path: str | None = None,
    ) -> None:
        """Answer the next ``n`` requests (to ``path`` only, if given) with an error in OpenAI's format."""
        with self._lock:
            for _ in range(n):
                self._actions.append(_Action("fail", status=status, message=message, headers=headers or {}, path=path))

    def rate_limit_next(self, n: int = 1, *, retry_after: float = 1.0, path: str | None = None) -> None:
        """Answer the next ``n`` requests with 429 and a ``Retry-After`` header (seconds)."""
        self.fail_next(n, status=429, message="rate limited", headers={"Retry-After": f"{retry_after:g}"}, path=path)

    def delay_next(self, n: int = 1, *, seconds: float, path: str | None = None) -> None:
        """Hold the next ``n`` requests for ``seconds`` before answering (to trip client timeouts)."""
        with self._lock:
            for _ in range(n):
                self._actions.append(_Action("delay", seconds=seconds, path=path))

    def drop_next(self, n: int = 1, *, path: str | None = None) -> None:
        """Answer the next ``n`` requests with a 200 header and half a body, then close the connection."""
        with self._lock:
            for _ in range(n):
                self._actions.append(_Action("drop", path=path))

    @property
    def responses(self) -> list[RecordedResponse]:
        """Every response fully written so far (status 0: dropped mid-body), in the order they were sent."""
        with self._lock:
            return list(self._responses)

    def answered(self, endpoint: str) -> list[RecordedRequest]:
        """Requests to ``endpoint`` that got a complete 200 response."""
        return [r.request for r in self.responses if r.status == 200 and _route(r.request.path) == _route(endpoint)]

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, endpoint: str) -> list[RecordedRequest]:
        """Requests whose path ends with ``endpoint`` (for example ``"/chat/completions"``)."""
        return [r for r in self.requests if _route(r.path) == _route(endpoint)]

    def clear(self) -> None:
        """Forget recorded requests and pending injected actions."""
        with self._lock:
            self._requests.clear()
            self._responses.clear()
            self._actions.clear()
            self.max_in_flight = 0

    # --- used by the handler ----------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> _Action | None:
        with self._lock:
            self._requests.append(request)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            for i, action in enumerate(self._actions):
                if action.path is None or _route(action.path) == _route(request.path):
                    del self._actions[i]
                    return action
        return None

    def _done(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _responded(self, request: RecordedRequest | None, status: int) -> None:
        if request is not None:
            with self._lock:
                self._responses.append(RecordedResponse(request, status))

    def _reply_text(self, body: dict[str, Any]) -> str:
        return self.reply(body) if callable(self.reply) else self.reply


class _Server(ThreadingHTTPServer):
    # The socketserver default backlog (5) drops connection attempts from a client with more requests in
    # flight than that, and each dropped SYN costs a 1 s TCP retransmit: concurrency tests would measure that.
    request_queue_size = 128


def _route(path: str) -> str:
    path = path.split("?", 1)[0].rstrip("/")
    return path[3:] if path.startswith("/v1/") else path


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeOpenAI/1.0"
    # HTTP/1.0: one request per connection, and a streamed body simply ends when the connection closes.
    protocol_version = "HTTP/1.0"
    _request: RecordedRequest | None = None

    @property
    def fake(self) -> FakeOpenAIServer:
        return self.server.fake  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        body: Any = None
        raw = b""
        if method == "POST":
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
        request = RecordedRequest(method, self.path, dict(self.headers.items()), body)
        self._request = request
        action = self.fake._record(request)
        try:
            if action is not None and action.kind == "delay":
                time.sleep(action.seconds)
            elif action is not None and action.kind == "drop":
                self._drop()
                return
            elif action is not None:
                self._error(action.status, action.message, headers=action.headers)
                return
            self._dispatch(method, request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout); nothing to answer
        finally:
            self.fake._done()

    def _dispatch(self, method: str, request: RecordedRequest) -> None:
        fake = self.fake
        if fake.api_key is not None and self.headers.get("Authorization") != f"Bearer {fake.api_key}":
            self._error(401, "Incorrect API key provided.", kind="invalid_request_error")
            return
        route = _route(request.path)
        if method == "GET" and route == "/models":
            self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in fake.model_ids]})
            return
        if method == "GET" and route == "/health":
            self._json(200, {"status": "ok"})
            return
        if method != "POST" or route not in ("/chat/completions", "/completions"):
            self._error(404, f"Unknown endpoint {method} {request.path}", kind="not_found_error")
            return
        body = request.body
        if not isinstance(body, dict):
            self._error(400, "The request body must be a JSON object.")
            return
        model = body.get("model")
        if model not in fake.model_ids:
            self._error(404, f"The model `{model}` does not exist.", kind="not_found_error")
            return
        if route == "/chat/completions":
            self._chat(body)
        else:
            self._completions(body)

    # --- endpoints --------------------------------------------------------------------------------

    def _chat(self, body: dict[str, Any]) -> None:
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            self._error(400, "'messages' must be a non-empty list.")
            return
        tokens, finish = _limit(split_tokens(self.fake._reply_text(body)), body)
        created, model = int(time.time()), body["model"]
        if body.get("stream"):
            head = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
            }
            events = [{**head, "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}]
            events += [
                {**head, "choices": [{"index": 0, "delta": {"content": t}, "finish_reason": None}]} for t in tokens
            ]
            events.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
            self._sse(events)
            return
        text = "".join(tokens)
        self._json(
            200,
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
                "usage": _usage(json.dumps(body.get("messages")), tokens),
            },
        )

    def _completions(self, body: dict[str, Any]) -> None:
        prompts = body.get("prompt")
        prompts = [prompts] if isinstance(prompts, str) else prompts
        if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
            self._error(400, "'prompt' must be a string or a list of strings (token ids are not supported here).")
            return
        echo = bool(body.get("echo"))
        want_logprobs = body.get("logprobs") is not None and self.fake.logprobs
        created, model = int(time.time()), body["model"]
        choices = []
        for index, prompt in enumerate(prompts):
            generated, finish = _limit(split_tokens(self.fake._reply_text({**body, "prompt": prompt})), body)
            shown = (split_tokens(prompt) if echo else []) + generated
            choice: dict[str, Any] = {"index": index, "text": "".join(shown), "finish_reason": finish}
            choice["logprobs"] = self._logprobs(prompt, shown, echo) if want_logprobs else None
            choices.append(choice)
        if body.get("stream"):
            head = {"id": "cmpl-fake", "object": "text_completion", "created": created, "model": model}
            events = [
                {**head, "choices": [{"index": c["index"], "text": t, "finish_reason": None}]}
                for c in choices
                for t in split_tokens(c["text"])
            ]
            events += [
                {**head, "choices": [{"index": c["index"], "text": "", "finish_reason": c["finish_reason"]}]}
                for c in choices
            ]
            self._sse(events)
            return
        self._json(
            200,
            {
                "id": "cmpl-fake",
                "object": "text_completion",
                "created": created,
                "model": model,
                "choices": choices,
                "usage": _usage("".join(prompts), []),
            },
        )

    def _logprobs(self, prompt: str, tokens: list[str], echo: bool) -> dict[str, Any]:
        token_logprobs: list[float | None] = []
        top_logprobs: list[dict[str, float] | None] = []
        offsets: list[int] = []
        # Without echo, the text (and so the offsets) starts after the prompt, as in OpenAI's API.
        prefix = "" if echo else prompt
        position = 0
        for i, token in enumerate(tokens):
            offsets.append(position)
            if echo and i == 0:
                # Nothing precedes the first prompt token: OpenAI-compatible servers return null for it.
                token_logprobs.append(None)
                top_logprobs.append(None)
            else:
                logprob, is_top = self.fake.score(prefix, token)
                token_logprobs.append(logprob)
                top_logprobs.append({token: logprob} if is_top else {"<other>": logprob + 1.0})
            prefix += token
            position += len(token)
        return {
            "tokens": tokens,
            "token_logprobs": token_logprobs,
            "top_logprobs": top_logprobs,
            "text_offset": offsets,
        }

    # --- responses --------------------------------------------------------------------------------

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)
        self.fake._responded(self._request, status)

    def _drop(self) -> None:
        # A declared length the body never reaches: clients see the connection close mid-response.
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "4096")
        self.end_headers()
        self.wfile.write(b'{"id": "chatcmpl-fake", "object": "chat.comp')
        self.wfile.flush()
        self.fake._responded(self._request, 0)

    def _error(
        self, status: int, message: str, *, kind: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        if kind is None:
            kind = "server_error" if status >= 500 else "rate_limit_error" if status == 429 else "invalid_request_error"
        self._json(status, {"error": {"message": message, "type": kind, "code": status}}, headers=headers)

    def _sse(self, events: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        for event in events:
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.fake._responded(self._request, 200)


def _limit(tokens: list[str], body: dict[str, Any]) -> tuple[list[str], str]:
    """Apply ``stop`` and ``max_tokens`` the way servers do; return the tokens and the finish reason."""
    text = "".join(tokens)
    stop = body.get("stop") or []
    stop = [stop] if isinstance(stop, str) else stop
    cuts = [i for i in (text.find(s) for s in stop if s) if i >= 0]
    finish = "stop"
    if cuts:
        tokens = split_tokens(text[: min(cuts)])
    max_tokens = body.get("max_tokens")
    if isinstance(max_tokens, int) and len(tokens) > max_tokens:
        tokens, finish = tokens[:max_tokens], "length"
    return tokens, finish


def _usage(prompt: str, completion: list[str]) -> dict[str, int]:
    prompt_tokens = len(split_tokens(prompt))
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": len(completion),
        "total_tokens": prompt_tokens + len(completion),
    }
