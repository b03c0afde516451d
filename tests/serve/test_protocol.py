"""The official ``openai`` client and medllm's own HTTP backend against a real server on tiny-random-llama."""

from __future__ import annotations

from typing import Any

import httpx
import openai
import pytest

from medllm.models.openai_backend import OpenAIModel
from tests.serve.conftest import ToyKB, metric, wait_for

TINY = "tiny-random-llama"
HELLO = [{"role": "user", "content": "Hello, how are you today?"}]


@pytest.fixture
def server(serve: Any, tiny: Any) -> Any:
    return serve(tiny, max_new_tokens_limit=24, kb=ToyKB())


@pytest.fixture
def client(server: Any) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="unused", max_retries=0)


def test_chat_plain_and_streamed_agree(client: openai.OpenAI, server: Any) -> None:
    plain = client.chat.completions.create(model=TINY, messages=HELLO, max_tokens=12, temperature=0)
    choice = plain.choices[0]
    assert choice.message.role == "assistant" and choice.message.content
    assert plain.usage.completion_tokens == 12 and choice.finish_reason == "length"
    assert plain.usage.prompt_tokens > 5 and plain.model == TINY
    chunks = list(
        client.chat.completions.create(
            model=TINY,
            messages=HELLO,
            max_tokens=12,
            temperature=0,
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == choice.message.content
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "length"
    assert chunks[-1].usage.completion_tokens == 12 and not chunks[-1].choices
    # The count is taken after the last byte is sent, so it may trail the client by a moment.
    wait_for(lambda: metric(server, "medllm_requests_total", route="/v1/chat/completions", code="200") == 2)
    assert metric(server, "medllm_completion_tokens_total", model=TINY) == 24


def test_max_tokens_over_the_limit_is_clamped(client: openai.OpenAI) -> None:
    reply = client.chat.completions.create(model=TINY, messages=HELLO, max_tokens=10_000, temperature=0)
    assert reply.usage.completion_tokens <= 24


def test_completions_plain_echo_and_stream(client: openai.OpenAI) -> None:
    prompt = "The patient has a fever and"
    plain = client.completions.create(model=TINY, prompt=prompt, max_tokens=6, temperature=0)
    assert plain.choices[0].text and plain.usage.completion_tokens == 6
    echoed = client.completions.create(model=TINY, prompt=prompt, max_tokens=6, temperature=0, echo=True)
    assert echoed.choices[0].text == prompt + plain.choices[0].text
    streamed = client.completions.create(model=TINY, prompt=prompt, max_tokens=6, temperature=0, stream=True)
    assert "".join(c.choices[0].text for c in streamed) == plain.choices[0].text


def test_echo_logprobs_score_like_the_local_model(server: Any, tiny: Any) -> None:
    """medllm's HTTP backend scores through echo + logprobs; the numbers match scoring in process."""
    pairs = [
        ("The capital of France is", " Paris"),
        ("Question: what helps a headache?\nAnswer:", " rest and water"),
        ("Fever and cough for three days", " suggests a viral infection."),
    ]
    remote = OpenAIModel(server.base_url, model=TINY, max_retries=0)
    try:
        served = remote.loglikelihood(pairs)
    finally:
        remote.close()
    local = tiny.loglikelihood(pairs)
    for got, want in zip(served, local, strict=True):
        assert got.logprob == pytest.approx(want.logprob, abs=1e-3)
        assert got.n_tokens == want.n_tokens and got.is_greedy == want.is_greedy


def test_logprobs_with_generated_tokens(client: openai.OpenAI) -> None:
    reply = client.completions.create(model=TINY, prompt="Rest and", max_tokens=4, temperature=0, logprobs=3)
    logprobs = reply.choices[0].logprobs
    assert len(logprobs.tokens) == reply.usage.completion_tokens == 4
    assert "".join(logprobs.tokens) == reply.choices[0].text
    assert all(len(top) == 3 for top in logprobs.top_logprobs)
    assert all(
        value <= max(top.values()) + 1e-6
        for value, top in zip(logprobs.token_logprobs, logprobs.top_logprobs, strict=True)
    )


def test_models_lists_the_model_and_the_assistant(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == [TINY, "medllm-assistant"]


def test_assistant_emergency_carries_triage(client: openai.OpenAI, server: Any) -> None:
    messages = [{"role": "user", "content": "my dad's face is drooping and he can't lift his arm"}]
    reply = client.chat.completions.create(model="medllm-assistant", messages=messages, max_tokens=8, temperature=0)
    message = reply.choices[0].message
    assert message.content.startswith("⚠ This may be a medical emergency. Call 911 now")
    assert message.triage["level"] == "emergency" and message.kind == "emergency"
    chunks = list(
        client.chat.completions.create(
            model="medllm-assistant", messages=messages, max_tokens=8, temperature=0, stream=True
        )
    )
    # The rules' level first (the page's banner), then the fixed instruction, before any model text.
    assert chunks[1].choices[0].delta.triage["level"] == "emergency" and not chunks[1].choices[0].delta.content
    assert chunks[2].choices[0].delta.content.startswith("⚠ This may be a medical emergency")
    last = chunks[-1].choices[0]
    assert last.finish_reason == "stop" and last.delta.triage["level"] == "emergency"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == message.content
    assert metric(server, "medllm_triage_total", level="emergency") == 2


def test_assistant_answer_cites_its_passages(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "What is a migraine?"}]
    reply = client.chat.completions.create(model="medllm-assistant", messages=messages, max_tokens=8, temperature=0)
    message = reply.choices[0].message
    assert message.triage["level"] == "routine"
    assert [c["id"] for c in message.citations] == ["toy:1#0", "toy:2#0"]
    assert "Sources:" in message.content and "[1] Migraine" in message.content


@pytest.mark.parametrize(
    ("call", "error", "param"),
    [
        ({"model": "gpt-4"}, openai.NotFoundError, "model"),
        ({"n": 2}, openai.BadRequestError, "n"),
        ({"temperature": 5}, openai.BadRequestError, "temperature"),
        ({"messages": []}, openai.BadRequestError, "messages"),
        ({"messages": [{"role": "user", "content": "hi " * 2000}]}, openai.BadRequestError, "messages"),
        (
            {"model": "medllm-assistant", "messages": [{"role": "assistant", "content": "hi"}]},
            openai.BadRequestError,
            "messages",
        ),
    ],
)
def test_chat_errors_reach_the_client(client: openai.OpenAI, call: dict, error: type, param: str) -> None:
    kwargs: dict[str, Any] = {"model": TINY, "messages": HELLO, "max_tokens": 4, **call}
    with pytest.raises(error) as raised:
        client.chat.completions.create(**kwargs)
    assert raised.value.body["param"] == param and raised.value.body["message"]


@pytest.mark.parametrize(
    ("extra", "param"),
    [({"best_of": 2}, "best_of"), ({"logprobs": 6}, "logprobs"), ({"prompt": ["a", "b"]}, "prompt")],
)
def test_completion_options_that_multiply_work_are_refused(client: openai.OpenAI, extra: dict, param: str) -> None:
    kwargs: dict[str, Any] = {"model": TINY, "prompt": "hi", "max_tokens": 2, **extra}
    with pytest.raises(openai.BadRequestError) as raised:
        client.completions.create(**kwargs)
    assert raised.value.body["param"] == param


def test_the_assistant_is_not_a_completion_model(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError, match="chat/completions"):
        client.completions.create(model="medllm-assistant", prompt="hi", max_tokens=2)


def test_unknown_field_is_named(server: Any) -> None:
    body = {"model": TINY, "messages": HELLO, "logit_bias": {"1": 100}}
    reply = httpx.post(server.base_url + "/chat/completions", json=body)
    assert reply.status_code == 400 and reply.json()["error"]["param"] == "logit_bias"


def test_the_chat_page_is_served_whole_and_offline(server: Any) -> None:
    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    for part in ('id="stop"', 'id="banner"', 'id="new"', 'id="disclaimer"', "sessionStorage", "medllm-assistant"):
        assert part in html
    assert "src=" not in html and "href=" not in html and "https://" not in html  # no external asset
    assert "default-src 'self'" in page.headers["content-security-policy"]
