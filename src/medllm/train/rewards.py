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


class JudgeCounts:
    """Verdicts a judge reward asked for, and those with no score in them."""

    def __init__(self) -> None:
        self.verdicts = 0
        self.unparseable = 0


def judge_reward(model: str | Any) -> RewardFunc:
    """An LLM grades each answer 1-10 against the reference: the reward is score / 10.

    A verdict with no score 1-10 in it gives None, never 0: the sample is left out (TRL gives a sample no
    reward scores a NaN reward, keeps it out of the group baseline and sets its advantage to 0; with
    several rewards, :func:`build_rewards` empties the others for that sample too). Each such verdict is
    counted (``judge.counts``), warned about, and logged to the trainer as ``judge/unparseable`` (the
    share of the batch).

    Args:
        model: anything ``medllm generate`` takes (a built-in name, folder, hub id, server URL), or a
            loaded ``ChatModel``.
    """
    from medllm.models import GenerationConfig, load_model

    judge = load_model(model) if isinstance(model, str) else model
    config = GenerationConfig(max_new_tokens=8, temperature=0.0)
    counts = JudgeCounts()

    def judge_score(
        prompts: list[Any], completions: list[Any], reference: list[str], log_metric: Any = None, **_: Any
    ) -> list:
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
        scores = [parse_score(verdict) for verdict in verdicts]
        failed = [verdict for verdict, score in zip(verdicts, scores, strict=True) if score is None]
        counts.verdicts += len(verdicts)
        counts.unparseable += len(failed)
        if failed:
            logger.warning(
                "judge: %d of %d verdicts had no score 1-10 (first: %r); those samples get no reward "
                "and are left out of the advantage (%d of %d so far)",
                len(failed),
                len(verdicts),
                failed[0][:200],
                counts.unparseable,
                counts.verdicts,
            )
        if log_metric is not None and verdicts:
            log_metric("judge/unparseable", len(failed) / len(verdicts))
        return scores

    judge_score.__name__ = "judge"
    judge_score.counts = counts  # type: ignore[attr-defined]
    judge_score.leaves_out_unscored = True  # type: ignore[attr-defined]
    return judge_score


def parse_score(verdict: str) -> float | None:
    """``Score: N`` (or a bare number 1-10 at the start) as N / 10; None when no score can be read."""
    match = re.search(r"score\s*[:=]?\s*(10|[1-9])\b", verdict, flags=re.IGNORECASE) or re.match(
        r"\s*(10|[1-9])\b", verdict
    )
    if match is None:
        return None
    return int(match.group(1)) / 10


def build_rewards(specs: list[RewardFunctionSpec], reward_models: dict[str, str]) -> tuple[list[Any], list[Any]]:
    """The reward functions (or reward models) of a stage, and the processing class of each (None for functions).

    Reward models go to TRL as models (it batches them on the trainer's device), unless the stage also has
    a judge: then every reward is a function scored through :class:`JointRewards`, so a sample whose
    verdict has no score is left out by all of them, not scored by the others alone.

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
    if not any(getattr(func, "leaves_out_unscored", False) for func in funcs):
        return funcs, processing
    scorers = [
        func if tokenizer is None else reward_model_scorer(func, tokenizer)
        for func, tokenizer in zip(funcs, processing, strict=True)
    ]
    joint = JointRewards(scorers)
    return [joint.column(index) for index in range(len(scorers))], [None] * len(scorers)


class JointRewards:
    """A stage's rewards scored together, batch by batch, so that a sample one of them cannot score
    (a judge verdict without a score) gets no reward from any of them.

    TRL calls its reward functions one after another with the same batch; the first call of a batch
    scores every reward, the others read their column. A sample is left out of TRL's advantage only when
    every reward is None for it, hence the joint scoring.
    """

    def __init__(self, scorers: list[RewardFunc]) -> None:
        self.scorers = scorers
        self._key: str | None = None
        self._columns: list[list[float | None]] = []

    def column(self, index: int) -> RewardFunc:
        def reward(prompts: list[Any], completions: list[Any], **columns: Any) -> list:
            return self.score(prompts, completions, **columns)[index]

        reward.__name__ = getattr(self.scorers[index], "__name__", f"reward_{index}")
        reward.leaves_out_unscored = getattr(self.scorers[index], "leaves_out_unscored", False)  # type: ignore[attr-defined]
        return reward

    def score(self, prompts: list[Any], completions: list[Any], **columns: Any) -> list[list[float | None]]:
        """Every reward's scores for the batch (computed once per batch); None in every column for a sample
        a gating reward could not score."""
        import hashlib
        import json

        key = hashlib.sha256(json.dumps([prompts, completions], default=str).encode()).hexdigest()
        if key != self._key:
            results = [scorer(prompts=prompts, completions=completions, **columns) for scorer in self.scorers]
            unscored = {
                row
                for scorer, scores in zip(self.scorers, results, strict=True)
                if getattr(scorer, "leaves_out_unscored", False)
                for row, score in enumerate(scores)
                if score is None
            }
            self._columns = [
                [None if row in unscored else score for row, score in enumerate(scores)] for scores in results
            ]
            self._key = key
        return self._columns


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


def reward_model_scores(model: Any, tokenizer: Any, prompts: list[Any], completions: list[Any]) -> list[float]:
    """A reward model's scalar for each prompt and completion (conversations through the chat template),
    as TRL computes it: right-padded, the score of each sequence's last real token."""
    import torch

    if prompts and not isinstance(prompts[0], str):
        texts = [
            tokenizer.apply_chat_template(list(p) + list(c), tokenize=False)
            for p, c in zip(prompts, completions, strict=True)
        ]
    else:
        texts = [str(p) + completion_text(c) for p, c in zip(prompts, completions, strict=True)]
    batch = tokenizer(texts, return_tensors="pt", padding=True, padding_side="right", add_special_tokens=False)
    device = next(model.parameters()).device
    with torch.inference_mode():
        return model(**batch.to(device)).logits[:, 0].float().tolist()


def reward_model_scorer(model: Any, tokenizer: Any) -> RewardFunc:
    """A reward model as a reward function (on the GPU where there is one)."""
    import torch

    if torch.cuda.is_available():
        model.to(torch.cuda.current_device())

    def score(prompts: list[Any], completions: list[Any], **_: Any) -> list:
        return reward_model_scores(model, tokenizer, prompts, completions)

    score.__name__ = getattr(model.config, "_name_or_path", "reward_model").rstrip("/").split("/")[-1] or "reward_model"
    return score


def score_completions(
    funcs: list[Any], processing: list[Any], weights: list[float], prompts: list[Any], completions: list[Any], **columns
) -> list[float | None]:
    """The weighted sum of every reward for each completion (outside a TRL trainer: rejection sampling).

    A reward that does not apply to a completion (None from ``mcq_answer`` without a gold answer) adds
    nothing; a completion a judge could not score is None, so it cannot be chosen as the best.
    """
    scorers = [
        func if tokenizer is None else reward_model_scorer(func, tokenizer)
        for func, tokenizer in zip(funcs, processing, strict=True)
    ]
    columns_scored = JointRewards(scorers).score(prompts, completions, **columns)
    gating = [getattr(scorer, "leaves_out_unscored", False) for scorer in scorers]
    totals: list[float | None] = []
    for row in range(len(completions)):
        if any(gate and column[row] is None for gate, column in zip(gating, columns_scored, strict=True)):
            totals.append(None)
            continue
        totals.append(
            sum(weight * (column[row] or 0.0) for weight, column in zip(weights, columns_scored, strict=True))
        )
    return totals
