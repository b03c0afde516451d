"""``medllm serve``: refusals are one line and come before any model is loaded."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medllm.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "--host 0.0.0.0 is reachable from other machines: give --api-keys"),
        (["--engine", "vllm"], "--engine vllm needs vLLM, which is not installed"),
        (["--engine", "tgi"], "unknown engine 'tgi'"),
        (["--over-limit", "maybe"], "over_limit must be clamp or reject"),
        (["--api-keys", "/no/such/keys.json"], "/no/such/keys.json: no such keys file"),
    ],
)
def test_refusals_are_one_line(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("medllm.cli.assistant._load_assistant", lambda *a: pytest.fail("loaded a model"))
    result = runner.invoke(app, ["serve", "--model", "tiny-random-llama", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split()) and "Traceback" not in result.output


def test_vllm_without_a_gpu_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """vLLM installed (a stand-in module here) but no CUDA GPU: one line, before any model loads."""
    monkeypatch.setitem(sys.modules, "vllm", types.ModuleType("vllm"))
    monkeypatch.setattr("torch.cuda.is_available", lambda: False)
    monkeypatch.setattr("medllm.cli.assistant._load_assistant", lambda *a: pytest.fail("loaded a model"))
    result = runner.invoke(app, ["serve", "--model", "tiny-random-llama", "--engine", "vllm"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--engine vllm needs a CUDA GPU, and none is visible here" in " ".join(result.output.split())


def test_a_bad_store_url_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("medllm.cli.assistant._load_assistant", lambda *a: pytest.fail("loaded a model"))
    result = runner.invoke(app, ["serve", "--model", "tiny-random-llama", "--store", "nosuchdb://x"])
    assert result.exit_code == 2 and "--store nosuchdb://x" in result.output


def test_serve_builds_the_app_and_runs_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = {}
    monkeypatch.setattr("medllm.serve.run_server", lambda app, host, port: seen.update(app=app, host=host, port=port))
    db = tmp_path / "sub" / "chats.db"
    result = runner.invoke(
        app,
        ["serve", "--model", "tiny-random-llama", "--port", "8123", "--store", f"sqlite:///{db}", "--max-queue", "4"],
    )
    assert result.exit_code == 0, result.output
    state = seen["app"].state.medllm
    assert seen["port"] == 8123 and state.engine.name == "tiny-random-llama" and db.exists()
    assert state.admission.max_queue == 4 and state.store is not None
