"""Acceptance: the shipped ChatDoctor-style recipe builds end to end on the mirrored data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medllm.curate.build import run_build
from medllm.curate.recipe import load_recipe

RECIPE = Path(__file__).resolve().parents[2] / "recipes" / "data" / "chatdoctor_sft.yaml"


@pytest.fixture(scope="module")
def built(mirror, tmp_path_factory):
    out = tmp_path_factory.mktemp("chatdoctor_sft")
    recipe = load_recipe(RECIPE)
    return run_build(recipe, out), out


def test_rows_are_conserved_and_every_drop_has_a_reason(built):
    result, _ = built
    card = result.card
    conservation = card["conservation"]
    assert conservation["holds"], conservation["problems"]
    assert conservation["rows_in"] == 5452 + 163 + 1000
    assert conservation["rows_in"] == conservation["rows_out"] + conservation["dropped"]
    for stage in result.stages[1:-1]:
        rejects = (stage.folder / "rejects.jsonl").read_text().splitlines()
        assert len(rejects) == sum(stage.stats.dropped.values())
        assert all(json.loads(line)["reason"] for line in rejects)


def test_outputs_and_card(built):
    result, out = built
    card = result.card
    train = [json.loads(line) for line in (out / "train.jsonl").read_text().splitlines()]
    validation = (out / "validation.jsonl").read_text().splitlines()
    assert len(train) + len(validation) == card["conservation"]["rows_out"]
    assert all(row["messages"][-1]["role"] == "assistant" for row in train)
    assert {s["name"] for s in card["sources"]} == {"chatdoctor-5k", "disc-sft-sample", "medicalgpt-sft"}
    assert all(s["license"] for s in card["sources"])
    assert {lang for counts in card["languages"].values() for lang in counts} == {"en", "zh"}
    assert card["token_lengths"]["unit"].startswith("tokens")
    deid = card["deidentification"]
    assert set(deid["by_language"]) == {"en", "zh"}  # English and Chinese records each read by their recognizers
    assert deid["by_language"]["zh"]["records"] > 900 and deid["evaluation"]["splits"]
    assert deid["audit_sample"] and deid["unsupported_language_records"] == {}
    assert "decontamination" in card and card["duplicates"]
    markdown = (out / "data_card.md").read_text()
    for section in ("## Sources", "## Steps", "## De-identification", "## Decontamination", "## Licenses"):
        assert section in markdown
    for plot in card["plots"].values():
        assert (out / plot).stat().st_size > 1000


def test_rerun_is_served_from_finished_stages(built):
    result, out = built
    card = (out / "data_card.md").read_bytes()
    again = run_build(result.recipe, out)
    assert all(stage.cached for stage in again.stages)
    assert again.card["conservation"] == result.card["conservation"]
    assert (out / "data_card.md").read_bytes() == card  # a cached rerun writes the same card, byte for byte
