"""Shared pieces for the assistant tests: a scripted model, a scripted knowledge base, the labelled sets."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from medllm.knowledge import Retrieval, SearchHit
from medllm.models.base import ChatModel, GenerationConfig, LoglikelihoodResult

DATA = Path(__file__).parent / "data"


class ScriptedModel(ChatModel):
    """Says the same thing whatever it is asked, streamed a few characters at a time; records its prompts."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.prompts: list[list[dict[str, str]]] = []

    @property
    def name(self) -> str:
        return "scripted"

    def chat(self, conversations: Sequence[Sequence[dict[str, str]]], config: GenerationConfig) -> list[str]:
        self.prompts.extend([list(c) for c in conversations])
        return [self.reply for _ in conversations]

    def stream_chat(self, messages: Sequence[dict[str, str]], config: GenerationConfig) -> Iterator[str]:
        self.prompts.append(list(messages))
        for i in range(0, len(self.reply), 7):
            yield self.reply[i : i + 7]

    def complete(self, prompts: Sequence[str], config: GenerationConfig) -> list[str]:
        return [self.reply for _ in prompts]

    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[LoglikelihoodResult]:
        return [LoglikelihoodResult(-1.0, True, 1) for _ in requests]


class ScriptedKB:
    """Returns the given passages for any query, with a chosen relevance against a 0.5 threshold."""

    def __init__(self, passages: list[tuple[str, str]], relevance: float = 0.9) -> None:
        self.passages = passages
        self.relevance = relevance
        self.queries: list[str] = []

    def retrieve(self, query: str, k: int = 5, mode: str = "hybrid") -> Retrieval:
        self.queries.append(query)
        hits = [
            SearchHit(id=f"toy:{i}#0", doc_id=f"toy:{i}", name=name, text=text, source="toy-kb", score=1.0 / i, rank=i)
            for i, (name, text) in enumerate(self.passages[:k], 1)
        ]
        return Retrieval(query=query, mode=mode, hits=hits, relevance=self.relevance, threshold=0.5)


@pytest.fixture
def scripted() -> type[ScriptedModel]:
    return ScriptedModel


@pytest.fixture
def scripted_kb() -> type[ScriptedKB]:
    return ScriptedKB


def load_set(name: str) -> list[dict[str, Any]]:
    """A labelled triage set; ``language`` filled in from the id when the writer left it out."""
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row.setdefault("language", "zh" if "zh" in row["id"].split("-")[:2] else "en")
    return rows


def assert_probe_level(group: str, text: str, level) -> None:
    """A blind-round probe: an emergency or urgent probe must get exactly its level; a routine one only must not be
    called an emergency (a cautious urgent is allowed, as false alarms are counted on emergencies only)."""
    from medllm.assistant.triage import TriageLevel, triage

    result = triage(text)
    if level is TriageLevel.ROUTINE:
        assert result.level is not TriageLevel.EMERGENCY, (group, result.to_dict())
    else:
        assert result.level is level, (group, result.to_dict())
