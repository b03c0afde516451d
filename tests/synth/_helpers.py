"""Helpers for the synth tests: a scripted teacher, one reply function answering every synth template well.

Replies depend only on the request (never on arrival order), so concurrent runs, retries and reruns
see the same answers. Tests switch individual items to bad answers by name to exercise the checks.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from medllm.synth import SynthConfig

_WORDS = [
    "anemia",
    "asthma",
    "bronchitis",
    "cirrhosis",
    "dermatitis",
    "eczema",
    "gastritis",
    "gout",
    "hepatitis",
    "influenza",
    "lupus",
    "malaria",
    "migraine",
    "nephritis",
    "obesity",
    "pneumonia",
    "psoriasis",
    "rickets",
    "scabies",
    "sepsis",
    "tetanus",
    "tinnitus",
    "ulcer",
    "vertigo",
    "angina",
    "arthritis",
    "cataract",
    "colitis",
    "croup",
    "dengue",
    "edema",
    "glaucoma",
    "hernia",
    "measles",
    "mumps",
    "otitis",
    "polio",
    "rabies",
]
_VERBS = [
    "Explain",
    "Describe",
    "Summarize",
    "List",
    "Compare",
    "Outline",
    "Discuss",
    "Classify",
    "Review",
    "Define",
    "Assess",
    "Evaluate",
]


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def task_block(number: int, instruction: str, task_input: str = "<noinput>") -> str:
    return (
        f"{number}. Type: Open Q&A\nTopic: Medicine\nView: Student\nDifficulty: 2\n"
        f"Instruction: {instruction}\nInput: {task_input}\n"
    )


def distinct_instruction(key: str, k: int) -> str:
    h = _digest(f"{key}:{k}")
    words = [_WORDS[(h >> (6 * j)) % len(_WORDS)] for j in range(4)]
    verb = _VERBS[h % len(_VERBS)]
    return f"{verb} {words[0]} versus {words[1]} in a patient with {words[2]} and {words[3]} ({h % 997})."


def self_instruct_reply(user: str) -> str:
    """Four tasks after the seeds: the first restates the first seed (a near-duplicate), the rest are new.

    Tasks are separated the leaky way (no ###, the next task's header on the input's line) on purpose.
    """
    seeds = re.findall(r"^Instruction: (.*)$", user, re.MULTILINE)
    start = len(seeds) + 1
    first = re.search(r"(\d+)\. Type:\s*$", user)
    assert first is not None and int(first.group(1)) == start
    parts = [
        f" Open Q&A\nTopic: Medicine\nView: Student\nDifficulty: 2\nInstruction: {seeds[0]}\nInput: <noinput>",
    ]
    for k in range(1, 4):
        instruction = distinct_instruction(user, k)
        parts.append(task_block(start + k, instruction, f"A patient case number {k}."))
    return " ".join(parts)


def kb_dialogue_reply(user: str) -> str:
    name = re.search(r"^Disease: (.*)$", user, re.MULTILINE).group(1)
    tests = [t for t in re.search(r"^Tests and procedures: (.*)$", user, re.MULTILINE).group(1).split(", ") if t]
    meds = [m for m in re.search(r"^Common medications: (.*)$", user, re.MULTILINE).group(1).split(", ") if m]
    test = tests[0] if tests and tests[0] != "not listed" else "an examination"
    med = meds[0] if meds and meds[0] != "not listed" else "rest"
    if "Omitted" in name:
        return "Patient: I feel unwell.\nDoctor: How long?\nPatient: Two days.\nDoctor: Drink water and rest."
    negation = "You do not need " if "Contradicted" in name else "I recommend "
    return (
        "Patient: I have been feeling strange for a week.\n"
        "Doctor: Can you tell me more about it?\n"
        "Patient: It gets worse at night.\n"
        f"Doctor: This may be {name}. {negation}{test}. We can start {med}.\n"
    )


def rewrite_reply(user: str) -> str:
    reply = user.split("The doctor's reply:\n", 1)[1].rsplit("\n\nWrite only the rewritten reply.", 1)[0]
    if "DROPDOSE" in reply:
        return "Hello. " + re.sub(r"\d+\s*mg", "some", reply)
    if "ADDDRUG" in reply:
        return "Hello. " + reply + " Also take ibuprofen."
    return "Hello, thank you for your question. " + reply


def mcq_reply(user: str) -> str:
    answer = re.search(r"^Correct answer: (.*)$", user, re.MULTILINE).group(1)
    question = re.search(r"^Question: (.*)$", user, re.MULTILINE).group(1)
    if "UNPARSEABLE" in question:
        return "I cannot do that."
    return f"Question: {question.rstrip('?')}?\nAnswer: The answer is {answer}, as explained in the source."


PREFERENCE_SYSTEM = "You are a careful medical assistant."


def answer_quality(body: dict[str, Any]) -> int:
    """The 1-10 quality of the answer the scripted teacher samples for this request (a function of its seed)."""
    return 1 + _digest(f"quality:{body.get('seed')}") % 10


def preference_answer_reply(body: dict[str, Any]) -> str:
    """A sampled answer that states its own quality, so the scripted judge can grade it."""
    user = body["messages"][-1]["content"]
    return f"Answer with seed {body.get('seed')} to {user[:40]!r}: quality {answer_quality(body)}."


def judge_reply(user: str) -> str:
    """``Score: N`` read from the graded answer; no score for answers to prompts marked NOGRADE."""
    answer = user.split("Answer to grade:\n", 1)[1]
    if "NOGRADE" in answer:
        return "I cannot grade this answer."
    quality = re.search(r"quality (\d+)", answer)
    return f"The answer is plausible and safe.\nScore: {quality.group(1) if quality else 1}"


def scripted_reply(body: dict[str, Any]) -> str:
    """The teacher's reply to any synth request."""
    user = body["messages"][-1]["content"]
    if "Answer to grade:\n" in user:
        return judge_reply(user)
    if body["messages"][0]["content"].startswith(PREFERENCE_SYSTEM):
        return preference_answer_reply(body)
    if "tasks:\n###" in user:
        return self_instruct_reply(user)
    if user.startswith("Write a conversation between a patient and a doctor"):
        return kb_dialogue_reply(user)
    if "The doctor's reply:" in user:
        return rewrite_reply(user)
    if "Correct answer:" in user:
        return mcq_reply(user)
    return f"Here is a careful answer to: {user.splitlines()[0][:80]}"


def request_key(body: dict[str, Any]) -> str:
    """What identifies a teacher request on the wire (messages and sampling settings)."""
    return json.dumps(
        {k: body.get(k) for k in ("messages", "temperature", "top_p", "max_tokens", "seed")}, sort_keys=True
    )


def fast_config(**overrides: Any) -> SynthConfig:
    """A run config with short backoffs so fault tests take seconds."""
    defaults: dict[str, Any] = {
        "progress": False,
        "backoff_base": 0.02,
        "backoff_max": 0.2,
        "timeout": 5.0,
        "max_retries": 6,
    }
    defaults.update(overrides)
    return SynthConfig(**defaults)


def write_mcq_file(path: Path, n: int, *, bad_lines: tuple[int, ...] = ()) -> Path:
    """A MedMCQA-style JSON Lines file; the 1-based ``bad_lines`` hold broken rows."""
    lines = []
    for i in range(n + len(bad_lines)):
        if i + 1 in bad_lines:
            lines.append('{"id": "broken", "question": ' if len(lines) % 2 else '{"id": "x", "opa": "only one"}')
            continue
        lines.append(
            json.dumps(
                {
                    "id": f"q{i}",
                    "question": f"Which nerve supplies muscle number {i}?",
                    "opa": f"Nerve alpha {i}",
                    "opb": f"Nerve beta {i}",
                    "opc": f"Nerve gamma {i}",
                    "opd": f"Nerve delta {i}",
                    "cop": 1 + i % 4,
                    "choice_type": "single",
                    "exp": "Because of its root value.",
                    "subject_name": "Anatomy",
                    "topic_name": "Nerves",
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
