"""Reward functions for GRPO, RLOO and rejection sampling, in TRL's calling convention.

Each is called with ``prompts`` and ``completions`` (message lists) plus the dataset's extra columns:
``answer`` (gold option letters, for exam questions), ``letters`` (the options offered) and
``reference`` (a reference reply), and returns one float per completion (None where it does not apply,
which TRL skips). Rewards are in [0, 1] except a reward model's raw score.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from medllm.evaluation import extract_choice, extract_choices, rouge_l_f1
from medllm.train.recipe import RewardFunctionSpec

logger = logging.getLogger(__name__)

RewardFunc = Callable[..., list[float | None]]

JUDGE_PROMPT = (
    "You are grading a medical assistant's answer against a reference answer written by a physician.\n"
    "Score from 1 (wrong, unsafe or unhelpful) to 10 (as correct, safe and helpful as the reference). "
    "An answer that misses an urgent referral the reference makes scores at most 3.\n\n"
    "Question:\n{question}\n\nReference answer:\n{reference}\n\nAnswer to grade:\n{answer}\n\n"
    "Reply with the score alone, as: Score: N"
)


def completion_text(completion: Any) -> str:
    """The text of a completion given as a string or as a list of messages."""
    if isinstance(completion, str):
        return completion
    return "".join(m.get("content", "") for m in completion if m.get("role", "assistant") == "assistant")


def last_user_turn(prompt: Any) -> str:
    """The last user message of a prompt given as messages (or the prompt string itself)."""
    if isinstance(prompt, str):
        return prompt
    users = [m["content"] for m in prompt if m.get("role") == "user"]
    return users[-1] if users else ""


def mcq_answer(prompts: list[Any], completions: list[Any], answer: list[str], letters: list[str], **_: Any) -> list:
    """1 when the stated option letter is the gold one, 0 otherwise (also when no letter can be read)."""
    rewards: list[float | None] = []
    for completion, gold, offered in zip(completions, answer, letters, strict=True):
        if not gold:
            rewards.append(None)
            continue
        text = completion_text(completion)
        if len(gold) > 1:  # several correct options: only the exact set earns the reward
            rewards.append(1.0 if extract_choices(text, list(offered)) == sorted(gold) else 0.0)
            continue
        choice = extract_choice(text, list(offered))
        rewards.append(1.0 if choice is not None and choice in gold else 0.0)
    return rewards


def reference_overlap(prompts: list[Any], completions: list[Any], reference: list[str], **_: Any) -> list:
    """ROUGE-L F1 against the reference reply."""
    return [rouge_l_f1(completion_text(c), ref) if ref else None for c, ref in zip(completions, reference, strict=True)]


def length_reward(min_words: int, max_words: int) -> RewardFunc:
    """1 inside ``[min_words, max_words]``, falling linearly to 0 at zero words or twice the maximum."""

    def length(prompts: list[Any], completions: list[Any], **_: Any) -> list:
        scores: list[float | None] = []
        for completion in completions:
            n = len(completion_text(completion).split())
            if n < min_words:
                scores.append(n / min_words)
            elif n > max_words:
                scores.append(max(0.0, 1 - (n - max_words) / max_words))
            else:
                scores.append(1.0)
        return scores

    return length


def judge_reward(model_spec: str) -> RewardFunc:
    """An LLM grades each answer 1-10 against the reference; the reward is score / 10, 0 when unparseable."""
    from medllm.models import GenerationConfig, load_model

    judge = load_model(model_spec)
    config = GenerationConfig(max_new_tokens=8, temperature=0.0)

    def judge_score(prompts: list[Any], completions: list[Any], reference: list[str], **_: Any) -> list:
        requests = [
            [
                {
                    "role": "user",
                    "content": JUDGE_PROMPT.format(
                        question=last_user_turn(prompt),
                        reference=ref,
                        answer=completion_text(completion),
                    ),
                }
            ]
            for prompt, completion, ref in zip(prompts, completions, reference, strict=True)
        ]
        verdicts = judge.chat(requests, config)
        return [parse_score(verdict) for verdict in verdicts]

    judge_score.__name__ = "judge"
    return judge_score


def parse_score(verdict: str) -> float:
    """``Score: N`` (or a bare number 1-10) as N / 10; 0.0 when none can be read."""
    match = re.search(r"score\s*[:=]?\s*(10|[1-9])\b", verdict, flags=re.IGNORECASE) or re.match(
        r"\s*(10|[1-9])\b", verdict
    )
    if match is None:
        logger.debug("unparseable judge verdict: %r", verdict)
        return 0.0
    return int(match.group(1)) / 10


def build_rewards(specs: list[RewardFunctionSpec], reward_models: dict[str, str]) -> tuple[list[Any], list[Any]]:
    """The reward functions (or reward models) of a stage, and the processing class of each (None for functions).

    Raises:
        medllm.io.issues.DataError: a ``reward_model`` names neither an earlier reward stage nor a folder.
    """
    funcs: list[Any] = []
    processing: list[Any] = []
    for spec in specs:
        if spec.type == "reward_model":
            model, tokenizer = load_reward_model(spec.model or "", reward_models)
            funcs.append(model)
            processing.append(tokenizer)
            continue
        if spec.type == "mcq_answer":
            funcs.append(mcq_answer)
        elif spec.type == "reference_overlap":
            funcs.append(reference_overlap)
        elif spec.type == "length":
            funcs.append(length_reward(spec.min_words, spec.max_words))
        else:
            funcs.append(judge_reward(spec.model or ""))
        processing.append(None)
    return funcs, processing


def load_reward_model(spec: str, reward_models: dict[str, str]) -> tuple[Any, Any]:
    """A sequence-classification reward model and its tokenizer, by earlier stage name or folder."""
    from pathlib import Path

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from medllm.io.issues import DataError

    path = reward_models.get(spec, spec)
    if spec not in reward_models and not Path(path).is_dir():
        known = ", ".join(reward_models) or "none yet"
        raise DataError(f"reward model {spec!r} is neither an earlier reward stage ({known}) nor a model folder")
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=1)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.pad_token_id = tokenizer.pad_token_id
    return model.eval(), tokenizer


def score_completions(
    funcs: list[Any], processing: list[Any], weights: list[float], prompts: list[Any], completions: list[Any], **columns
) -> list[float]:
    """The weighted sum of every reward for each completion (outside a TRL trainer: rejection sampling)."""
    import torch

    totals = [0.0] * len(completions)
    for func, tokenizer, weight in zip(funcs, processing, weights, strict=True):
        if tokenizer is None:
            scores = func(prompts=prompts, completions=completions, **columns)
        else:
            texts = [
                tokenizer.apply_chat_template(list(p) + list(c), tokenize=False)
                for p, c in zip(prompts, completions, strict=True)
            ]
            batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
            with torch.no_grad():
                scores = func(**batch).logits[:, 0].tolist()
        totals = [t + weight * (s if s is not None else 0.0) for t, s in zip(totals, scores, strict=True)]
    return totals
