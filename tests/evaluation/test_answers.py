from __future__ import annotations

import pytest

from medllm.evaluation import extract_choice, mcq_prompt, rouge_l_f1
from medllm.records import MCQItem

LETTERS = ["A", "B", "C", "D"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The answer is (C).", "C"),
        ("After weighing the options, the correct answer is B because...", "B"),
        ("Answer: D", "D"),
        ("答案是A", "A"),
        ("C", "C"),
        ("(B) Metformin", "B"),
        ("Option A is correct.", "A"),
        ("I am not sure.", None),
        ("The answer is (E).", None),  # not an offered option
        ("Either (A) or (B) could be right.", None),  # ambiguous: no guess
        ("", None),
    ],
)
def test_extract_choice(text: str, expected: str | None) -> None:
    assert extract_choice(text, LETTERS) == expected


def test_mcq_prompt_lists_context_options_and_instruction() -> None:
    item = MCQItem(question="Q?", options={"A": "yes", "B": "no"}, answer="A", context=["Abstract."])
    assert mcq_prompt(item) == (
        "Abstract.\nQ?\n(A) yes\n(B) no\n\n"
        "Answer with the letter of the correct option, in the form: The answer is (X)."
    )


def test_rouge_l() -> None:
    assert rouge_l_f1("the cat sat", "the cat sat") == 1.0
    assert rouge_l_f1("", "x") == 0.0
    assert rouge_l_f1("a b c d", "a c") == pytest.approx(2 * (2 / 4) * 1 / (2 / 4 + 1))
    assert rouge_l_f1("头痛发热", "头痛") == pytest.approx(2 * 0.5 * 1 / 1.5)  # CJK by character
