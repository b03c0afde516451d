"""The teacher client against a misbehaving server: every item is produced exactly once, nothing is paid twice."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from medllm.synth import run_synth
from medllm.synth.types import SynthError
from medllm.testing import FakeOpenAIServer
from tests.synth._helpers import fast_config, request_key, scripted_reply

CHAT = "/chat/completions"


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]


def _assert_each_once(server: FakeOpenAIServer, out: Path, n: int) -> None:
    ids = [r["id"] for r in _records(out)]
    assert len(ids) == n and len(set(ids)) == n
    # Every distinct request got exactly one complete answer: nothing was paid for twice.
    answered = Counter(request_key(r.body) for r in server.answered(CHAT))
    assert len(answered) == n and set(answered.values()) == {1}


def _run(server: FakeOpenAIServer, mcq_file: Path, out: Path, **overrides):
    settings = {"concurrency": 4, **overrides}
    config = fast_config(generator="mcq-to-qa", input=str(mcq_file), teacher=server.base_url, out=str(out), **settings)
    return run_synth(config)


def test_429_with_retry_after_is_honoured(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        server.rate_limit_next(3, retry_after=0.3, path=CHAT)
        result = _run(server, mcq_file, tmp_path / "run")
        chats = server.requests_to(CHAT)
        _assert_each_once(server, tmp_path / "run", 12)
    assert result.ledger["runs"][-1]["retries"] == {"rate_limit": 3}
    assert len(chats) == 15
    # Retry-After pauses the whole run: the first successful answer came at least 0.3 s after the first 429.
    assert chats[-1].received_at - chats[0].received_at >= 0.3


def test_500s_are_retried(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        server.fail_next(5, status=500, path=CHAT)
        server.fail_next(1, status=503, path=CHAT)
        result = _run(server, mcq_file, tmp_path / "run")
        _assert_each_once(server, tmp_path / "run", 12)
    assert result.ledger["runs"][-1]["retries"] == {"server_error": 6}
    assert result.kept == 12 and result.teacher_failed == 0


def test_stall_past_timeout_is_retried(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        server.delay_next(2, seconds=2.0, path=CHAT)
        result = _run(server, mcq_file, tmp_path / "run", timeout=0.5)
        # The stalled handlers finish writing to closed sockets later; only the client's view matters here.
        ids = [r["id"] for r in _records(tmp_path / "run")]
    assert len(ids) == 12 == len(set(ids))
    assert result.ledger["runs"][-1]["retries"] == {"timeout": 2}


def test_connection_closed_mid_response_is_retried(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        server.drop_next(3, path=CHAT)
        result = _run(server, mcq_file, tmp_path / "run")
        _assert_each_once(server, tmp_path / "run", 12)
        assert [r.status for r in server.responses].count(0) == 3
    assert result.ledger["runs"][-1]["retries"] == {"connection": 3}


def test_out_of_retries_is_reported_and_retried_on_rerun(mcq_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    with FakeOpenAIServer(reply=scripted_reply) as server:
        server.fail_next(1, status=500, path=CHAT)  # the first item's only attempt (no retries allowed)
        result = _run(server, mcq_file, out, max_retries=0, concurrency=1)
        assert result.teacher_failed == 1 and result.kept == 11
        reject = json.loads((out / "rejects.jsonl").read_text().splitlines()[0])
        assert reject["reason"] == "teacher_failed" and "server_error after 1 attempt(s)" in reject["detail"]
        before = len(server.requests_to(CHAT))
        rerun = _run(server, mcq_file, out, max_retries=0, concurrency=1)
        assert len(server.requests_to(CHAT)) == before + 1  # only the failed item is asked again
    assert rerun.kept == 12 and rerun.teacher_failed == 0
    ledger = json.loads((out / "ledger.json").read_text())
    assert len(ledger["runs"]) == 2 and ledger["runs"][1]["cache_hits"] == 11
    assert ledger["totals"]["requests"] == ledger["runs"][0]["requests"] + ledger["runs"][1]["requests"]


def test_rerun_makes_no_calls_and_one_changed_setting_reasks_only_what_it_changes(
    mcq_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run"
    with FakeOpenAIServer(reply=scripted_reply) as server:
        _run(server, mcq_file, out, teacher_model="fake-model")
        first = (out / "records.jsonl").read_text()
        assert len(server.requests_to(CHAT)) == 12
        again = _run(server, mcq_file, out, teacher_model="fake-model")
        assert len(server.requests) == 12  # no request at all, not even /models
        assert (out / "records.jsonl").read_text() == first
        assert again.ledger["runs"][-1]["cache_hits"] == 12
        _run(server, mcq_file, out, teacher_model="fake-model", limit=6, max_tokens=100)
        assert len(server.requests_to(CHAT)) == 18  # a new max_tokens: those 6 items are asked again
        _run(server, mcq_file, out, teacher_model="fake-model", max_tokens=100)
        assert len(server.requests_to(CHAT)) == 24  # the other 6; the first 6 come from the cache


def test_length_finish_reason_is_recorded_and_dropped(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        result = _run(server, mcq_file, tmp_path / "run", max_tokens=3)
    assert result.kept == 0 and result.dropped == {"truncated": 12}
    assert result.ledger["runs"][-1]["finish_reasons"] == {"length": 12}


def test_cost_and_tokens_in_ledger(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        result = _run(server, mcq_file, tmp_path / "run", price_in=2.0, price_out=8.0)
    run = result.ledger["runs"][-1]
    assert run["tokens_in"] > 0 and run["tokens_out"] > 0
    assert run["cost_usd"] == pytest.approx((run["tokens_in"] * 2.0 + run["tokens_out"] * 8.0) / 1e6)
    assert run["complete"] and run["wall_seconds"] > 0


def test_bad_key_stops_the_run(mcq_file: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply, api_key="right") as server:
        with pytest.raises(SynthError, match="refused"):
            _run(server, mcq_file, tmp_path / "run", teacher_model="fake-model")
        assert len(server.requests_to(CHAT)) <= 4  # the requests already in flight, no retries


def test_concurrency_is_bounded(mcq_file: Path, tmp_path: Path) -> None:
    import time

    def slow(body: dict) -> str:
        time.sleep(0.05)
        return scripted_reply(body)

    with FakeOpenAIServer(reply=slow) as server:
        _run(server, mcq_file, tmp_path / "run", concurrency=3)
        assert server.max_in_flight == 3
