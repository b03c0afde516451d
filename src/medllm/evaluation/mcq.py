"""Multiple-choice evaluation: prompts, log-likelihood scoring of every option, generative answering.

Every sample's log keeps exactly what was sent and scored, so a number in a report can be traced to
the strings behind it: the prompt, each continuation with its log-likelihood and token count, the raw
generation where there is one, the extracted answer, the gold answer and the scores.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from medllm.evaluation.answers import answer_statement, extract_choice, extract_choices, instruction_for, mcq_prompt
from medllm.evaluation.tasks import TaskSpec
from medllm.records import MCQItem


def format_item(item: MCQItem, task: TaskSpec, *, with_options: bool | None = None) -> str:
    """The item as the task's prompt text, ending with ``answer_prefix`` (no trailing space)."""
    lines = []
    if item.context:
        lines.append(task.context_prefix + "\n".join(item.context))
    lines.append(task.question_prefix + item.question)
    if with_options if with_options is not None else task.choices == "letters":
        lines.extend(f"{letter}. {text}" for letter, text in item.options.items())
    lines.append(task.answer_prefix)
    return "\n".join(lines)


def continuations(item: MCQItem, task: TaskSpec) -> list[str]:
    """What is scored after the prompt, one per option, in option order."""
    if task.choices == "letters":
        return [f" {letter}" for letter in item.options]
    return [f" {text}" for text in item.options.values()]


def gold_continuation(item: MCQItem, task: TaskSpec) -> str:
    letters = list(item.options)
    return continuations(item, task)[letters.index(item.answer[0])]


class FewShot:
    """Few-shot examples from the task's pool (seeded per item, or its first ones), the same subject when
    asked, never the item itself."""

    def __init__(self, task: TaskSpec, pool: Sequence[MCQItem], seed: int) -> None:
        self.task = task
        self.seed = seed
        self.by_subject: dict[str | None, list[MCQItem]] = defaultdict(list)
        for item in pool:
            self.by_subject[item.subject if task.subject_fewshot else None].append(item)

    def examples(self, item: MCQItem, k: int) -> list[MCQItem]:
        if k == 0:
            return []
        candidates = [
            c for c in self.by_subject[item.subject if self.task.subject_fewshot else None] if c.id != item.id
        ]
        if self.task.fewshot_sampler == "first_n":
            return candidates[:k]
        rng = random.Random(f"{self.seed}:{item.id}")
        return rng.sample(candidates, min(k, len(candidates)))


def build_prompt(item: MCQItem, task: TaskSpec, shots: list[MCQItem]) -> str:
    """Description, the solved examples, then the item, as one string (lm-eval's layout)."""
    parts = []
    if task.description:
        parts.append(task.description.format(subject=(item.subject or "medicine").replace("_", " ")))
    parts.extend(format_item(shot, task) + gold_continuation(shot, task) for shot in shots)
    parts.append(format_item(item, task))
    return "\n\n".join(parts)


def loglikelihood_requests(item: MCQItem, task: TaskSpec, prompt: str) -> list[tuple[str, str]]:
    """The ``(context, continuation)`` pairs that score one item: one per option."""
    return [(prompt, option) for option in continuations(item, task)]


def score_loglikelihood(item: MCQItem, task: TaskSpec, prompt: str, results: Sequence[Any]) -> dict[str, Any]:
    """The sample's log entry from the log-likelihoods of its options (in option order)."""
    options = continuations(item, task)
    letters = list(item.options)
    logprobs = [r.logprob for r in results]
    normed = [lp / max(len(option.encode("utf-8")), 1) for lp, option in zip(logprobs, options, strict=True)]
    pred = letters[max(range(len(letters)), key=lambda i: logprobs[i])]
    pred_norm = letters[max(range(len(letters)), key=lambda i: normed[i])]
    return {
        "id": item.id,
        "prompt": prompt,
        "continuations": [
            {"text": option, "loglikelihood": r.logprob, "tokens": r.n_tokens, "is_greedy": r.is_greedy}
            for option, r in zip(options, results, strict=True)
        ],
        "pred": pred,
        "pred_norm": pred_norm,
        "gold": item.answer,
        "acc": float(pred in item.answer),
        "acc_norm": float(pred_norm in item.answer),
    }


def generative_messages(
    item: MCQItem, task: TaskSpec, shots: list[MCQItem], *, chain_of_thought: bool = False
) -> list[dict[str, str]]:
    """The item as chat turns: solved examples as earlier exchanges, then the question."""
    messages: list[dict[str, str]] = []
    for shot in shots:
        messages.append({"role": "user", "content": mcq_prompt(shot)})
        messages.append({"role": "assistant", "content": answer_statement(shot)})
    instruction = instruction_for(item, chain_of_thought=chain_of_thought)
    messages.append({"role": "user", "content": mcq_prompt(item, instruction=instruction)})
    return messages


def score_generation(
    item: MCQItem, messages: list[dict[str, str]], output: str, *, chain_of_thought: bool = False
) -> dict[str, Any]:
    """The sample's log entry for a free-text answer: the extracted letter (None when unparseable).

    A question with several correct options (多项选择题) is right only when exactly that set is stated.
    A chain-of-thought answer is read from its last explicit statement.
    """
    letters = list(item.options)
    if len(item.answer) > 1:
        chosen = extract_choices(output, letters, last=chain_of_thought)
        pred: str | None = "".join(chosen) if chosen else None
        correct = chosen == sorted(item.answer)
    else:
        pred = extract_choice(output, letters, last=chain_of_thought)
        correct = pred is not None and pred in item.answer
    return {
        "id": item.id,
        "prompt": messages,
        "output": output,
        "pred": pred,
        "gold": item.answer,
        "parsed": pred is not None,
        "acc": float(correct),
    }


def baselines(items: Sequence[MCQItem]) -> dict[str, float]:
    """What accuracy means on these items: ``chance`` and ``majority`` baselines.

    ``chance`` is the expected accuracy of a uniform random guess: 1/k for a question with k options, and
    1/(2^k - 1) for a multi-answer question scored on the exact set (a random non-empty subset).
    ``majority`` is the accuracy of always giving the answer (letter, or set of letters) that is most
    often correct on these same items; PubMedQA's test set, for one, is 55% "yes".
    """
    if not items:
        return {"chance": float("nan"), "majority": float("nan")}
    chance = sum(
        1 / len(item.options) if len(item.answer) == 1 else 1 / (2 ** len(item.options) - 1) for item in items
    ) / len(items)
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for item in items:
        counts[tuple(sorted(item.answer))] += 1
    return {"chance": chance, "majority": max(counts.values()) / len(items)}
