"""Reward functions: exam answers (single and multi-answer), reference overlap, length."""

from __future__ import annotations

import pytest

from medllm.train.rewards import length_reward, mcq_answer, reference_overlap


def test_mcq_answer_single_and_multi() -> None:
    completions = ["The answer is (B).", "答案是ABD", "答案是AB", "no letter here", "anything"]
    answers = [["B"], ["A", "B", "D"], ["A", "B", "D"], ["C"], []]
    letters = [["A", "B", "C", "D"]] * 5
    rewards = mcq_answer([None] * 5, completions, answer=answers, letters=letters)
    assert rewards == [1.0, 1.0, 0.0, 0.0, None]  # a partial set earns nothing; no gold answer: no reward


def test_reference_overlap_and_length() -> None:
    assert reference_overlap([None], ["take it with food"], reference=["take it with food"]) == [1.0]
    assert reference_overlap([None], ["x"], reference=[""]) == [None]
    length = length_reward(2, 4)
    assert length([None] * 3, ["one", "one two three", "a b c d e f g h"]) == [0.5, 1.0, 0.0]


@pytest.mark.parametrize("completion", [[{"role": "assistant", "content": "The answer is (A)."}]])
def test_conversational_completions_are_read(completion: list) -> None:
    assert mcq_answer([None], [completion], answer=[["A"]], letters=[["A", "B"]]) == [1.0]
