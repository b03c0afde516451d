"""The call cache: deterministic requests are answered from disk; anything else reaches the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from medllm.models import GenerationConfig, load_model
from medllm.models.call_cache import CachedModel
from medllm.testing import FakeOpenAIServer


def _chats(server: FakeOpenAIServer) -> int:
    return len(server.requests_to("/chat/completions"))


def test_greedy_chat_is_answered_from_the_cache_across_instances(tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=lambda body: "reply to " + body["messages"][-1]["content"]) as server:
        cached = CachedModel(load_model(server.base_url), tmp_path / "calls.sqlite")
        greedy = GenerationConfig(max_new_tokens=8)
        first = cached.chat([[{"role": "user", "content": "a"}], [{"role": "user", "content": "b"}]], greedy)
        assert first == ["reply to a", "reply to b"] and _chats(server) == 2
        cached.close()
        again = CachedModel(load_model(server.base_url), tmp_path / "calls.sqlite")
        # One hit, one new request, and a repeat inside the batch sent once.
        batch = [[{"role": "user", "content": c}] for c in ("a", "c", "c")]
        assert again.chat(batch, greedy) == ["reply to a", "reply to c", "reply to c"]
        assert _chats(server) == 3 and (again.hits, again.misses) == (1, 1)


def test_other_settings_and_sampling_are_not_served_from_the_cache(tmp_path: Path) -> None:
    with FakeOpenAIServer(reply="x") as server:
        cached = CachedModel(load_model(server.base_url), tmp_path / "calls.sqlite")
        messages = [[{"role": "user", "content": "a"}]]
        cached.chat(messages, GenerationConfig(max_new_tokens=8))
        cached.chat(messages, GenerationConfig(max_new_tokens=9))  # another request: a miss
        cached.chat(messages, GenerationConfig(max_new_tokens=8, temperature=0.7))  # sampled: never cached
        cached.chat(messages, GenerationConfig(max_new_tokens=8, temperature=0.7))
        assert _chats(server) == 4
        cached.chat(messages, GenerationConfig(max_new_tokens=8, temperature=0.7, seed=3))
        cached.chat(messages, GenerationConfig(max_new_tokens=8, temperature=0.7, seed=3))  # seeded: cached
        assert _chats(server) == 5


def test_identity_separates_models_of_the_same_name(tmp_path: Path) -> None:
    with FakeOpenAIServer(reply="old") as old, FakeOpenAIServer(reply="new") as new:
        messages = [[{"role": "user", "content": "a"}]]
        config = GenerationConfig(max_new_tokens=4)
        assert CachedModel(load_model(old.base_url), tmp_path / "c.sqlite", identity="m|v1").chat(messages, config)
        fresh = CachedModel(load_model(new.base_url), tmp_path / "c.sqlite", identity="m|v2")
        assert fresh.chat(messages, config) == ["new"]


def test_loglikelihoods_round_trip(tmp_path: Path) -> None:
    tiny = load_model("tiny-random-llama")
    cached = CachedModel(tiny, tmp_path / "calls.sqlite")
    pairs = [("The patient has", " a fever"), ("Question: ok?\nAnswer:", " yes")]
    first = cached.loglikelihood(pairs)
    assert cached.loglikelihood(pairs) == first == tiny.loglikelihood(pairs)
    assert (cached.hits, cached.misses) == (2, 2)
    assert first[0].logprob == pytest.approx(tiny.loglikelihood(pairs[:1])[0].logprob)
