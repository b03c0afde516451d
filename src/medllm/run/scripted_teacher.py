"""The smoke-test teacher: a deterministic OpenAI-compatible server on loopback, for ``--scale smoke`` only.

A smoke run exercises every step of a recipe in seconds, synthesis and judged evaluation included, with
no network and no real teacher. This module answers each request that medllm's synthesis generators and
judged evaluations send, in the format each one parses, so the whole pipeline runs end to end:

- ``self-instruct``: three new numbered tasks after the seed tasks; a plain answer to each instruction;
- ``kb-dialogues``: a patient/doctor dialogue built from the entry (the doctor names the disease, the
  first listed test and the first listed medication; the patient never names the disease);
- ``rewrite``: the doctor's reply unchanged behind a polite opening (every fact kept);
- ``mcq-to-qa``: the question and an answer stating the correct option's text;
- ``preferences``: answers, and judge verdicts ending ``Score: N``;
- evaluation judges: pairwise verdicts (``Output (a)`` / ``Output (b)``), DISC's four 1-5 scores, a
  simulated patient's line, HealthBench-style JSON rubric verdicts, yes/no diagnosis matches, and
  ``Score: N`` grades for the training ``judge`` reward.

**Its content is canned and medically meaningless.** The numbers a smoke run reports with it test the
plumbing, never a model. A full-scale recipe must name a real teacher (``teacher.url``); the recipe
loader refuses ``url: scripted`` at full scale. Replies depend only on the request body (a hash of it
picks among variants), so reruns, retries and concurrent requests get the same answers and the synth
cache behaves as with a real server.

Example:
    >>> with scripted_teacher() as url:  # "http://127.0.0.1:PORT/v1"
    ...     ...  # point synthesis (--teacher URL) or a judge at it
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from medllm.testing import FakeOpenAIServer

#: The model name the scripted teacher lists and answers to.
SCRIPTED_MODEL = "medllm-scripted-teacher"

_CONDITIONS = (
    "anemia",
    "asthma",
    "bronchitis",
    "dermatitis",
    "gastritis",
    "gout",
    "hypertension",
    "migraine",
    "otitis",
    "sinusitis",
    "tonsillitis",
    "vertigo",
)
_VERBS = ("Explain", "Describe", "Summarize", "List", "Compare", "Outline", "Discuss", "Define")
_VIEWS = ("Patient", "Student", "Nurse", "Physician")


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def _line(user: str, label: str) -> str:
    match = re.search(rf"^{re.escape(label)}:[ \t]*(.*)$", user, re.MULTILINE)
    return match.group(1).strip() if match else ""


def _listed(user: str, label: str) -> list[str]:
    return [item for item in _line(user, label).split(", ") if item and item != "not listed"]


def self_instruct_tasks(user: str) -> str:
    """Three new tasks continuing the numbered seed list (the reply starts after ``N. Type:``)."""
    start = len(re.findall(r"^Instruction:", user, re.MULTILINE)) + 1
    blocks = []
    for k in range(3):
        h = _digest(f"{user}:{k}")
        words = [_CONDITIONS[(h >> (5 * j)) % len(_CONDITIONS)] for j in range(3)]
        instruction = (
            f"{_VERBS[h % len(_VERBS)]} how {words[0]} differs from {words[1]} in a patient who also has "
            f"{words[2]} (case {h % 9973})."
        )
        header = "" if k == 0 else f"###\n{start + k}. Type:"
        blocks.append(
            f"{header} Open Q&A\nTopic: {words[0].capitalize()}\nView: {_VIEWS[h % len(_VIEWS)]}\nDifficulty: "
            f"{1 + h % 5}\nInstruction: {instruction}\nInput: <noinput>\n"
        )
    return "".join(blocks)


def kb_dialogue(user: str) -> str:
    """A dialogue that passes the ``kb-dialogues`` checks for the entry in the prompt."""
    name = _line(user, "Disease")
    tests, medications = _listed(user, "Tests and procedures"), _listed(user, "Common medications")
    test = tests[0] if tests else "a physical examination"
    medication = medications[0] if medications else "rest and fluids"
    return (
        "Patient: I have been feeling unwell for about a week and it is getting worse.\n"
        "Doctor: I am sorry to hear that. When did it start, and what makes it better or worse?\n"
        "Patient: It started slowly and it is worse in the evening.\n"
        f"Doctor: From what you describe this may be {name}. I recommend {test} to confirm it.\n"
        "Patient: What can I take for it?\n"
        f"Doctor: If it is confirmed, {medication} is commonly used. Please see your doctor to discuss it.\n"
    )


def rewritten_reply(user: str) -> str:
    """The doctor's reply kept word for word behind a polite opening, so no fact is dropped or added."""
    reply = user.split("The doctor's reply:\n", 1)[1].rsplit("\n\nWrite only the rewritten reply.", 1)[0]
    return "Thank you for your question. " + reply.strip()


def mcq_answer(user: str) -> str:
    question = _line(user, "Question").rstrip("?")
    answer = _line(user, "Correct answer")
    return f"Question: {question}?\nAnswer: The answer is {answer}. It is the option that fits the facts given."


def disc_scores(user: str) -> str:
    h = _digest(user)
    scores = [3 + (h >> (3 * i)) % 3 for i in range(4)]
    labels = ("Proactivity", "Accuracy", "Helpfulness", "Linguistic Quality")
    return "\n".join(f"{label}: {score}" for label, score in zip(labels, scores, strict=True))


def reply_to(body: dict[str, Any]) -> str:
    """The scripted teacher's reply to one chat or completion request."""
    messages = body.get("messages") or []
    user = str(messages[-1].get("content", "")) if messages else str(body.get("prompt", ""))
    h = _digest(user)
    if re.search(r"tasks:\n###", user) and re.search(r"\d+\. Type:\s*$", user):
        return self_instruct_tasks(user)
    if user.startswith("Write a conversation between a patient and a doctor"):
        return kb_dialogue(user)
    if "The doctor's reply:\n" in user and "Write only the rewritten reply." in user:
        return rewritten_reply(user)
    if re.search(r"^Correct answer:", user, re.MULTILINE) and "Reply in exactly this form" in user:
        return mcq_answer(user)
    if "Which is better, Output (a) or Output (b)?" in user:
        return ("Output (a)", "Output (b)", "Tie")[h % 3]
    if "[start of conversation]" in user:
        return disc_scores(user)
    if "Score: N" in user:  # preference judge and the training `judge` reward
        return f"The answer is partly complete.\nScore: {1 + h % 10}"
    if '"criteria_met"' in user:
        met = "true" if h % 2 else "false"
        return f'{{"explanation": "Scripted smoke-test verdict.", "criteria_met": {met}}}'
    if "Answer with one word: yes or no." in user:
        return "yes" if h % 2 else "no"
    if "患者的身份" in user:
        return "我也不太清楚，没有做过这个检查。"
    if "Write the patient's next message" in user:
        return "I am not sure; I have not had that test."
    return "This is a scripted smoke-test answer. Please see a clinician for advice about your own health."


@contextmanager
def scripted_teacher() -> Iterator[str]:
    """Run the scripted teacher on loopback for the ``with`` block; yields its OpenAI base URL."""
    with FakeOpenAIServer(reply=reply_to, model_ids=[SCRIPTED_MODEL]) as server:
        yield server.base_url


__all__ = ["SCRIPTED_MODEL", "reply_to", "scripted_teacher"]
