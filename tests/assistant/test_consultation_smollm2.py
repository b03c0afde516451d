"""Consultations with the real embedded model (SmolLM2-135M-Instruct) over ChatDoctor's mini knowledge base.

The model is weak; these tests check what the pipeline guarantees whatever it writes: questions
before advice, citations that map to real knowledge-base passages, and the emergency instruction
first. The knowledge base uses the hash encoder and BM25 so it builds in a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medllm.assistant import Assistant, AssistantConfig, TriageLevel
from tests.knowledge.conftest import HashEncoder


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, mirror: Path):
    from medllm.knowledge import KnowledgeBase, build_kb

    encoder = HashEncoder()
    folder = tmp_path_factory.mktemp("kb") / "chatdoctor-mini"
    build_kb(["chatdoctor-kb-mini"], folder, encoder=encoder)
    return KnowledgeBase.open(folder, encoder=encoder)


@pytest.fixture(scope="module")
def assistant(kb) -> Assistant:
    from medllm.models import load_model

    model = load_model("smollm2-135m-instruct")
    return Assistant(model, kb, AssistantConfig(mode="bm25", max_new_tokens=48))


def user(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]


def test_an_underspecified_message_gets_follow_up_questions(assistant: Assistant) -> None:
    result = assistant.respond(user("I have a rash"))
    assert result.kind == "followup" and 1 <= len(result.followup_questions) <= 3
    assert result.text().startswith("To give you useful advice")


def test_a_specified_message_gets_an_answer_with_citations_to_real_passages(assistant: Assistant, kb) -> None:
    result = assistant.respond(
        user("I'm 40, I have had wheezing, shortness of breath and a cough for 3 days, moderate. What could it be?")
    )
    assert result.kind == "answer" and result.answer  # urgent (breathlessness): a preface, then the answer
    assert result.retrieval["used"] and result.passages and result.citations
    for citation in result.citations:
        chunk_ids = {c.id for c in kb.document(citation.doc_id)}
        assert citation.id in chunk_ids and citation.source == "chatdoctor-kb-mini"
    assert "Sources:" in result.text() and result.limits in result.text()


def test_an_emergency_gets_the_instruction_first_whatever_the_model_says(assistant: Assistant) -> None:
    result = assistant.respond(user("My father suddenly can't speak properly and his face is drooping on one side"))
    assert result.triage.level is TriageLevel.EMERGENCY and result.kind == "emergency"
    assert result.text().startswith("⚠ This may be a medical emergency. Call 911 now")


def test_a_chinese_emergency_is_answered_in_chinese_with_120(assistant: Assistant) -> None:
    result = assistant.respond(user("我妈突然胸口剧痛，出了一身冷汗"))
    assert result.text().startswith("⚠ 这可能是急症。请立即拨打 120")
