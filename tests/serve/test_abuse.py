"""Bad input and too much of it: each gets its error, the server stays up and the metrics count it."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import json
import os
import resource
import socket
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
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


# --- load and memory ------------------------------------------------------------------------------------
#: how far the server process's resident memory may stay above its baseline after an abuse round; what
#: malloc keeps for reuse (arenas, connection buffers) after a round stays well under this here
RSS_TOLERANCE_MB = 40


def rss_mb() -> float:
    """This process's resident memory (the server runs in it), from /proc (Linux)."""
    statm = Path("/proc/self/statm")
    if not statm.exists():
        pytest.skip("resident memory is read from /proc: Linux only")
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def settled_rss() -> float:
    """RSS once freed memory is handed back: without malloc_trim, glibc keeps freed arenas and RSS
    shows the high-water mark rather than what is still in use."""
    gc.collect()
    time.sleep(0.2)
    with contextlib.suppress(OSError, AttributeError):  # not glibc: RSS is then an upper bound
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_mb()


def open_files(n: int) -> None:
    """Room for ``n`` sockets: the clients and the server share this process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n + 512
    if soft < want:
        if hard != resource.RLIM_INFINITY and hard < want:
            pytest.skip(f"needs {want} open files, the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


async def storm(port: int, n: int, body: dict[str, Any]) -> list[int]:
    """``n`` requests sent at once, each on its own connection; their status codes.

    Plain asyncio streams rather than an HTTP client: a thousand httpx connections cost the test
    (which shares its process and GIL with the server) more time than the server spends on them.
    """
    payload = json.dumps(body).encode()
    head = b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    message = head + b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(payload), payload)
    ready = asyncio.Event()

    async def one() -> int:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await ready.wait()  # every connection open first, then all requests go out together
        writer.write(message)
        await writer.drain()
        status = int((await reader.readline()).split()[1])
        await reader.read()  # the rest, until the server closes
        writer.close()
        return status

    tasks = [asyncio.ensure_future(one()) for _ in range(n)]
    await asyncio.sleep(0.5)
    ready.set()
    return list(await asyncio.gather(*tasks))


def test_a_thousand_requests_at_once_against_a_queue_of_32(serve: Any) -> None:
    open_files(2 * 1000)
    model = GatedModel(pieces=2)
    server = serve(gated_engine(model), max_concurrency=2, max_queue=32, request_timeout=60)
    body = {"model": "gated", "messages": HELLO}
    deepest = 0
    watching = threading.Event()

    def watch() -> None:
        nonlocal deepest
        while not watching.is_set():
            deepest = max(deepest, server.state.admission.waiting)
            time.sleep(0.002)

    asyncio.run(storm(server.port, 200, body))  # warm-up: first-use allocations belong to the baseline
    wait_for(lambda: server.state.admission.running == 0)
    before = settled_rss()
    served_before = metric(server, "medllm_requests_total", route="/v1/chat/completions", code="200")
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        codes = asyncio.run(storm(server.port, 1000, body))
        health = httpx.get(server.url + "/health", timeout=5)
    finally:
        watching.set()
        watcher.join()
    assert set(codes) <= {200, 503} and codes.count(200) >= 34 and codes.count(503) > 0
    assert deepest <= 32  # never more waiting than the queue holds
    assert health.status_code == 200 and health.json()["status"] in ("ok", "busy")
    wait_for(lambda: httpx.get(server.url + "/health").json() == {"status": "ok", "running": 0, "queued": 0})
    wait_for(
        lambda: (
            metric(server, "medllm_requests_total", route="/v1/chat/completions", code="200")
            == served_before + codes.count(200)
        )
    )
    assert metric(server, "medllm_requests_total", route="/v1/chat/completions", code="503") >= codes.count(503)
    grown = settled_rss() - before
    assert grown < RSS_TOLERANCE_MB, f"RSS grew {grown:.1f} MB over its baseline of {before:.0f} MB"
    print(
        f"1,000 at once: {codes.count(200)} answered, {codes.count(503)} refused; RSS {before:.0f} MB, +{grown:.1f} MB"
    )


def hang_up_mid_stream(port: int, body: dict[str, Any]) -> bool:
    """Start a streamed request, read until the first generated text, then reset the connection (RST)."""
    payload = json.dumps(body).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        sock.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(payload), payload)
        )
        seen = b""
        while b'"content": "' not in seen.replace(b'"content": ""', b""):
            chunk = sock.recv(65536)
            if not chunk:
                return False
            seen += chunk
        return True
    finally:
        # Linger 0: close() sends RST at once, as a crashed client or a dropped network does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()


def test_abrupt_disconnects_mid_stream_leave_the_server_as_it_was(serve: Any, tiny: Any) -> None:
    engine = TransformersEngine(tiny, batch_size=8)
    server = serve(engine, max_concurrency=8, max_queue=32, max_new_tokens_limit=600, request_timeout=60)
    body = {"model": TINY, "messages": HELLO, "max_tokens": 600, "temperature": 0, "stream": True}
    try:
        with ThreadPoolExecutor(4) as pool:  # warm-up round
            assert all(pool.map(lambda _: hang_up_mid_stream(server.port, body), range(4)))
        wait_for(lambda: server.state.admission.running == 0 and not engine.batcher._waiting)
        before = settled_rss()
        with ThreadPoolExecutor(12) as pool:
            assert all(pool.map(lambda _: hang_up_mid_stream(server.port, body), range(24)))
        wait_for(lambda: metric(server, "medllm_cancelled_generations_total", reason="disconnect") == 28, timeout=60)
        wait_for(lambda: server.state.admission.running == 0 and not engine.batcher._waiting, timeout=30)
        assert httpx.get(server.url + "/health").json() == {"status": "ok", "running": 0, "queued": 0}
        # Still answers, in full.
        whole = post(server, {**body, "stream": False, "max_tokens": 12}, timeout=60)
        assert whole.status_code == 200 and whole.json()["usage"]["completion_tokens"] == 12
        grown = settled_rss() - before
        assert grown < RSS_TOLERANCE_MB, f"RSS grew {grown:.1f} MB over its baseline of {before:.0f} MB"
        print(f"24 abrupt disconnects: RSS {before:.0f} MB, +{grown:.1f} MB")
    finally:
        engine.shutdown()


#: a client in its own process, so the 50 MB it holds is not counted as the server's memory
BIG_BODY_CLIENT = """
import socket, sys
port, size = int(sys.argv[1]), int(sys.argv[2])
body = b'{"model": "tiny-random-llama", "messages": [{"role": "user", "content": "' + b"x" * size + b'"}]}'
sock = socket.create_connection(("127.0.0.1", port), timeout=30)
sock.sendall(b"POST /v1/chat/completions HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/json\\r\\n"
             b"Content-Length: %d\\r\\n\\r\\n" % len(body))
try:
    for start in range(0, len(body), 1 << 20):
        sock.sendall(body[start:start + (1 << 20)])
except OSError:  # the server answered and closed before the body was all sent
    pass
try:
    print(sock.recv(100).split(b" ")[1].decode())
except (OSError, IndexError):
    print("closed")
"""


def test_big_and_unfinished_bodies_cost_no_memory(server: Any) -> None:
    """50 MB bodies and bodies that never finish: refused, the server answers meanwhile, nothing kept."""

    def send_big(count: int) -> list[str]:
        clients = [
            subprocess.Popen(
                [sys.executable, "-c", BIG_BODY_CLIENT, str(server.port), str(50 * 2**20)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(count)
        ]
        return [client.communicate(timeout=60)[0].strip() for client in clients]

    def never_finish() -> bytes:
        with raw_connection(server.port) as sock:
            sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{")
            return read_response(sock)

    assert send_big(1)[0] in ("413", "closed")  # warm-up
    before = settled_rss()
    with ThreadPoolExecutor(6) as pool:
        slow = [pool.submit(never_finish) for _ in range(6)]
        big_codes = send_big(6)
        assert httpx.get(server.url + "/health").json()["status"] == "ok"  # answers while they hang
        slow_replies = [f.result() for f in slow]
    assert set(big_codes) <= {"413", "closed"} and all(r.startswith(b"HTTP/1.1 408") for r in slow_replies)
    # Whatever each client saw, the server answered each 50 MB body with a 413, and counted it.
    wait_for(lambda: metric(server, "medllm_requests_total", route="/v1/chat/completions", code="413") == 7)
    wait_for(lambda: metric(server, "medllm_requests_total", route="/v1/chat/completions", code="408") == 6)
    grown = settled_rss() - before
    assert grown < RSS_TOLERANCE_MB, f"RSS grew {grown:.1f} MB over its baseline of {before:.0f} MB"
    print(f"6 x 50 MB bodies and 6 unfinished bodies: RSS {before:.0f} MB, {grown:+.1f} MB")


def test_a_client_that_leaves_the_queue_gives_up_its_place(serve: Any) -> None:
    model = GatedModel(pieces=2)
    model.gate.clear()
    server = serve(gated_engine(model), max_concurrency=1, max_queue=4)
    admission = server.state.admission
    first = threading.Thread(target=lambda: post(server, {"model": "gated", "messages": HELLO}, timeout=30))
    first.start()
    wait_for(lambda: admission.running == 1)
    payload = json.dumps({"model": "gated", "messages": HELLO, "stream": True}).encode()
    with raw_connection(server.port) as sock:
        sock.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(payload), payload)
        )
        wait_for(lambda: admission.waiting == 1)
    wait_for(lambda: admission.waiting == 0)  # left the queue while the slot was still taken
    assert metric(server, "medllm_cancelled_generations_total", reason="left_queue") == 1
    model.gate.set()
    first.join()
    wait_for(lambda: admission.running == 0)
    assert model.started == 1  # the one that left never generated
