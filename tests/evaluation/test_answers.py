from __future__ import annotations

import pytest

from medllm.evaluation import extract_choice, mcq_prompt, rouge_l_f1
from medllm.evaluation.answers import (
    INSTRUCTION,
    INSTRUCTION_ZH,
    INSTRUCTION_ZH_MULTI,
    answer_statement,
    extract_choices,
    instruction_for,
)
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("答案是C", "C"),
        ("答案：C", "C"),
        ("答案:C", "C"),
        ("正确答案为 C", "C"),
        ("选C", "C"),
        ("故选C。", "C"),
        ("根据以上分析，本题应选B。", "B"),
        ("答案应为（D）", "D"),
        ("答案是选项B", "B"),
        ("答案是Ｃ", "C"),  # a fullwidth letter
        ("（B）", "B"),
        ("A项错误，不选A，故选C", "C"),  # "不选A" is not a choice
        ("选项A错误，答案应该是D。", "D"),
        ("选择题无法作答", None),
        ("答案是F", None),  # not an offered option
    ],
)
def test_extract_choice_reads_chinese_statements(text: str, expected: str | None) -> None:
    assert extract_choice(text, [*LETTERS, "E"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("答案是ABD", ["A", "B", "D"]),
        ("答案是(BDA)。", ["A", "B", "D"]),
        ("答案：A、C、E", ["A", "C", "E"]),
        ("正确答案为 B，D", ["B", "D"]),
        ("故选AC", ["A", "C"]),
        ("综合分析，选ABCE。", ["A", "B", "C", "E"]),
        ("The answers are A and C.", ["A", "C"]),
        ("The answer is (B)(D).", ["B", "D"]),
        ("ACD", ["A", "C", "D"]),
        ("A, C\nbecause ...", ["A", "C"]),
        ("答案是C", ["C"]),  # one letter is a set of one
        ("The answer is (B).", ["B"]),
        ("(B) Metformin", ["B"]),  # extract_choice's fallbacks apply
        ("The answer is A because it is the first-line drug.", ["A"]),  # no word read as letters
        ("答案是AF", None),  # F is not offered: no guess from the rest
        ("我不确定。", None),
        ("", None),
    ],
)
def test_extract_choices(text: str, expected: list[str] | None) -> None:
    assert extract_choices(text, [*LETTERS, "E"]) == expected


def test_chinese_items_get_the_chinese_instruction() -> None:
    single = MCQItem(question="心脏的正常起搏点是", options={"A": "房室结", "B": "窦房结"}, answer="B", language="zh")
    assert mcq_prompt(single) == "心脏的正常起搏点是\n(A) 房室结\n(B) 窦房结\n\n" + INSTRUCTION_ZH
    assert INSTRUCTION_ZH == "请选出正确答案，并以“答案是(X)”的格式回答。"
    multi = single.model_copy(update={"options": {"A": "甲", "B": "乙", "C": "丙"}, "answer": ["A", "C"]})
    assert instruction_for(multi) == INSTRUCTION_ZH_MULTI and mcq_prompt(multi).endswith(INSTRUCTION_ZH_MULTI)
    assert instruction_for(single.model_copy(update={"language": "zh-CN"})) == INSTRUCTION_ZH
    assert instruction_for(single.model_copy(update={"language": "en"})) == INSTRUCTION
    assert instruction_for(single.model_copy(update={"language": None})) == INSTRUCTION
    assert mcq_prompt(single, instruction="只回答字母。").endswith("只回答字母。")
    assert answer_statement(single) == "答案是(B)。"
    assert answer_statement(multi) == "答案是(AC)。"
    assert answer_statement(single.model_copy(update={"language": "en"})) == "The answer is (B)."
    # What the instruction asks for is what extraction reads back.
    assert extract_choice(answer_statement(single), ["A", "B"]) == "B"
    assert extract_choices(answer_statement(multi), ["A", "B", "C"]) == ["A", "C"]


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
