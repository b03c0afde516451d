"""A generator as a source of a ``medllm data build`` recipe: teacher config, bad rows, resume, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from medllm.curate.build import run_build
from medllm.curate.recipe import load_recipe
from medllm.io.issues import DataError
from medllm.testing import FakeOpenAIServer
from tests.synth._helpers import scripted_reply, write_mcq_file

CHAT = "/chat/completions"


def _recipe(tmp_path: Path, base_url: str, **synth_overrides) -> Path:
    write_mcq_file(tmp_path / "mcq.jsonl", 6, bad_lines=(3,))
    (tmp_path / "chats.jsonl").write_text(
        "\n".join(
            json.dumps(
                {
                    "id": f"c{i}",
                    "messages": [{"role": "user", "content": f"q {i}"}, {"role": "assistant", "content": f"a {i}"}],
                }
            )
            for i in range(4)
        )
        + "\n"
    )
    synth = {
        "generator": "mcq-to-qa",
        "input": "mcq.jsonl",  # relative to the recipe file, like every local path in a recipe
        "teacher": {"url": base_url, "model": "fake-model", "api_key_env": "MY_TEACHER_KEY"},
        "out": "synth-run",
        "concurrency": 4,
        **synth_overrides,
    }
    data = {
        "name": "with-synth",
        "num_proc": 1,
        "sources": [
            {"path": "chats.jsonl", "license": "MIT", "weight": 4},
            {"name": "qa", "synth": synth, "license": "MIT", "weight": 6},  # weights as the sizes: all kept
        ],
        "split": {"validation": 0.0},
        "output": {"rows": "medllm"},
        "card": {"tokenizer": None},
    }
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_synthesis_source_is_generated_read_and_carded(tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        recipe = load_recipe(_recipe(tmp_path, server.base_url))
        result = run_build(recipe, tmp_path / "out")
        sent = len(server.requests_to(CHAT))
        # A forced rebuild reruns the generator, which answers every request from its reply cache.
        forced = run_build(load_recipe(_recipe(tmp_path, server.base_url)), tmp_path / "out", resume=False)
        assert len(server.requests_to(CHAT)) == sent == 6
    assert not forced.stages[0].cached and forced.stages[0].by_source["qa"].kept == 6
    rows = _lines(tmp_path / "out" / "train.jsonl")
    generated = [r for r in rows if r["source"] == "synth/mcq-to-qa"]
    assert len(generated) == 6 and len(rows) == 10
    assert all(r["license"] == "MIT" and r["metadata"]["synth"]["generator"] == "mcq-to-qa" for r in generated)
    (row,) = [s for s in result.card["sources"] if s["name"] == "qa"]
    assert row["origin"].startswith("synth:mcq-to-qa(") and "teacher fake-model" in row["origin"]
    assert row["bad_rows"] == 1  # the broken input row, reported with its line in the read stage's rejects
    (reject,) = _lines(result.stages[0].folder / "rejects.jsonl")
    assert reject["source"] == "qa" and reject["row"]["line"] == 3 and reject["row"]["path"].endswith("mcq.jsonl")
    run_folder = tmp_path / "synth-run"
    assert (run_folder / "ledger.json").exists() and (run_folder / "cache.sqlite").exists()


def test_teacher_failures_fail_the_read_stage_and_a_rebuild_retries_only_them(tmp_path: Path) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        path = _recipe(tmp_path, server.base_url, max_retries=0)
        server.fail_next(2, status=500, path=CHAT)
        with pytest.raises(DataError, match=r"2 item\(s\) ran out of teacher retries"):
            run_build(load_recipe(path), tmp_path / "out")
        assert not (tmp_path / "out" / "stages" / "00-read" / "DONE").exists()
        before = len(server.requests_to(CHAT))
        result = run_build(load_recipe(path), tmp_path / "out")
        assert len(server.requests_to(CHAT)) - before == 2
    assert result.stages[0].by_source["qa"].kept == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"generator": "preferences"}, "data build takes conversations"),
        ({"generator": "rewrite", "params": {"colour": "blue"}}, "unknown --param 'colour'"),
        ({"teacher": {"url": "https://api.example.com/v1", "api_key": "sk-123"}}, "never write an API key"),
        ({"generator": "nope"}, "unknown generator 'nope'"),
    ],
)
def test_bad_synthesis_sources_fail_validation(tmp_path: Path, change: dict, message: str) -> None:
    path = _recipe(tmp_path, "http://127.0.0.1:9/v1", **change)
    with pytest.raises(DataError, match=message):
        load_recipe(path)


def test_a_synthesis_source_states_its_licence(tmp_path: Path) -> None:
    path = _recipe(tmp_path, "http://127.0.0.1:9/v1")
    data = yaml.safe_load(path.read_text())
    del data["sources"][1]["license"]
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(DataError, match="teacher's terms of use"):
        load_recipe(path)
