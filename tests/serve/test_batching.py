"""Concurrent requests generated in one batch: each gets exactly what it gets alone, and one leaving harms none."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from medllm.models.base import GenerationConfig
from medllm.serve.batching import ContinuousBatcher
from medllm.serve.engine import TransformersEngine
from tests.serve.conftest import ToyKB, metric, wait_for

TINY = "tiny-random-llama"


@pytest.fixture
def batched(tiny: Any) -> Iterator[TransformersEngine]:
    engine = TransformersEngine(tiny, batch_size=8)
    assert engine.batching
    yield engine
    engine.shutdown()


@pytest.fixture
def rows_per_step(tiny: Any) -> Iterator[list[int]]:
    """How many requests each batched forward pass produced a token for (continuous batching passes
    ``logits_indices``, one per request that gets a token in that step)."""
    seen: list[int] = []

    def record(module: Any, args: Any, kwargs: dict[str, Any]) -> None:
        if "logits_indices" in kwargs:
            seen.append(int(kwargs["logits_indices"].numel()))

    handle = tiny.model.register_forward_pre_hook(record, with_kwargs=True)
    yield seen
    handle.remove()


def chat(messages: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    return {"model": TINY, "messages": messages, "temperature": 0, **extra}


def answer(client: httpx.Client, body: dict[str, Any]) -> str:
    """The reply's text, read streamed or whole as the body asks."""
    if not body.get("stream"):
        reply = client.post("/v1/chat/completions", json=body)
        assert reply.status_code == 200, reply.text
        return reply.json()["choices"][0]["message"]["content"]
    text = []
    with client.stream("POST", "/v1/chat/completions", json=body) as stream:
        assert stream.status_code == 200
        for line in stream.iter_lines():
            if line.startswith("data: {"):
                choices = json.loads(line[6:])["choices"]
                if choices:
                    text.append(choices[0]["delta"].get("content") or "")
    return "".join(text)


def test_batched_requests_equal_each_request_alone(serve: Any, tiny: Any, batched: Any, rows_per_step: Any) -> None:
    """Different lengths, stop strings, streamed or not: token for token what the request gets alone."""
    bodies = []
    for i in range(8):
        extra: dict[str, Any] = {"max_tokens": 4 + 3 * i, "stream": i % 2 == 1}
        if i == 5:
            extra["stop"] = ["e"]
        bodies.append(chat([{"role": "user", "content": f"Request {i}: tell me about fever number {i * 17}"}], **extra))
    alone = serve(tiny, max_concurrency=1)
    together = serve(batched, max_concurrency=8)
    with httpx.Client(base_url=alone.url, timeout=60) as client:
        expected = [answer(client, body) for body in bodies]
    with httpx.Client(base_url=together.url, timeout=60) as client, ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda body: answer(client, body), bodies))
    assert got == expected and all(expected)
    assert max(rows_per_step) >= 2  # several requests really shared forward passes


def test_greedy_and_sampled_requests_share_a_batch(batched: Any, tiny: Any) -> None:
    alone = TransformersEngine(tiny)
    greedy = GenerationConfig(max_new_tokens=12, temperature=0)
    sampled = GenerationConfig(max_new_tokens=12, temperature=1.2, top_p=0.9)

    def run(engine: Any, prompt: str, config: GenerationConfig) -> str:
        out: list[str] = []
        engine.complete(prompt, config, threading.Event(), out.append)
        return "".join(out)

    prompts = [f"The patient in bed {i} reports" for i in range(6)]
    with ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(run, batched, p, greedy if i % 2 == 0 else sampled) for i, p in enumerate(prompts)]
        results = [f.result() for f in futures]
    for i in range(0, 6, 2):
        assert results[i] == run(alone, prompts[i], greedy)
    assert all(results[i] for i in range(1, 6, 2))


def test_a_client_leaving_mid_stream_leaves_the_batch_alone(serve: Any, batched: Any) -> None:
    server = serve(batched, max_concurrency=8, max_new_tokens_limit=400, request_timeout=60)
    others = [chat([{"role": "user", "content": f"Question {i}"}], max_tokens=40) for i in range(3)]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        expected = [answer(client, body) for body in others]
        leaving = chat([{"role": "user", "content": "I will hang up"}], max_tokens=400, stream=True)
        started = threading.Event()

        def hang_up() -> None:
            with client.stream("POST", "/v1/chat/completions", json=leaving) as stream:
                for line in stream.iter_lines():
                    if '"content": "' in line and '"content": ""' not in line:
                        started.set()
                        return  # closes the connection mid-answer

        with ThreadPoolExecutor(4) as pool:
            gone = pool.submit(hang_up)
            started.wait(30)
            got = list(pool.map(lambda body: answer(client, body), others))
            gone.result()
    assert got == expected
    wait_for(lambda: metric(server, "medllm_cancelled_generations_total", reason="disconnect") == 1)
    wait_for(lambda: not batched.batcher._waiting and server.state.admission.running == 0)


def test_assistant_turns_are_batched_and_unchanged(serve: Any, tiny: Any, batched: Any) -> None:
    questions = ["I have had a headache since this morning", "Is it normal to feel tired after a cold?"]
    bodies = [{"model": "medllm-assistant", "messages": [{"role": "user", "content": q}]} for q in questions]
    alone = serve(tiny, max_concurrency=1, kb=ToyKB(), max_new_tokens_limit=24)
    together = serve(batched, max_concurrency=8, kb=ToyKB(), max_new_tokens_limit=24)
    with httpx.Client(base_url=alone.url, timeout=120) as client:
        expected = [client.post("/v1/chat/completions", json=b).json()["choices"][0]["message"] for b in bodies]
    with httpx.Client(base_url=together.url, timeout=120) as client, ThreadPoolExecutor(2) as pool:
        replies = pool.map(lambda b: client.post("/v1/chat/completions", json=b).json(), bodies)
        got = [r["choices"][0]["message"] for r in replies]
    assert [m["content"] for m in got] == [m["content"] for m in expected]
    assert [m["citations"] for m in got] == [m["citations"] for m in expected]


def test_what_the_batch_does_not_take(tiny: Any, batched: Any) -> None:
    batcher: ContinuousBatcher = batched.batcher
    assert batcher.accepts(10, GenerationConfig(max_new_tokens=10, temperature=0, seed=3))  # greedy: seed is moot
    assert not batcher.accepts(10, GenerationConfig(max_new_tokens=10, temperature=1.0, seed=3))
    assert not batcher.accepts(batcher.capacity, GenerationConfig(max_new_tokens=1))
    # Either way the request is answered: alone, by generate.
    out: list[str] = []
    finish = batched.complete(
        "Hello", GenerationConfig(max_new_tokens=5, temperature=1.0, seed=3), threading.Event(), out.append
    )
    assert finish.completion_tokens == 5 and "".join(out)


def test_an_eager_model_is_not_switched_under_the_engine() -> None:
    """Batching would swap eager attention for paged attention under the engine's unbatched calls: refused."""
    eager = SimpleNamespace(config=SimpleNamespace(_attn_implementation="eager"))
    with pytest.raises(ValueError, match="sdpa or flash"):
        ContinuousBatcher(eager, [2], 0, max_batch=4, cache_tokens=1024)
