"""Follow-up questions: asked for underspecified symptoms, never for knowledge questions."""

from __future__ import annotations

import pytest

from medllm.assistant.intake import MAX_QUESTIONS, assess


@pytest.mark.parametrize(
    ("turns", "language"),
    [
        (["I have a headache"], "en"),
        (["my son has a rash"], "en"),
        (["what can I take for my sore throat?"], "en"),
        (["我头疼"], "zh"),
        (["孩子咳嗽，吃什么药好？"], "zh"),
    ],
)
def test_underspecified_symptoms_get_at_most_three_questions(turns: list[str], language: str) -> None:
    intake = assess(turns, language)
    assert intake.scenario == "symptoms"
    assert 1 <= len(intake.questions) <= MAX_QUESTIONS
    assert all(q.endswith(("?", "？")) for q in intake.questions)


@pytest.mark.parametrize(
    ("turns", "language"),
    [
        (["What causes gout?"], "en"),
        (["How does insulin work?"], "en"),
        (["痛风是什么原因引起的？"], "zh"),
        (["I have had a mild headache for 3 days, I am 34"], "en"),
        (["我35岁，头疼三天了，有点厉害"], "zh"),
    ],
)
def test_knowledge_questions_and_specified_symptoms_get_none(turns: list[str], language: str) -> None:
    assert not assess(turns, language).needs_followup


def test_asking_what_to_take_asks_about_medicines_and_allergies() -> None:
    intake = assess(["I'm 30 and I've had a sore throat since yesterday, it's mild. What can I take?"], "en")
    assert intake.questions and any("allerg" in q for q in intake.questions)
    assert any("medicines" in q for q in intake.questions)


def test_details_given_in_a_later_turn_count() -> None:
    first = assess(["I have a headache"], "en")
    later = assess(["I have a headache", "It started yesterday, it's moderate, I'm 40"], "en")
    assert first.needs_followup and not later.needs_followup


def test_pregnancy_is_not_asked_about_a_son() -> None:
    intake = assess(["my son has a tummy ache, what can he take?"], "en")
    assert not any("pregnant" in q for q in intake.questions)
