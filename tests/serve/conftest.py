"""Shared pieces for the server tests: the tiny model, a gated scripted model, servers on free ports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest

from medllm.knowledge import Retrieval, SearchHit
from medllm.models.base import ChatModel, GenerationConfig, LoglikelihoodResult
from medllm.serve import ServerState, ServerThread, ServeSettings, create_app, engine_for
from medllm.serve.engine import ChatModelEngine


@pytest.fixture(scope="session")
def tiny() -> Any:
    """``tiny-random-llama`` on CPU, loaded once for every server test."""
    from medllm.models import load_model

    return load_model("tiny-random-llama", device="cpu")


class GatedModel(ChatModel):
    """Streams ``pieces`` words, each only once ``gate`` is open; records whether its stream was closed early."""

    def __init__(self, pieces: int = 5, word: str = "ok ") -> None:
        self.pieces = pieces
        self.word = word
        self.gate = threading.Event()
        self.gate.set()
        self.started = 0
        self.produced = 0
        self.closed_early = 0

    @property
    def name(self) -> str:
        return "gated"

    def chat(self, conversations: Sequence[Sequence[dict[str, str]]], config: GenerationConfig) -> list[str]:
        return [self.word * self.pieces for _ in conversations]

    def stream_chat(self, messages: Sequence[dict[str, str]], config: GenerationConfig) -> Iterator[str]:
        self.started += 1
        done = False
        try:
            for _ in range(self.pieces):
                while not self.gate.wait(0.02):
                    pass
                self.produced += 1
                yield self.word
            done = True
        finally:
            if not done:
                self.closed_early += 1

    def complete(self, prompts: Sequence[str], config: GenerationConfig) -> list[str]:
        return [self.word for _ in prompts]

    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[LoglikelihoodResult]:
        return [LoglikelihoodResult(-1.0, True, 1) for _ in requests]


class ToyKB:
    """Always finds the same two passages, relevant."""

    def retrieve(self, query: str, k: int = 5, mode: str = "hybrid") -> Retrieval:
        hits = [
            SearchHit(
                id="toy:1#0",
                doc_id="toy:1",
                name="Migraine",
                text="Migraine: headache, nausea.",
                source="toy-kb",
                score=1.0,
                rank=1,
            ),
            SearchHit(
                id="toy:2#0",
                doc_id="toy:2",
                name="Tension headache",
                text="Band-like headache.",
                source="toy-kb",
                score=0.5,
                rank=2,
            ),
        ]
        return Retrieval(query=query, mode=mode, hits=hits[:k], relevance=0.9, threshold=0.5)


@pytest.fixture
def serve() -> Callable[..., Any]:
    """``serve(model_or_engine, **settings)`` -> a running server (stopped after the test)."""
    servers: list[ServerThread] = []

    def start(model: Any, *, keys: Any = None, store: Any = None, kb: Any = None, log: Any = None, **settings: Any):
        engine = model if hasattr(model, "chat_model") else engine_for(model)
        extra = {"log": log} if log is not None else {}
        state = ServerState(engine, ServeSettings(**settings), keys=keys, store=store, kb=kb, **extra)
        server = ServerThread(create_app(state)).start()
        server.state = state  # type: ignore[attr-defined]
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def gated_engine(model: GatedModel) -> ChatModelEngine:
    return ChatModelEngine(model)


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


@contextmanager
def raw_connection(port: int) -> Iterator[socket.socket]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        yield sock
    finally:
        sock.close()


def read_response(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection or goes quiet."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and data.endswith(b"}"):
                break
    except (TimeoutError, ConnectionResetError):
        pass
    return data


def metric(server: Any, name: str, **labels: str) -> float:
    """A sample's value from the server's own registry (0 when absent)."""
    value = server.state.metrics.registry.get_sample_value(name, labels or None)
    return value or 0.0
