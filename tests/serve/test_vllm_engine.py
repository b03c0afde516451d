"""``--engine vllm`` on CPU: medllm's server and its vLLM adapter, in front of a stand-in for vLLM's engine.

vLLM needs a CUDA GPU (``benchmarks/gpu_serve_vllm.py`` checks the real one there). Here a small fake
implements the part of vLLM's documented API the adapter uses (``AsyncEngineArgs``, ``SamplingParams``,
``RequestOutputKind.DELTA``, ``AsyncLLM.from_engine_args`` and its async ``generate``, which vLLM aborts
when the generator is cancelled), so the adapter's threading, streaming, cancellation and limits are
tested for real; what vLLM itself generates is not.
"""

from __future__ import annotations

import asyncio
import enum
import sys
import types
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.serve.conftest import metric, wait_for

TINY = "tiny-random-llama"


@dataclass
class _Sampling:
    max_tokens: int = 16
    temperature: float = 1.0
    top_p: float = 1.0
    seed: int | None = None
    stop: list[str] | None = None
    output_kind: Any = None


@dataclass
class _Completion:
    text: str
    token_ids: list[int]
    finish_reason: str | None = None


@dataclass
class _Output:
    outputs: list[_Completion]
    finished: bool = False


@dataclass
class FakeAsyncLLM:
    """Writes "<prompt length>.<i> " per token, a token every 10 ms; records what it was asked and aborted."""

    args: Any
    requests: list[tuple[str, list[int], Any]] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)

    @classmethod
    def from_engine_args(cls, args: Any) -> FakeAsyncLLM:
        asyncio.get_running_loop()  # vLLM starts its output handler on the running loop
        engine = cls(args)
        engine.model_config = types.SimpleNamespace(max_model_len=256)
        return engine

    async def generate(self, prompt: dict[str, Any], params: _Sampling, request_id: str) -> Any:
        ids = prompt["prompt_token_ids"]
        self.requests.append((request_id, ids, params))
        try:
            for i in range(params.max_tokens):
                await asyncio.sleep(0.01)
                last = i == params.max_tokens - 1
                piece = _Completion(f"{len(ids)}.{i} ", [i], "length" if last else None)
                yield _Output([piece], finished=last)
        except (asyncio.CancelledError, GeneratorExit):
            self.aborted.append(request_id)
            raise

    def shutdown(self) -> None:
        pass


@pytest.fixture
def fake_vllm(monkeypatch: pytest.MonkeyPatch) -> Any:
    vllm = types.ModuleType("vllm")
    vllm.AsyncEngineArgs = lambda **kwargs: types.SimpleNamespace(**kwargs)
    vllm.SamplingParams = _Sampling
    sampling = types.ModuleType("vllm.sampling_params")
    sampling.RequestOutputKind = enum.Enum("RequestOutputKind", "CUMULATIVE DELTA FINAL_ONLY")
    async_llm = types.ModuleType("vllm.v1.engine.async_llm")
    async_llm.AsyncLLM = FakeAsyncLLM
    for name, module in {
        "vllm": vllm,
        "vllm.sampling_params": sampling,
        "vllm.v1": types.ModuleType("vllm.v1"),
        "vllm.v1.engine": types.ModuleType("vllm.v1.engine"),
        "vllm.v1.engine.async_llm": async_llm,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr("torch.cuda.is_available", lambda: True)
    return vllm


@pytest.fixture
def served(fake_vllm: Any, serve: Any, tiny: Any) -> Any:
    from medllm.serve.vllm_engine import VLLMEngine

    engine = VLLMEngine(TINY, max_batch=8)
    server = serve(engine, max_concurrency=8, max_new_tokens_limit=40, request_timeout=30)
    yield server, engine.llm
    engine.shutdown()


def test_chat_and_completions_through_the_adapter(served: Any) -> None:
    server, llm = served
    hello = [{"role": "user", "content": "Hello"}]
    plain = httpx.post(server.url + "/v1/chat/completions", json={"model": TINY, "messages": hello, "max_tokens": 5})
    assert plain.status_code == 200
    reply = plain.json()
    prompt_tokens = reply["usage"]["prompt_tokens"]
    assert reply["choices"][0]["message"]["content"] == "".join(f"{prompt_tokens}.{i} " for i in range(5))
    assert reply["usage"]["completion_tokens"] == 5 and reply["choices"][0]["finish_reason"] == "length"
    _, ids, params = llm.requests[-1]
    assert len(ids) == prompt_tokens and params.max_tokens == 5 and params.output_kind.name == "DELTA"
    over = httpx.post(server.url + "/v1/completions", json={"model": TINY, "prompt": "abc", "max_tokens": 10_000})
    assert over.json()["usage"]["completion_tokens"] == 40  # clamped to the server's limit, as for any engine
    scored = httpx.post(server.url + "/v1/completions", json={"model": TINY, "prompt": "abc", "logprobs": 1})
    assert scored.status_code == 400 and scored.json()["error"]["param"] == "logprobs"


def test_a_client_leaving_aborts_its_vllm_request(served: Any) -> None:
    server, llm = served
    body = {"model": TINY, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 40, "stream": True}
    with (
        httpx.Client(base_url=server.url, timeout=30) as client,
        client.stream("POST", "/v1/chat/completions", json=body) as s,
    ):
        for line in s.iter_lines():
            if '"content": "' in line and '"content": ""' not in line:
                break
    wait_for(lambda: len(llm.aborted) == 1 and server.state.admission.running == 0)
    assert metric(server, "medllm_cancelled_generations_total", reason="disconnect") == 1


def test_the_assistant_runs_on_the_vllm_engine(served: Any) -> None:
    server, _ = served
    text = "I have crushing chest pain spreading to my left arm and I am sweating"
    body = {"model": "medllm-assistant", "messages": [{"role": "user", "content": text}], "max_tokens": 8}
    message = httpx.post(server.url + "/v1/chat/completions", json=body, timeout=30).json()["choices"][0]["message"]
    assert message["triage"]["level"] == "emergency" and message["kind"] == "emergency"


def test_vllm_without_a_gpu_is_refused_in_one_line(fake_vllm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from medllm.models import ModelError
    from medllm.serve.vllm_engine import VLLMEngine

    monkeypatch.setattr("torch.cuda.is_available", lambda: False)
    with pytest.raises(ModelError, match="needs a CUDA GPU"):
        VLLMEngine(TINY)
