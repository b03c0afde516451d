"""The memoised registry and the quick analyzer give what plain Presidio gives, on texts with and without findings."""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from medllm.deid.analyzer import MemoRecognizerRegistry, QuickAnalyzerEngine
from medllm.deid.patterns import CASE, ClinicalPatternRecognizer, Pattern

TEXTS = [
    "",
    "I have had a headache for two days, no fever.",
    "Call me on 07700 900 123 or mail jo.bloggs@example.com, see https://example.org/x, from 10.0.0.12.",
    "患者张伟，电话13812345678，于2021年3月4日入院。",
]


def _recognizers():
    from medllm.deid import neutral

    return neutral.recognizers("en")


def _results(analyzer, text: str) -> list[tuple]:
    found = analyzer.analyze(text, "en", score_threshold=0.3)
    return sorted((r.entity_type, r.start, r.end, round(r.score, 6)) for r in found)


@pytest.mark.parametrize("text", TEXTS)
def test_quick_analyzer_matches_plain_presidio(text: str) -> None:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    class _NoNlp:
        def process_text(self, text, language):
            return NlpArtifacts([], [], [], [], None, language)

        def is_loaded(self):
            return True

        def get_supported_languages(self):
            return ["en"]

    plain = AnalyzerEngine(
        registry=RecognizerRegistry(recognizers=_recognizers(), supported_languages=["en"], global_regex_flags=CASE),
        nlp_engine=_NoNlp(),
        supported_languages=["en"],
    )
    quick = QuickAnalyzerEngine(
        registry=MemoRecognizerRegistry(
            recognizers=_recognizers(), supported_languages=["en"], global_regex_flags=CASE
        ),
        nlp_engine=_NoNlp(),
        supported_languages=["en"],
    )
    assert _results(quick, text) == _results(plain, text)
    if "@" in text:
        assert len(_results(plain, text)) >= 3  # the comparison covers texts with findings, not only empty ones
    assert _results(quick, text) == _results(quick, text)  # the memoised registry answers the same twice


def test_memo_is_dropped_when_a_recognizer_is_added() -> None:
    registry = MemoRecognizerRegistry(recognizers=_recognizers(), supported_languages=["en"], global_regex_flags=CASE)
    before = registry.get_recognizers("en", entities=["EMAIL"])
    extra = ClinicalPatternRecognizer("EMAIL", [Pattern("x", r"x@y", 0.9)], name="ExtraEmail")
    registry.add_recognizer(extra)
    after = registry.get_recognizers("en", entities=["EMAIL"])
    assert extra not in before and extra in after


def test_shared_gates_are_searched_once_and_still_gate() -> None:
    gate = r"\d"
    recognizer = ClinicalPatternRecognizer(
        "DATE_TIME",
        [Pattern("a", r"\b\d{4}\b", 0.9), Pattern("b", r"\b\d{2}/\d{2}\b", 0.9)],
        name="TwoGated",
        gates={"a": gate, "b": gate},
    )
    assert len(recognizer._distinct_gates) == 1
    text = "seen 12/03, again 2024"
    spans = sorted((r.start, r.end) for r in recognizer.analyze(text, ["DATE_TIME"]))
    assert [text[a:b] for a, b in spans] == ["12/03", "2024"]
    assert recognizer.analyze("no numbers here", ["DATE_TIME"]) == []
