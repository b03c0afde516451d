"""``--engine vllm``: a one-line error without vLLM or a GPU, and the batching backend against a stand-in ``vllm``.

vLLM does not install on these CPU machines, so the backend is driven through a stand-in module that
has vLLM's offline API (``LLM.chat(list_of_conversations, sampling_params=[...], use_tqdm=...)``
returning ``RequestOutput``-shaped objects). What this checks is medllm's side: requests batched into
one call, each with its own sampling settings, replies and token counts mapped, a failing batch split
so only the bad request fails, and the cache in front of it all.
"""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from medllm.cli.main import app
from medllm.synth import run_synth, vllm_backend
from tests.synth._helpers import fast_config, scripted_reply, write_mcq_file


@dataclass
class FakeSamplingParams:
    temperature: float = 1.0
    top_p: float = 1.0
    max_tokens: int = 16
    seed: int | None = None
    stop: list[str] | None = None


class FakeLLM:
    """vLLM's ``LLM`` as far as medllm uses it; every instance and call is recorded on the class."""

    instances: ClassVar[list[FakeLLM]] = []

    def __init__(self, model: str, **engine_args: Any) -> None:
        self.model = model
        self.engine_args = engine_args
        self.calls: list[list[tuple[list[dict[str, str]], FakeSamplingParams]]] = []
        FakeLLM.instances.append(self)

    def chat(self, messages: list[list[dict[str, str]]], sampling_params: list[FakeSamplingParams], use_tqdm: bool):
        assert isinstance(sampling_params, list) and len(sampling_params) == len(messages) and use_tqdm is False
        self.calls.append(list(zip(messages, sampling_params, strict=True)))
        if any("TOO LONG" in m[-1]["content"] for m in messages):
            raise ValueError("The decoder prompt is longer than the maximum model length")
        outputs = []
        for conversation, params in zip(messages, sampling_params, strict=True):
            text = scripted_reply({"messages": conversation, "seed": params.seed})
            completion = types.SimpleNamespace(
                text=text, finish_reason="stop", token_ids=list(range(len(text.split())))
            )
            outputs.append(types.SimpleNamespace(outputs=[completion], prompt_token_ids=[1, 2, 3]))
        return outputs


@pytest.fixture()
def fake_vllm(monkeypatch: pytest.MonkeyPatch) -> type[FakeLLM]:
    module = types.ModuleType("vllm")
    module.LLM = FakeLLM  # type: ignore[attr-defined]
    module.SamplingParams = FakeSamplingParams  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vllm", module)
    FakeLLM.instances = []
    return FakeLLM


def _cli(tmp_path: Path, *extra: str):
    source = write_mcq_file(tmp_path / "mcq.jsonl", 2)
    args = ["synth", "mcq-to-qa", "-i", str(source), "--teacher", str(tmp_path), "-o", str(tmp_path / "o")]
    return CliRunner().invoke(app, [*args, "--engine", "vllm", "--no-progress", *extra])


def test_without_vllm_it_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vllm", None)  # what an environment without vLLM sees: ImportError
    result = _cli(tmp_path)
    assert result.exit_code == 2
    assert "--engine vllm needs vLLM, which is not installed here" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_without_a_gpu_it_is_a_one_line_error(tmp_path: Path, fake_vllm: type[FakeLLM], monkeypatch) -> None:
    monkeypatch.setattr(vllm_backend, "cuda_available", lambda: False)
    result = _cli(tmp_path)
    assert result.exit_code == 2 and "needs a CUDA GPU and none is visible" in result.stderr
    assert fake_vllm.instances == []  # nothing was loaded


def test_engine_args_only_with_vllm(tmp_path: Path) -> None:
    source = write_mcq_file(tmp_path / "mcq.jsonl", 2)
    args = ["synth", "mcq-to-qa", "-i", str(source), "--teacher", "http://127.0.0.1:9/v1", "-o", str(tmp_path / "o")]
    result = CliRunner().invoke(app, [*args, "--engine-arg", "max_model_len=2048", "--teacher-model", "m"])
    assert result.exit_code == 2 and "applies to --engine vllm only" in result.stderr


def test_requests_are_batched_per_call_with_their_own_sampling(
    tmp_path: Path, fake_vllm: type[FakeLLM], monkeypatch
) -> None:
    monkeypatch.setattr(vllm_backend, "cuda_available", lambda: True)
    source = write_mcq_file(tmp_path / "mcq.jsonl", 12)
    config = fast_config(
        generator="mcq-to-qa",
        input=str(source),
        teacher=str(tmp_path),
        teacher_model="my-teacher",
        out=str(tmp_path / "run"),
        concurrency=64,
        engine="vllm",
        engine_args={"max_model_len": 2048, "hf_token": "hf_secret"},
    )
    result = run_synth(config)
    (llm,) = fake_vllm.instances
    assert llm.model == str(tmp_path) and llm.engine_args == {"max_model_len": 2048, "hf_token": "hf_secret"}
    assert "hf_secret" not in (tmp_path / "run" / "ledger.json").read_text()  # secrets never reach the ledger
    assert [len(call) for call in llm.calls] == [12]  # one LLM.chat call for the whole run
    seeds = {params.seed for _, params in llm.calls[0]}
    assert len(seeds) == 12 and {params.max_tokens for _, params in llm.calls[0]} == {1024}
    assert result.kept == 12
    run = result.ledger["runs"][-1]
    assert run["requests"] == 12 and run["finish_reasons"] == {"stop": 12} and run["tokens_in"] == 36
    record = json.loads((tmp_path / "run" / "records.jsonl").read_text().splitlines()[0])
    assert record["metadata"]["synth"]["teacher"] == "my-teacher"
    # The rerun loads the engine again (a new process would) but sends nothing to it.
    again = run_synth(config)
    assert fake_vllm.instances[-1].calls == [] and again.ledger["runs"][-1]["cache_hits"] == 12


def test_a_failing_batch_is_split_so_only_the_bad_request_fails(
    tmp_path: Path, fake_vllm: type[FakeLLM], monkeypatch
) -> None:
    monkeypatch.setattr(vllm_backend, "cuda_available", lambda: True)
    rows = [
        {"messages": [{"role": "user", "content": text}]}
        for text in ("I have a cough.", "TOO LONG " * 3, "My knee hurts.")
    ]
    source = tmp_path / "prompts.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = run_synth(
        fast_config(
            generator="preferences",
            input=str(source),
            teacher=str(tmp_path),
            out=str(tmp_path / "run"),
            concurrency=64,
            engine="vllm",
            params={"samples": "2"},
        )
    )
    assert result.teacher_failed == 1 and result.kept + result.dropped.get("low_margin", 0) == 2
    rejects = [json.loads(line) for line in (tmp_path / "run" / "rejects.jsonl").read_text().splitlines()]
    (failed,) = [r for r in rejects if r["reason"] == "teacher_failed"]
    assert "bad_request" in failed["detail"] and "maximum model length" in failed["detail"]
    (llm,) = fake_vllm.instances
    # The first call held all six samples; it failed, so they were run one by one; then the judge batch.
    assert [len(call) for call in llm.calls][:7] == [6, 1, 1, 1, 1, 1, 1]
