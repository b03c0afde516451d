"""Re-judging DISC-MedLLM's published consultations, to compare a judge with their GPT-4 scores.

DISC-MedLLM released six models' consultations on CMB-Clin, CMD and CMID and GPT-4's 1-5 scores of
each on four criteria. This task sends every dialogue to ``--judge`` with DISC's own prompt
(:mod:`medllm.evaluation.disc_judge`) and reads the same score format back. Reported per criterion:
the judge's mean, GPT-4's mean on the same dialogues, and their Spearman correlation over dialogues;
and at system level (the ranking of the dialogue models by mean total score), Spearman over models.

A judge that agrees with GPT-4 on these dialogues is a cheaper stand-in for scoring new consultations
(task type ``consultation``); one that does not should not be compared with DISC's published table.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any, Literal

from pydantic import Field

from medllm.evaluation.context import RunContext, chat, user
from medllm.evaluation.disc_judge import CRITERIA, judge_prompt, read_scores
from medllm.evaluation.tasks import TaskBase
from medllm.io.issues import IssueLog
from medllm.records import Conversation

ROLES = ("judge",)
REPORTED = ("spearman_mean", "system_spearman", "judge_total", "reference_total")
CHUNK = 16

_BENCHMARKS = {"cmb-clin": "cmb-clin", "cmd": "cmd", "cmid": "cmid"}


class Spec(TaskBase):
    """Which published dialogues to re-judge.

    Attributes:
        dataset: the dialogues (default ``disc-eval-dialogues``); ``scores_dataset`` the GPT-4 scores.
        benchmarks: keep these benchmarks only (``cmb-clin``, ``cmd``, ``cmid``; default all).
        models: keep these dialogue models only (default all six).
    """

    type: Literal["dialogue_judge"]
    dataset: str | None = "disc-eval-dialogues"
    scores_dataset: str = "disc-gpt4-scores"
    benchmarks: list[Literal["cmb-clin", "cmd", "cmid"]] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)
    judge_max_new_tokens: int = Field(48, gt=0)


def load(spec: Spec, split: str | None) -> tuple[list[Conversation], IssueLog]:
    """Dialogues paired with their GPT-4 scores; ids are ``model/benchmark/case``.

    A file may repeat a case (GPT-4's CMD file has 121 rows for 120 cases): the n-th repeat of a
    dialogue pairs with the n-th repeat of its score. Dialogues without a score are counted, not used.
    """
    from medllm.datasets import iter_records

    issues = IssueLog()
    scores: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in iter_records(spec.scores_dataset, on_issue=issues, progress=False):
        scores[(row["model"], row["source"].removeprefix("disc/"), row["id"])].append(row["scores"])
    assert spec.dataset is not None
    seen: Counter[tuple[str, str, str]] = Counter()
    items = []
    for record in iter_records(spec.dataset, split=split, on_issue=issues, progress=False):
        model = record.metadata.get("extra", {}).get("model", "unknown")
        benchmark = _BENCHMARKS.get(str(record.source).lower(), str(record.source).lower())
        if (spec.benchmarks and benchmark not in spec.benchmarks) or (spec.models and model not in spec.models):
            continue
        key = (model, benchmark, str(record.id))
        repeat = seen[key]
        seen[key] += 1
        if repeat >= len(scores.get(key, [])):
            issues.counts["dialogue without a GPT-4 score"] += 1
            continue
        suffix = f"#{repeat + 1}" if repeat else ""
        items.append(
            record.model_copy(
                update={
                    "id": f"{model}/{benchmark}/{record.id}{suffix}",
                    "metadata": {"model": model, "benchmark": benchmark, "gpt4_scores": scores[key][repeat]},
                }
            )
        )
    return items, issues


def turns_of(conversation: Conversation) -> list[dict[str, str]]:
    """The dialogue as DISC writes it: ``patient`` and ``doctor`` turns."""
    names = {"user": "patient", "assistant": "doctor"}
    return [{"role": names.get(m.role, m.role), "content": m.content} for m in conversation.messages]


def run(context: RunContext, spec: Spec, items: list[Conversation]) -> list[dict[str, Any]]:
    judge = context.role("judge", spec.name)
    prompts = [judge_prompt(turns_of(item), item.metadata["benchmark"]) for item in items]
    replies = chat(judge, [user(p) for p in prompts], spec.judge_max_new_tokens)
    return [
        {
            "id": item.id,
            "model": item.metadata["model"],
            "benchmark": item.metadata["benchmark"],
            "prompt": prompt,
            "raw": reply,
            "scores": read_scores(reply),
            "reference_scores": item.metadata["gpt4_scores"],
        }
        for item, prompt, reply in zip(items, prompts, replies, strict=True)
    ]


def metrics(spec: Spec, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Means, item-level Spearman per criterion, system-level Spearman over dialogue models."""
    parsed = [e for e in entries if e["scores"] is not None]
    out: dict[str, Any] = {"n": len(entries), "unparseable": len(entries) - len(parsed)}
    rhos = []
    for criterion in CRITERIA:
        ours = [float(e["scores"][criterion]) for e in parsed]
        theirs = [float(e["reference_scores"][criterion]) for e in parsed]
        out[f"judge_{criterion}"] = _mean(ours)
        out[f"reference_{criterion}"] = _mean(theirs)
        out[f"spearman_{criterion}"] = rho = spearman(ours, theirs)
        rhos.append(rho)
    finite = [r for r in rhos if not math.isnan(r)]
    out["spearman_mean"] = sum(finite) / len(finite) if finite else float("nan")
    out["judge_total"] = _mean([sum(e["scores"].values()) for e in parsed])
    out["reference_total"] = _mean([sum(e["reference_scores"].values()) for e in parsed])
    by_model: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in parsed:
        by_model[entry["model"]].append(entry)
    systems = {
        model: {
            "n": len(rows),
            "judge_total": _mean([sum(e["scores"].values()) for e in rows]),
            "reference_total": _mean([sum(e["reference_scores"].values()) for e in rows]),
        }
        for model, rows in sorted(by_model.items())
    }
    out["systems"] = systems
    totals = list(systems.values())
    out["system_spearman"] = (
        spearman([s["judge_total"] for s in totals], [s["reference_total"] for s in totals])
        if len(totals) >= 3
        else float("nan")
    )
    return out


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (ties averaged), NaN when undefined (fewer than 3 pairs, a constant side)."""
    if len(a) < 3 or len(set(a)) < 2 or len(set(b)) < 2:
        return float("nan")
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")
