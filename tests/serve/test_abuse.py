"""Bad input and too much of it: each gets its error, the server stays up and the metrics count it."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import httpx
import pytest

from medllm.serve.engine import Finish, TransformersEngine
from tests.serve.conftest import GatedModel, gated_engine, metric, raw_connection, read_response, wait_for

TINY = "tiny-random-llama"
HELLO = [{"role": "user", "content": "Hello"}]


def post(server: Any, body: Any, path: str = "/v1/chat/completions", **kwargs: Any) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(server.url + path, content=content, headers={"content-type": "application/json"}, **kwargs)


@pytest.fixture
def server(serve: Any, tiny: Any) -> Any:
    return serve(tiny, max_new_tokens_limit=8, max_body_bytes=64 * 1024, request_timeout=2.0)


@pytest.mark.parametrize(
    ("body", "status", "param"),
    [
        (b"{not json", 400, None),
        (b"[1, 2]", 400, None),
        ({"model": TINY, "messages": [{"role": "user", "content": 5}]}, 400, "messages.0.content"),
        ({"model": TINY, "messages": [{"role": "doctor", "content": "hi"}]}, 400, "messages.0.role"),
        ({"model": TINY, "messages": HELLO, "max_tokens": "5"}, 400, "max_tokens"),
        ({"model": TINY, "messages": HELLO, "stream": "yes"}, 400, "stream"),
        ({"messages": HELLO}, 400, "model"),
        ({"model": "no-such-model", "messages": HELLO}, 404, "model"),
    ],
)
def test_bad_requests_get_openai_errors(server: Any, body: Any, status: int, param: str | None) -> None:
    reply = post(server, body)
    assert reply.status_code == status
    error = reply.json()["error"]
    assert error["param"] == param and error["message"] and error["type"]


def test_errors_never_echo_what_was_sent(server: Any) -> None:
    reply = post(server, {"model": TINY, "messages": [{"role": "user", "content": ["SECRET-PATIENT-NAME"]}]})
    assert reply.status_code == 400 and "SECRET-PATIENT-NAME" not in reply.text


def test_unknown_paths_and_methods(server: Any) -> None:
    for method, path in [("GET", "/v1/embeddings"), ("POST", "/admin"), ("GET", "/docs"), ("GET", "/openapi.json")]:
        reply = httpx.request(method, server.url + path)
        assert reply.status_code == 404 and reply.json()["error"]["type"] == "not_found_error"
    assert httpx.get(server.url + "/v1/chat/completions").status_code == 405
    # The count is taken after the last byte is sent, so it may trail the client by a moment.
    wait_for(lambda: metric(server, "medllm_requests_total", route="other", code="404") == 4)


def test_a_declared_big_body_is_refused_before_reading(server: Any) -> None:
    with raw_connection(server.port) as sock:
        sock.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 52428800\r\n\r\n{"
        )
        reply = read_response(sock)
    assert reply.startswith(b"HTTP/1.1 413") and b"body_too_large" in reply


def test_a_chunked_big_body_is_cut_off_while_streaming(server: Any) -> None:
    chunk = b"x" * 16384
    with raw_connection(server.port) as sock:
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(50 * 64):  # up to 50 MB, never sent in full
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = read_response(sock)
    assert reply.startswith(b"HTTP/1.1 413")
    assert httpx.get(server.url + "/health").json()["status"] == "ok"


def test_a_body_that_never_finishes_times_out(server: Any) -> None:
    started = time.monotonic()
    with raw_connection(server.port) as sock:
        sock.sendall(b'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"model"')
        reply = read_response(sock)
    assert reply.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 6


def test_queue_full_is_503_at_once_and_the_queue_drains(serve: Any) -> None:
    model = GatedModel(pieces=3)
    model.gate.clear()
    server = serve(gated_engine(model), max_concurrency=1, max_queue=1)
    results: list[int] = []

    def call() -> None:
        results.append(post(server, {"model": "gated", "messages": HELLO}, timeout=30).status_code)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    admission = server.state.admission
    wait_for(lambda: admission.running == 1 and admission.waiting == 1)
    assert metric(server, "medllm_queue_depth") == 1 and metric(server, "medllm_in_flight") == 1
    started = time.monotonic()
    refused = post(server, {"model": "gated", "messages": HELLO})
    assert refused.status_code == 503 and time.monotonic() - started < 1
    assert refused.json()["error"]["code"] == "queue_full" and refused.headers["retry-after"]
    assert httpx.get(server.url + "/health").status_code == 200
    model.gate.set()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 200]
    wait_for(lambda: admission.running == 0 and admission.waiting == 0)


def test_a_flood_gets_answers_or_503_and_nothing_else(serve: Any) -> None:
    model = GatedModel(pieces=2)
    server = serve(gated_engine(model), max_concurrency=2, max_queue=8)

    async def flood() -> list[int]:
        limits = httpx.Limits(max_connections=200)
        async with httpx.AsyncClient(base_url=server.url, timeout=30, limits=limits) as client:
            body = {"model": "gated", "messages": HELLO, "stream": False}
            replies = await asyncio.gather(*(client.post("/v1/chat/completions", json=body) for _ in range(150)))
            return [r.status_code for r in replies]

    codes = asyncio.run(flood())
    assert set(codes) <= {200, 503} and codes.count(200) >= 10 and 503 in codes
    # The count is taken after the last byte is sent, so it may trail the client by a moment.
    wait_for(
        lambda: metric(server, "medllm_requests_total", route="/v1/chat/completions", code="503") == codes.count(503)
    )
    wait_for(lambda: httpx.get(server.url + "/health").json() == {"status": "ok", "running": 0, "queued": 0})


class RecordingEngine(TransformersEngine):
    """The tiny model's engine, remembering how each generation ended."""

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self.finishes: list[Finish] = []

    def chat(self, *args: Any, **kwargs: Any) -> Finish:
        finish = super().chat(*args, **kwargs)
        self.finishes.append(finish)
        return finish


def test_client_disconnect_mid_stream_stops_generation(serve: Any, tiny: Any) -> None:
    engine = RecordingEngine(tiny)
    server = serve(engine, max_new_tokens_limit=600, request_timeout=60)
    body = {"model": TINY, "messages": HELLO, "max_tokens": 600, "temperature": 0}
    whole = post(server, body, timeout=60).json()  # what the same request does when nobody leaves
    assert whole["usage"]["completion_tokens"] == 600 and engine.finishes[-1].reason == "length"
    with (
        httpx.Client(base_url=server.url, timeout=60) as client,
        client.stream("POST", "/v1/chat/completions", json={**body, "stream": True}) as stream,
    ):
        for line in stream.iter_lines():
            if '"content": "' in line and '"content": ""' not in line:
                break  # first real text: hang up
    wait_for(lambda: len(engine.finishes) == 2 and server.state.admission.running == 0)
    assert engine.finishes[-1].reason == "cancelled" and engine.finishes[-1].completion_tokens < 300
    assert metric(server, "medllm_cancelled_generations_total", reason="disconnect") == 1
    assert httpx.get(server.url + "/health").json()["status"] == "ok"


def test_a_slow_generation_times_out(serve: Any) -> None:
    model = GatedModel(pieces=3)
    model.gate.clear()
    server = serve(gated_engine(model), request_timeout=0.5)
    reply = post(server, {"model": "gated", "messages": HELLO}, timeout=10)
    assert reply.status_code == 504 and reply.json()["error"]["code"] == "timeout"
    model.gate.set()
    wait_for(lambda: server.state.admission.running == 0)
    assert model.closed_early == 1
    assert metric(server, "medllm_cancelled_generations_total", reason="timeout") == 1
