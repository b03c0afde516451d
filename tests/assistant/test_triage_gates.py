"""The shipped gate file is current and exact; without it (missing, damaged) triage gives the same results."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import concepts_acute, concepts_en, concepts_late, concepts_zh, gates


def _patterns(language: str) -> list[str]:
    base, acute, late = (
        (concepts_zh.CONCEPTS, concepts_acute.ZH, concepts_late.ZH)
        if language == "zh"
        else (concepts_en.CONCEPTS, concepts_acute.EN, concepts_late.EN)
    )
    table = concepts_acute.merged(concepts_acute.merged(base, acute), late)
    return [pattern for patterns in table.values() for pattern in patterns]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_shipped_gates_cover_every_pattern_and_equal_the_analysis(language: str) -> None:
    size = gates.GATE_CHARS[language]
    shipped = gates._shipped()
    patterns = _patterns(language)
    missing = [p for p in patterns if gates._key(p, size) not in shipped]
    rebuild = "python -m medllm.assistant.triage.build_gates"
    assert not missing, f"{len(missing)} patterns have no shipped gate: run {rebuild}"
    for pattern in patterns:
        value = shipped[gates._key(pattern, size)]
        assert (None if value is None else frozenset(value)) == gates._gate(pattern, size), pattern


def test_a_missing_or_damaged_gate_file_changes_no_result(tmp_path, monkeypatch) -> None:
    from medllm.assistant.triage import engine

    texts = ["my chest hurts and my left arm is numb", "我胸口疼，左手发麻", "what causes a stroke?", "cut my finger"]
    before = [engine.triage(t).to_dict() for t in texts]
    damaged = tmp_path / "gates.json.gz"
    damaged.write_bytes(b"not gzip")
    try:
        monkeypatch.setattr(gates, "CACHE_PATH", damaged)
        gates._shipped.cache_clear()
        engine._compiled.cache_clear()
        engine._pattern.cache_clear()
        assert gates._shipped() == {}
        assert [engine.triage(t).to_dict() for t in texts] == before
    finally:
        monkeypatch.undo()
        gates._shipped.cache_clear()
        engine._compiled.cache_clear()
        engine._pattern.cache_clear()
