"""A generator end to end against ``medllm serve`` (tiny-random-llama) on loopback: a real server, a real model.

tiny-random-llama writes noise that never ends before ``max_tokens``, so what is checked is the path:
the server's finish reason ``length`` reaches the ledger, every truncated sample is reported with its
cause, nothing crashes, and a rerun is answered from the cache without a single request.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from medllm.serve import ServerState, ServerThread, ServeSettings, create_app, engine_for
from medllm.synth import run_synth
from tests.synth._helpers import fast_config


def test_preferences_against_medllm_serve(tmp_path: Path, tiny_path: str) -> None:
    from medllm.models import load_model

    source = tmp_path / "prompts.jsonl"
    questions = ["I have a sore throat.", "My child has a fever of 38.5 C.", "I feel dizzy when I stand up."]
    source.write_text("\n".join(json.dumps({"messages": [{"role": "user", "content": q}]}) for q in questions) + "\n")
    state = ServerState(engine_for(load_model(tiny_path, device="cpu")), ServeSettings(max_concurrency=2))
    with ServerThread(create_app(state)) as server:
        models = httpx.get(server.base_url + "/models").json()["data"]
        config = fast_config(
            generator="preferences",
            input=str(source),
            teacher=server.base_url,
            teacher_model=models[0]["id"],
            out=str(tmp_path / "run"),
            max_tokens=8,
            concurrency=4,
            params={"samples": "2"},
        )
        first = run_synth(config)
        second = run_synth(config)
    run = first.ledger["runs"][-1]
    assert run["requests"] == 6 and run["failed_requests"] == 0 and run["retries"] == {}
    assert run["finish_reasons"] == {"length": 6} and run["tokens_out"] == 48 and run["tokens_in"] > 0
    assert first.kept == 0 and first.dropped == {"too_few_answers": 3, "truncated_sample": 6}
    rejects = [json.loads(line) for line in (tmp_path / "run" / "rejects.jsonl").read_text().splitlines()]
    assert sorted(r["sample"] for r in rejects if r["reason"] == "truncated_sample") == [0, 0, 0, 1, 1, 1]
    again = second.ledger["runs"][-1]
    assert again["requests"] == 0 and again["cache_hits"] == 6 and second.dropped == first.dropped
