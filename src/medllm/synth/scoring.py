"""How ``preferences`` scores sampled answers: a judge verdict parsed strictly, or a local reward model.

A verdict that holds no readable score is never turned into a number: :func:`parse_verdict` returns
None and the generator reports the answer (``unparseable_verdict``) instead of ranking it. This is
unlike ``medllm.train.rewards.parse_score``, which scores an unreadable verdict 0 inside a training
loop; a 0 in a preference pair would silently make a good answer the rejected one.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from medllm.synth.types import Message, SynthError

#: The rubric's scale; a verdict outside it is unparseable, not clipped.
SCORE_MIN, SCORE_MAX = 1.0, 10.0
# "Score: 7", "**Score:** 7", "score = 7.5", "Score: 8/10"; the last one in the verdict counts (a
# justification may quote the rubric's "Score: N" line before giving its own).
_SCORE = re.compile(r"score\W{0,3}\s*[:=]\s*\**\s*(\d+(?:\.\d+)?)\s*(?:/\s*10\b)?", re.IGNORECASE)
_BARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*10)?\s*\.?\s*$")


def parse_verdict(text: str) -> float | None:
    """The judge's score in [1, 10], or None when the verdict holds no readable in-range score.

    The last ``Score: N`` line counts; a verdict that is only a number is read as that number.
    """
    matches = _SCORE.findall(text)
    if matches:
        value = float(matches[-1])
    elif (bare := _BARE.match(text)) is not None:
        value = float(bare.group(1))
    else:
        return None
    return value if SCORE_MIN <= value <= SCORE_MAX else None


class RewardModelScorer:
    """A sequence-classification reward model exported by a ``medllm train`` ``reward`` stage.

    The folder is checked when the scorer is built (cheap: ``config.json`` only) and the weights load on
    first use. Each answer is scored as TRL's reward trainer saw its pairs: the tokenizer's chat
    template over the prompt and the answer (:func:`medllm.train.rewards.score_completions`).

    Args:
        folder: the reward model's folder (``<run>/<NN-stage>/model`` of a reward stage).

    Raises:
        SynthError: the folder is missing or holds no sequence-classification model.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser()
        config_file = self.folder / "config.json"
        if not config_file.is_file():
            raise SynthError(f"reward model {self.folder}: no such model folder (no config.json)")
        try:
            config = json.loads(config_file.read_text(encoding="utf-8"))
        except ValueError as error:
            raise SynthError(f"reward model {config_file}: not JSON ({error})") from None
        architectures = config.get("architectures") or []
        # A causal LM folder would load with a freshly initialised (random) score head: refuse it.
        if not any(str(a).endswith("ForSequenceClassification") for a in architectures):
            raise SynthError(
                f"reward model {self.folder}: not a sequence-classification model (architectures: "
                f"{', '.join(map(str, architectures)) or 'none'}); give the folder a `medllm train` reward stage wrote"
            )
        self._loaded: tuple[Any, Any] | None = None
        self._lock = asyncio.Lock()

    def fingerprint(self) -> dict[str, Any]:
        """Where the model is and a hash of its files, for each record's provenance."""
        digest = hashlib.sha256()
        for path in sorted(self.folder.iterdir()):
            if path.is_file() and path.suffix in (".json", ".safetensors", ".bin", ".model", ".txt"):
                digest.update(path.name.encode())
                with open(path, "rb") as handle:
                    for block in iter(lambda handle=handle: handle.read(1 << 20), b""):
                        digest.update(block)
        return {"type": "reward_model", "path": str(self.folder), "sha256": digest.hexdigest()}

    def _load(self) -> tuple[Any, Any]:
        if self._loaded is None:
            from medllm.io.issues import DataError
            from medllm.train.rewards import load_reward_model

            try:
                self._loaded = load_reward_model(str(self.folder), {})
            except (DataError, OSError, ValueError) as error:
                raise SynthError(f"reward model {self.folder}: {error}") from None
        return self._loaded

    def score_sync(self, prompt: list[Message], answers: list[str]) -> list[float | None]:
        """The reward of each answer to ``prompt`` (raw scalar logits; higher is better).

        None for an answer whose conversation is longer than the model's positions: it cannot be scored
        (``score_completions`` would fail on it, or a truncated input would score a different text).
        """
        from medllm.train.rewards import score_completions

        model, tokenizer = self._load()
        limit = getattr(model.config, "max_position_embeddings", None) or tokenizer.model_max_length
        completions = [[{"role": "assistant", "content": answer}] for answer in answers]
        fits = [
            len(
                tokenizer(
                    tokenizer.apply_chat_template([*prompt, *c], tokenize=False), add_special_tokens=False
                ).input_ids
            )
            <= limit
            for c in completions
        ]
        scored = iter(
            score_completions(
                [model],
                [tokenizer],
                [1.0],
                [prompt] * sum(fits),
                [c for c, fit in zip(completions, fits, strict=True) if fit],
            )
            if any(fits)
            else []
        )
        return [next(scored) if fit else None for fit in fits]

    async def score(self, prompt: list[Message], answers: list[str]) -> list[float | None]:
        """:meth:`score_sync` in a worker thread, one batch at a time (the model is not thread-safe)."""
        async with self._lock:
            return await asyncio.to_thread(self.score_sync, prompt, answers)
