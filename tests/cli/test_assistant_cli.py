"""``medllm triage``, ``medllm ask`` and ``medllm chat`` end to end, with the tiny model and a toy knowledge base.

Errors are one line on stderr and an exit code, never a traceback; JSON goes to stdout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest import MonkeyPatch
from typer.testing import CliRunner

from medllm.cli.main import app
from tests.knowledge.conftest import ENTRIES, HashEncoder, write_jsonl

runner = CliRunner()


def run(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def toy_kb(tmp_path: Path, monkeypatch: MonkeyPatch) -> Path:
    from medllm.knowledge import build_kb

    encoder = HashEncoder()
    monkeypatch.setattr("medllm.knowledge.kb.default_encoder", lambda: encoder)
    folder = tmp_path / "kb"
    build_kb([write_jsonl(tmp_path / "entries.jsonl", ENTRIES)], folder, encoder=encoder)
    return folder


def test_triage_one_message() -> None:
    result = run("triage", "my dad collapsed and isn't breathing")
    assert result.exit_code == 0
    assert result.stdout.startswith("EMERGENCY") and "Call 911 now" in result.stdout
    data = json.loads(run("triage", "--json", "我头疼三天了").stdout)
    assert data == {"level": "routine", "reasons": [], "language": "zh"}
    assert "Call 999 now" in run("triage", "--locale", "en-GB", "I can't breathe").stdout


def test_triage_a_file_keeps_order_and_names_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"text": "I cant breathe"}\nnot json\n{"text": 5}\n\n{"id": 7, "text": "what causes gout?"}\n'
        b'\xff\xfe\n{"message": "hi"}\n{"text": "   "}\n{"text": "I think I broke my wrist"}\n'
    )
    result = run("triage", "--input", str(path), "--json")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 5, 6, 7, 8, 9]
    assert [r.get("level") for r in rows] == ["emergency", None, None, "routine", None, None, None, "urgent"]
    assert rows[3]["id"] == 7
    errors = {r["line"]: r["error"] for r in rows if "error" in r}
    assert errors[2].endswith("in.jsonl:2: not JSON (Expecting value)")
    assert "field 'text' is not text (int)" in errors[3]
    assert "not UTF-8" in errors[6] and "field 'text' is missing" in errors[7] and "is empty" in errors[8]
    other = run("triage", "--input", str(path), "--field", "message", "--json")
    assert json.loads(other.stdout.splitlines()[5])["level"] == "routine"


def test_triage_errors_are_one_line(tmp_path: Path) -> None:
    for args in (("triage", ""), ("triage",), ("triage", "--input", str(tmp_path / "missing.jsonl"))):
        result = run(*args)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_ask_json_follow_up_and_answer(toy_kb: Path, tiny_path: str) -> None:
    followup = json.loads(
        run("ask", "--model", "tiny-random-llama", "--kb", str(toy_kb), "--json", "I have a cough").stdout
    )
    assert followup["kind"] == "followup" and 1 <= len(followup["followup_questions"]) <= 3
    answer = run(
        "ask",
        "--model",
        "tiny-random-llama",
        "--kb",
        str(toy_kb),
        "--json",
        "--mode",
        "bm25",
        "--max-new-tokens",
        "8",
        "I'm 30 and I've had a mild headache and some nausea since yesterday",
    )
    data = json.loads(answer.stdout)
    assert data["kind"] == "answer" and data["triage"]["level"] == "routine"
    assert {"passages", "citations", "answer", "limits", "retrieval", "warnings", "text"} <= set(data)
    if data["retrieval"]["used"]:
        assert data["citations"] and all(c["id"].startswith("toy-kb:") for c in data["citations"])


def test_ask_prints_the_emergency_instruction_first(toy_kb: Path, tiny_path: str) -> None:
    result = run(
        "ask",
        "--model",
        "tiny-random-llama",
        "--kb",
        str(toy_kb),
        "--max-new-tokens",
        "4",
        "my wife is unconscious and not breathing",
    )
    assert result.exit_code == 0 and result.stdout.startswith("⚠ This may be a medical emergency. Call 911 now")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("ask", "--model", "tiny-random-llama", "   "), None, "empty message"),
        (("ask", "--model", "tiny-random-llama", "-"), b"\x00\x01\x02\x03\x04\x05", "no readable text"),
        (("ask", "--model", "tiny-random-llama", "--kb", "/nonexistent/kb", "hi"), None, "/nonexistent/kb"),
        (("ask", "--model", "no-such-model", "I have a cough"), None, "unknown model"),
        (("ask", "--model", "tiny-random-llama", "--locale", "fr-FR", "hi"), None, "unsupported locale"),
        (("ask", "--model", "tiny-random-llama", "--mode", "magic", "hi"), None, "--mode"),
    ],
)
def test_ask_bad_input_is_one_line(args: tuple[str, ...], stdin: bytes | None, message: str) -> None:
    result = run(*args, stdin=stdin)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_ask_a_damaged_kb_is_one_line(toy_kb: Path) -> None:
    victim = next(toy_kb.glob("*/chunks.jsonl"))
    victim.write_text(victim.read_text()[:-20])
    result = run("ask", "--model", "tiny-random-llama", "--kb", str(toy_kb), "hi")
    assert result.exit_code == 2 and "Traceback" not in result.output and str(toy_kb) in result.output


def test_ask_reads_a_megabyte_from_stdin(tiny_path: str) -> None:
    text = "I'm 30 and I have had a mild rash since yesterday. " * 21000 + "Now my throat is closing up."
    result = run("ask", "--model", "tiny-random-llama", "--json", "--max-new-tokens", "4", "-", stdin=text)
    data = json.loads(result.stdout)
    assert data["kind"] == "emergency" and any("cut to its first" in w for w in data["warnings"])


def test_chat_through_a_pipe(toy_kb: Path, tiny_path: str) -> None:
    script = (
        "\n".join(
            [
                "I have a cough",
                "/sources",
                "I'm 30, it started yesterday, it's mild",
                "/sources",
                "/nonsense",
                "/reset",
                "my dad collapsed and isn't breathing",
                "/quit",
                "never read",
            ]
        )
        + "\n"
    )
    result = run(
        "chat",
        "--model",
        "tiny-random-llama",
        "--kb",
        str(toy_kb),
        "--mode",
        "bm25",
        "--max-new-tokens",
        "6",
        stdin=script,
    )
    assert result.exit_code == 0
    out = result.stdout
    assert "To give you useful advice" in out
    assert "(no sources in the last answer)" in out
    assert "unknown command /nonsense" in out and "(conversation cleared)" in out
    assert "Call 911 now" in out and "never read" not in out
