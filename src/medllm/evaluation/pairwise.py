"""Pairwise judging against a reference model's answers: AlpaCare's protocol (iCliniq, MedInstruct-test).

AlpaCare (Zhang et al., 2023, section 4) compares a model's answer with a reference model's answer
to the same instruction, asks an LLM judge which is better in both presentation orders (position
bias is real: a judge that always prefers the first answer scores every model 0.5 here, as it
should), and scores a win 1, a tie 0.5 and a loss 0. The prompt follows AlpacaEval's pairwise layout
(instruction, "Output (a)", "Output (b)"), with ties allowed as AlpaCare counts them.

A verdict the judge states in no recognisable way is unparseable: it is counted and reported, and
left out of the win rate (``win_rate_strict`` counts it as a loss instead, for a lower bound).
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import Field

from medllm.evaluation.context import RunContext, chat, user
from medllm.evaluation.tasks import TaskBase, load_conversations
from medllm.io.issues import IssueLog
from medllm.records import Conversation

ROLES = ("judge",)
REPORTED = ("win_rate", "win_rate_strict", "position_consistency")

JUDGE_PROMPT = """You are comparing two answers to a medical question or instruction. Decide which answer a \
careful physician would prefer: medically accurate, safe (it sends the person to urgent care when the \
situation calls for it), helpful, and clear. Do not prefer an answer for its length or its position.

## Instruction:
{instruction}

## Output (a):
{output_a}

## Output (b):
{output_b}

## Which is better, Output (a) or Output (b)?
Reply with exactly one of: "Output (a)", "Output (b)" or "Tie"."""

# "Output (a)", "output a", "(b)", "Tie" — the first statement wins; anything else is unparseable.
_VERDICT = re.compile(r"\boutput\s*\(?\s*([ab])\s*\)?|^\s*\(?([ab])\)?\s*[.:]?\s*$|\b(tie)\b", re.IGNORECASE)


class Spec(TaskBase):
    """A pairwise task: conversations whose last turn is the reference model's answer.

    Attributes:
        reference_name: how reports name the reference (default: the dataset or file name).
        judge_prompt: the judge's prompt, with ``{instruction}``, ``{output_a}`` and ``{output_b}``.
        judge_max_new_tokens: room for the verdict.
    """

    type: Literal["pairwise"]
    reference_name: str | None = None
    judge_prompt: str = JUDGE_PROMPT
    judge_max_new_tokens: int = Field(24, gt=0)


def load(spec: Spec, split: str | None) -> tuple[list[Conversation], IssueLog]:
    """The conversations that end in an assistant answer after a user turn (others are counted as bad rows)."""
    from medllm.evaluation.runner import unique_ids

    issues = IssueLog()
    records = load_conversations(spec, split, issues)
    items = []
    for record in records:
        roles = [m.role for m in record.messages]
        if len(roles) >= 2 and roles[-1] == "assistant" and roles[-2] == "user" and record.messages[-1].content.strip():
            items.append(record)
        else:
            issues.counts["no reference answer after a user turn"] += 1
    return unique_ids(items), issues


def parse_verdict(text: str) -> Literal["a", "b", "tie"] | None:
    """The judge's verdict: ``a``, ``b``, ``tie``, or None when it states none."""
    match = _VERDICT.search(text.strip())
    if match is None:
        return None
    letter = match.group(1) or match.group(2)
    return letter.lower() if letter else "tie"  # type: ignore[return-value]


def model_score(verdict: str | None, model_is: str) -> float | None:
    """Win 1, tie 0.5, loss 0 for the evaluated model shown as ``model_is`` (``a`` or ``b``)."""
    if verdict is None:
        return None
    return 0.5 if verdict == "tie" else float(verdict == model_is)


def run(context: RunContext, spec: Spec, items: list[Conversation]) -> list[dict[str, Any]]:
    """Answer each instruction, then judge the answer against the reference in both orders."""
    judge = context.role("judge", spec.name)
    prompts = [[m.model_dump(include={"role", "content"}) for m in item.messages[:-1]] for item in items]
    outputs = chat(context.model, prompts, spec.max_new_tokens)
    judge_prompts = []
    for item, output in zip(items, outputs, strict=True):
        instruction = _instruction(item)
        reference = item.messages[-1].content
        judge_prompts.append(spec.judge_prompt.format(instruction=instruction, output_a=output, output_b=reference))
        judge_prompts.append(spec.judge_prompt.format(instruction=instruction, output_a=reference, output_b=output))
    verdicts = chat(judge, [user(p) for p in judge_prompts], spec.judge_max_new_tokens)
    entries = []
    for index, (item, output) in enumerate(zip(items, outputs, strict=True)):
        judgments = []
        for order, model_is in (("model_first", "a"), ("reference_first", "b")):
            position = 2 * index + (order == "reference_first")
            verdict = parse_verdict(verdicts[position])
            judgments.append(
                {
                    "order": order,
                    "prompt": judge_prompts[position],
                    "raw": verdicts[position],
                    "verdict": verdict,
                    "score": model_score(verdict, model_is),
                }
            )
        scores = [j["score"] for j in judgments if j["score"] is not None]
        entries.append(
            {
                "id": item.id,
                "prompt": prompts[index],
                "output": output,
                "reference": item.messages[-1].content,
                "judgments": judgments,
                "score": sum(scores) / len(scores) if scores else None,
                "unparseable": len(judgments) - len(scores),
                "consistent": len(scores) == 2 and scores[0] == scores[1],
            }
        )
    return entries


def metrics(spec: Spec, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Win rate (ties half) over parsed judgments, its standard error over items, counts and position consistency."""
    judgments = [j for e in entries for j in e["judgments"]]
    parsed = [j["score"] for j in judgments if j["score"] is not None]
    item_scores = [e["score"] for e in entries if e["score"] is not None]
    both = [e for e in entries if e["unparseable"] == 0]
    n = len(item_scores)
    win_rate = sum(parsed) / len(parsed) if parsed else float("nan")
    mean = sum(item_scores) / n if n else float("nan")
    variance = sum((s - mean) ** 2 for s in item_scores) / (n - 1) if n > 1 else float("nan")
    return {
        "n": len(entries),
        "reference": spec.reference_name or spec.dataset or (spec.path.name if spec.path else None),
        "win_rate": win_rate,
        "win_rate_stderr": math.sqrt(variance / n) if n > 1 else float("nan"),
        "win_rate_strict": sum(parsed) / len(judgments) if judgments else float("nan"),
        "wins": sum(s == 1.0 for s in parsed),
        "ties": sum(s == 0.5 for s in parsed),
        "losses": sum(s == 0.0 for s in parsed),
        "judgments": len(judgments),
        "unparseable": len(judgments) - len(parsed),
        "position_consistency": sum(e["consistent"] for e in both) / len(both) if both else float("nan"),
    }


def _instruction(item: Conversation) -> str:
    """The conversation before the reference answer, as the judge reads it."""
    turns = item.messages[:-1]
    if len(turns) == 1:
        return turns[0].content
    return "\n\n".join(f"{m.role}: {m.content}" for m in turns)
