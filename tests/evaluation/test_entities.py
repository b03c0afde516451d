"""Entity extraction by prompting: parsing, locating names in tokenised text, strict and partial F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medllm.evaluation.entities import entity_metrics, locate, parse_entities, score_entities
from medllm.evaluation.runner import evaluate
from medllm.evaluation.tasks import builtin_tasks
from medllm.records import EntitySentence

SENTENCE = EntitySentence(
    id="s1",
    tokens=["Clustering", "in", "the", "ataxia", "-", "telangiectasia", "gene", "and", "breast", "cancer", "."],
    tags=["O", "O", "O", "B-Disease", "I-Disease", "I-Disease", "O", "O", "B-Disease", "I-Disease", "O"],
)


def test_parse_entities_strips_bullets_and_none() -> None:
    assert parse_entities("1. Ataxia-telangiectasia\n- breast cancer.\n\nNone") == [
        "Ataxia-telangiectasia",
        "breast cancer",
    ]
    assert parse_entities("None") == []


def test_locate_ignores_case_and_spacing() -> None:
    assert locate("Ataxia-telangiectasia", SENTENCE.tokens) == [(3, 6)]
    assert locate("breast cancer", SENTENCE.tokens) == [(8, 10)]
    assert locate("cancer", SENTENCE.tokens) == [(9, 10)]
    assert locate("lung cancer", SENTENCE.tokens) == []
    assert locate("a", ["a", "b", "a"]) == [(0, 1), (2, 3)]  # every mention
    assert locate("cancer", ["precancerous", "lesion"]) == []  # whole tokens only


def test_strict_and_partial_counts() -> None:
    entry = score_entities(SENTENCE, "Disease", "ataxia-telangiectasia\ncancer\nlung cancer")
    assert entry["gold"] == [(3, 6), (8, 10)]
    assert entry["strict"] == {"tp": 1, "fp": 2, "fn": 1}  # "cancer" is partial; "lung cancer" is not there
    assert entry["partial"] == {"tp": 2, "fp": 1, "fn": 0}
    assert entry["not_in_sentence"] == 1
    scores = entity_metrics([entry])
    assert scores["strict_precision"] == pytest.approx(1 / 3) and scores["strict_recall"] == 0.5
    assert scores["partial_f1"] == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))


class EchoGold:
    """Answers with the gold disease names of each sentence it is asked about (a perfect extractor)."""

    name = "echo-gold"
    tokenizer = None

    def __init__(self, sentences: dict[str, list[str]]) -> None:
        self.sentences = sentences

    def chat(self, conversations: list[Any], config: Any) -> list[str]:
        replies = []
        for messages in conversations:
            sentence = messages[-1]["content"].split("Sentence: ", 1)[1]
            replies.append("\n".join(self.sentences.get(sentence, [])) or "None")
        return replies


def test_entity_task_end_to_end_on_ncbi_disease(tmp_path: Path, mirror: Path) -> None:
    from medllm.evaluation.runner import load_items, sample_items

    task = builtin_tasks()["ncbi_disease"]
    items = sample_items(load_items(task, "test")[0], 30, seed="0:ncbi_disease")
    gold = {
        " ".join(s.tokens): [" ".join(s.tokens[a:b]) for a, b, kind in s.spans() if kind == "Disease"] for s in items
    }
    summary = evaluate(EchoGold(gold), [task], tmp_path, limit=30)
    result = summary["tasks"]["ncbi_disease"]
    assert result["n"] == 30 and result["mode"] == "generate"
    assert result["strict_f1"] == 1.0 and result["partial_f1"] == 1.0
    sample = json.loads((tmp_path / "samples_ncbi_disease.jsonl").open().readline())
    assert sample["prompt"][0]["content"].startswith("List every disease name")
    assert sample["gold_text"] == gold[sample["sentence"]]


def test_entity_task_needs_a_type() -> None:
    from medllm.evaluation.tasks import TaskSpec

    with pytest.raises(ValueError, match="entity_type"):
        TaskSpec(name="x", type="entities", dataset="ncbi-disease")
