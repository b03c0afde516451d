"""Helpers for training tests: run small recipes, and preference pairs made from real dialogues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medllm.train import parse_recipe, run_recipe


def train_stages(output: Path, model: str, *stages: dict[str, Any], seed: int = 0, **recipe: Any) -> dict[str, Any]:
    """Validate and run a recipe of ``stages`` on ``model``; returns the run summary."""
    return run_recipe(parse_recipe({"model": model, "seed": seed, "stages": list(stages), **recipe}), output)


#: Small, fast settings for the 1.5M-parameter model on CPU.
TINY_ARGS: dict[str, Any] = {
    "per_device_train_batch_size": 8,
    "per_device_eval_batch_size": 16,
    "logging_steps": 1,
    "save_strategy": "no",
}


def write_reply_preferences(path: Path, n: int) -> Path:
    """Preference pairs from real ChatDoctor dialogues: the doctor's whole reply is preferred over the
    same reply cut to its first sentence (a curt answer). Learnable by a tiny model within a few steps."""
    import json
    import re

    from medllm.datasets import iter_records

    rows = []
    for record in iter_records("chatdoctor-5k"):
        question, reply = record.messages[-2].content, record.messages[-1].content
        sentences = re.split(r"(?<=[.!?])\s+", reply.strip())
        if len(sentences) < 3 or len(question) > 400 or len(reply) > 600:
            continue
        rows.append({"prompt": question, "chosen": reply, "rejected": sentences[0]})
        if len(rows) == n:
            break
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
