"""``medllm kb build|add|stats|search`` through typer's CliRunner (the hash encoder stands in for the MiniLM)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from click.testing import Result
from pytest import MonkeyPatch
from typer.testing import CliRunner

from medllm.cli import kb as kb_cli
from tests.knowledge.conftest import ENTRIES, HashEncoder, write_jsonl


def _app() -> typer.Typer:
    try:
        from medllm.cli.main import app
    except ImportError:
        # main.py imports sibling command modules that may not exist yet; test this one alone.
        app = typer.Typer()
        app.add_typer(kb_cli.app, name="kb")

        @app.callback()
        def _root() -> None:
            pass

    return app


APP = _app()
runner = CliRunner()


def _run(*args: str) -> Result:
    return runner.invoke(APP, ["kb", *args], catch_exceptions=False)


@pytest.fixture(autouse=True)
def hash_encoder(monkeypatch: MonkeyPatch) -> HashEncoder:
    enc = HashEncoder()
    monkeypatch.setattr("medllm.knowledge.build.default_encoder", lambda: enc)
    monkeypatch.setattr("medllm.knowledge.kb.default_encoder", lambda: enc)
    return enc


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    entries = write_jsonl(tmp_path / "entries.jsonl", ENTRIES)
    result = _run("build", str(entries), "--out", str(tmp_path / "kb"), "--json")
    assert result.exit_code == 0, result.output
    return tmp_path / "kb"


def _error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_build_json_and_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Rash and itching."}\n{nope\n')
    result = _run("build", str(bad), "--out", str(tmp_path / "kb"), "--chunk-tokens", "64", "--overlap", "8", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (
        data["documents"] == 1
        and data["bad_rows"] == 1
        and data["issues"] == [f"{bad}:2: bad_json: Expecting property name enclosed in double quotes at column 2"]
    )
    assert "cut 1 chunks" in result.stderr  # progress goes to stderr
    again = _run("build", str(bad), "--out", str(tmp_path / "kb2"))
    assert (
        again.exit_code == 0
        and "indexed 1 documents (1 chunks)" in again.stdout
        and "1 bad rows skipped (bad_json: 1)" in again.stdout
    )


def test_search_json_shape(kb_dir: Path) -> None:
    result = _run("search", str(kb_dir), "wheezing, cough and headache", "-k", "2", "--mode", "bm25", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (
        data["query"] == "wheezing, cough and headache"
        and data["mode"] == "bm25"
        and isinstance(data["relevant"], bool)
    )
    assert len(data["results"]) == 2
    first = data["results"][0]
    assert {"id", "name", "score", "text", "source"} <= set(first)
    assert (
        first["id"] == "toy-kb:2#0"
        and first["name"] == "Asthma"
        and first["source"] == "toy-kb"
        and first["doc_id"] == "toy-kb:2"
    )
    assert first["score"] >= data["results"][1]["score"]


def test_search_text_output(kb_dir: Path) -> None:
    result = _run("search", str(kb_dir), "stomach pain", "--mode", "hybrid")
    assert result.exit_code == 0 and "Gastritis" in result.stdout and "toy-kb:3#0" in result.stdout


def test_search_many_in_order_with_bad_lines(kb_dir: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_bytes(
        b'{"query": "stomach pain vomiting"}\n'
        b"{broken\n"
        b'{"query": "wheezing"}\n'
        b"\n"
        b'{"text": "no query field"}\n'
        b'{"query": "\xff\xfe"}\n'
        b'{"query": "sumatriptan headache"}\n'
    )
    result = _run("search", str(kb_dir), "--queries", str(queries), "-k", "1", "--mode", "bm25", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 5, 6, 7]
    assert [r["results"][0]["name"] if "results" in r else None for r in rows] == [
        "Gastritis",
        None,
        "Asthma",
        None,
        None,
        "Migraine",
    ]
    assert rows[1]["error"].startswith(f"{queries}:2: bad JSON")
    assert "'query'" in rows[3]["error"] and "invalid UTF-8" in rows[4]["error"]
    assert "3 of 6 lines could not be read" in result.stderr


def test_search_many_plain_lines(kb_dir: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("wheezing\n\nstomach pain\n{not json but plain}\n")
    result = _run("search", str(kb_dir), "--queries", str(queries), "-k", "1", "--mode", "bm25", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["wheezing", "stomach pain", "{not json but plain}"]
    assert rows[0]["results"][0]["name"] == "Asthma"


def test_stats(kb_dir: Path) -> None:
    data = json.loads(_run("stats", str(kb_dir), "--json").stdout)
    assert data["documents"] == 3 and data["chunks"] == 8 and data["format_version"] == 1
    table = _run("stats", str(kb_dir))
    assert table.exit_code == 0 and "documents" in table.stdout and "test/hash-encoder" in table.stdout


def test_add_then_search(kb_dir: Path, tmp_path: Path) -> None:
    more = write_jsonl(
        tmp_path / "more.jsonl", [{"id": "z", "title": "Sunburn", "text": "Sunburn is red painful skin."}]
    )
    result = _run("add", str(kb_dir), str(more), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 4
    found = json.loads(_run("search", str(kb_dir), "red painful skin", "--mode", "bm25", "--json").stdout)
    assert found["results"][0]["id"] == "more.jsonl:z#0"
    assert "already in the knowledge base" in _error_line(_run("add", str(kb_dir), str(more)))


def test_one_line_errors(kb_dir: Path, tmp_path: Path) -> None:
    assert "no such knowledge base folder" in _error_line(_run("search", str(tmp_path / "missing"), "cough"))
    assert "no such knowledge base folder" in _error_line(_run("stats", str(tmp_path / "missing")))
    assert "unknown --mode 'sparse'" in _error_line(_run("search", str(kb_dir), "cough", "--mode", "sparse"))
    assert "either a QUERY or --queries" in _error_line(_run("search", str(kb_dir)))
    assert "no such file, folder or dataset" in _error_line(
        _run("build", "nonexistent-thing", "--out", str(tmp_path / "x"))
    )
    assert "already holds a knowledge base" in _error_line(_run("build", "nonexistent-thing", "--out", str(kb_dir)))
    assert "overlap must be between" in _error_line(
        _run("build", str(kb_dir), "--out", str(tmp_path / "y"), "--overlap", "99")
    )
    assert f"{tmp_path / 'nofile'}: No such file" in _error_line(
        _run("search", str(kb_dir), "--queries", str(tmp_path / "nofile"))
    )
    manifest = json.loads((kb_dir / "manifest.json").read_text())
    chunks = kb_dir / manifest["generation"] / "chunks.jsonl"
    chunks.write_bytes(chunks.read_bytes()[:-5])
    assert "chunks.jsonl is truncated" in _error_line(_run("search", str(kb_dir), "cough"))
