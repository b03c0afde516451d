"""``medllm synth`` as a user runs it: bad input rows, the API key, and a SIGKILL halfway through."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from medllm.cli.main import app
from medllm.synth.cache import count_replies
from medllm.testing import FakeOpenAIServer
from tests.synth._helpers import request_key, scripted_reply, write_mcq_file

CHAT = "/chat/completions"


def test_bad_input_rows_are_reported_with_lines_and_skipped(tmp_path: Path) -> None:
    source = write_mcq_file(tmp_path / "mcq.jsonl", 6, bad_lines=(2, 5))
    out = tmp_path / "run"
    with FakeOpenAIServer(reply=scripted_reply) as server:
        result = CliRunner().invoke(
            app,
            ["synth", "mcq-to-qa", "--input", str(source), "--teacher", server.base_url, "--out", str(out), "--json"],
        )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["kept"] == 6 and summary["input_issues"] == 2
    issues = [json.loads(line) for line in (out / "input_issues.jsonl").read_text().splitlines()]
    assert [i["line"] for i in issues] == [2, 5]
    assert {i["reason"] for i in issues} == {"missing_field", "bad_json"}
    assert f"{source}:2: bad_json" in result.stderr and f"{source}:5: missing_field" in result.stderr


def test_api_key_comes_from_the_named_variable(tmp_path: Path, monkeypatch) -> None:
    source = write_mcq_file(tmp_path / "mcq.jsonl", 2)
    monkeypatch.setenv("MY_TEACHER_KEY", "sekret")
    with FakeOpenAIServer(reply=scripted_reply, api_key="sekret") as server:
        args = ["synth", "mcq-to-qa", "-i", str(source), "--teacher", server.base_url, "-o", str(tmp_path / "o")]
        refused = CliRunner().invoke(app, [*args, "--teacher-model", "fake-model", "--no-progress"])
        assert refused.exit_code == 2 and "refused" in refused.stderr
        ok = CliRunner().invoke(app, [*args, "--api-key-env", "MY_TEACHER_KEY", "--no-progress"])
        assert ok.exit_code == 0, ok.output
        assert server.requests_to(CHAT)[-1].headers["authorization"] == "Bearer sekret"
    assert "sekret" not in (tmp_path / "o" / "ledger.json").read_text()


def test_unknown_generator_and_input_are_one_line_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["synth", "nope", "-i", "x", "--teacher", "http://127.0.0.1:9/v1", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2 and "unknown generator 'nope'" in result.stderr
    result = CliRunner().invoke(
        app, ["synth", "rewrite", "-i", "no-such-dataset", "--teacher", "http://127.0.0.1:9/v1", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2 and "no-such-dataset" in result.stderr


def test_sigkill_halfway_then_rerun_sends_no_succeeded_request_again(tmp_path: Path) -> None:
    n, answer_before_kill = 40, 15
    source = write_mcq_file(tmp_path / "mcq.jsonl", n)
    out = tmp_path / "run"
    release = threading.Event()
    seen = {"count": 0}
    lock = threading.Lock()

    def reply(body: dict) -> str:
        with lock:
            seen["count"] += 1
            mine = seen["count"]
        if mine > answer_before_kill:
            release.wait(30)  # stall: these requests are in flight when the run is killed
        return scripted_reply(body)

    command = [sys.executable, "-m", "medllm.cli.main", "synth", "mcq-to-qa", "-i", str(source), "-o", str(out)]
    with FakeOpenAIServer(reply=reply) as server:
        command += [
            "--teacher",
            server.base_url,
            "--teacher-model",
            "fake-model",
            "--concurrency",
            "4",
            "--no-progress",
        ]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
        deadline = time.monotonic() + 60
        while count_replies(out / "cache.sqlite") < answer_before_kill:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        succeeded = {request_key(r.body) for r in server.answered(CHAT)}
        assert len(succeeded) == answer_before_kill
        sent_before = len(server.requests_to(CHAT))
        assert sent_before > answer_before_kill  # some were in flight when it died
        release.set()
        seen["count"] = -10_000  # the rerun is answered at once
        rerun = subprocess.run(command, capture_output=True, text=True, timeout=120, env=os.environ.copy())
        assert rerun.returncode == 0, rerun.stderr
        resent = [request_key(r.body) for r in server.requests_to(CHAT)[sent_before:]]
    assert not succeeded & set(resent)
    assert len(resent) == n - answer_before_kill
    records = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    assert len({r["id"] for r in records}) == len(records) == n
    ledger = json.loads((out / "ledger.json").read_text())
    assert ledger["runs"][-1]["cache_hits"] == answer_before_kill and ledger["runs"][-1]["complete"]
