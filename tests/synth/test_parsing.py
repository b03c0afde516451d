"""Parsers of teacher replies, including the task-leak test on AlpaCare's own sample generations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from medllm.synth.parsing import parse_dialogue, parse_sections, parse_tasks

_HEADER_IN_TEXT = re.compile(r"\d+\s*\.\s*Type\s*:|\bInstruction\s*:|\bTopic\s*:", re.IGNORECASE)
_LEAK = re.compile(r"\s(\d+)\. Type: ")


def alpacare_parse(reply: str, first: int) -> list[dict[str, str]]:
    """What AlpaCare's post-processing does (utils.post_process_gpt3_response): split on ### only."""
    tasks = []
    for block in re.split("###", f"{first}. Type: " + reply):
        block = re.sub(r"\s+", " ", block).strip()
        keys, values, start = ["Type", "Topic", "View", "Difficulty", "Instruction", "Input"], [], 0
        for key in keys:
            idx = block.find(key, start)
            if idx != -1:
                values.append(block[start:idx].strip())
                start = idx + len(key) + 1
        values.append(block[start:].strip())
        tasks.append({k.lower(): v for k, v in zip(keys, values[1:], strict=False)})
    return tasks


@pytest.fixture(scope="module")
def alpacare_generations(mirror: Path) -> list[dict]:
    path = mirror / "alpacare/task_output_generation/data/gpt4_generations/Output_path_for_task_generation.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def _raw_reply(row: dict, *, newlines: bool) -> str:
    """The teacher's reply behind a mirrored row: it continued after "1. Type:" and wrote the next task inline."""
    task_input = row["input"]
    if newlines:  # the same reply before AlpaCare collapsed its whitespace
        task_input = _LEAK.sub(lambda m: f"\n{m.group(1)}. Type: ", task_input)
        for key in ("Topic", "View", "Difficulty", "Instruction", "Input"):
            task_input = task_input.replace(f" {key}: ", f"\n{key}: ")
    return (
        f" {row['type']}\nTopic: {row['topic']}\nView: {row['view']}\nDifficulty: {row['difficulty']}\n"
        f"Instruction: {row['instruction']}\nInput: {task_input}"
    )


@pytest.mark.parametrize("newlines", [False, True])
def test_no_task_leaks_into_input_on_alpacare_sample(alpacare_generations: list[dict], newlines: bool) -> None:
    leaky = [row for row in alpacare_generations if _LEAK.search(row["input"])]
    assert len(leaky) == 7  # the mirrored sample shows the bug in 7 of its 12 rows
    for row in alpacare_generations:
        reply = _raw_reply(row, newlines=newlines)
        tasks, rejected = parse_tasks(reply)
        assert not rejected
        for task in tasks:
            assert not _HEADER_IN_TEXT.search(task.input or ""), task
            assert not _HEADER_IN_TEXT.search(task.instruction), task
        assert tasks[0].instruction == row["instruction"]
        leak = _LEAK.search(row["input"])
        if leak is None:
            assert len(tasks) == 1
            continue
        # The leaked text is a task of its own, with its own fields, and the first input stops before it.
        assert len(tasks) == 2
        expected_input = row["input"][: leak.start()].strip().strip('"')
        assert (tasks[0].input or "<noinput>") == expected_input or (
            tasks[0].input is None and expected_input.strip('"') == "<noinput>"
        )
        leaked_instruction = re.search(r"Instruction: (.*?) Input: ", row["input"]).group(1)
        assert tasks[1].instruction == leaked_instruction
        assert tasks[1].type and tasks[1].topic and tasks[1].view and tasks[1].difficulty


def test_alpacare_parser_reproduces_the_leak(alpacare_generations: list[dict]) -> None:
    # The same replies through AlpaCare's parser give back the mirrored, leaky inputs: the test's
    # reconstruction of the raw replies is faithful.
    for row in alpacare_generations:
        parsed = alpacare_parse(_raw_reply(row, newlines=True), 1)[0]
        assert parsed["instruction"] == row["instruction"]
        assert parsed["input"] == row["input"]


def test_tasks_with_separators_numbers_and_truncation() -> None:
    reply = (
        "###\n4. Type: Classification\nTopic: Cardiology\nView: Physician\nDifficulty: 3\n"
        'Instruction: Classify the ECG.\nInput: "Sinus rhythm, rate 80, blood type: A+"\n'
        "###\n5. Type: Open Q&A\nTopic: Anatomy\nView: Student\nDifficulty: 1\n"
        "Instruction: Name the heart valves.\nInput: <noinput>\n"
        "###\n6. Type: Chat\nTopic: Diet\nView: Patient\nDifficulty: 2\nInstruction: What sh"
    )
    tasks, rejected = parse_tasks(reply, truncated=True)
    assert [t.instruction for t in tasks] == ["Classify the ECG.", "Name the heart valves."]
    assert tasks[0].input == "Sinus rhythm, rate 80, blood type: A+" and tasks[1].input is None
    assert [r[0] for r in rejected] == ["truncated_task"]
    tasks, rejected = parse_tasks("Type: Chat\nTopic: x\nInput: something")
    assert tasks == [] and rejected[0][0] == "no_instruction"


def test_dialogue_and_sections() -> None:
    reply = "Here is the dialogue:\nPatient: I cough.\nDoctor: Since when?\n**Patient:** Two days.\nmore\nDoctor: OK."
    assert parse_dialogue(reply) == [
        ("patient", "I cough."),
        ("doctor", "Since when?"),
        ("patient", "Two days.\nmore"),
        ("doctor", "OK."),
    ]
    assert parse_sections("Question: Why?\nAnswer: Because.\nIt is so.", ("question", "answer")) == {
        "question": "Why?",
        "answer": "Because.\nIt is so.",
    }
