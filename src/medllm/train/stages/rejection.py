"""Rejection sampling (ChiMed-GPT): sample N replies per prompt, score them, fine-tune on the best.

Sampling uses the stage's input model through medllm's transformers backend (batched, seeded); every
candidate with its reward goes to ``<stage>/samples.jsonl``, so what was kept and why can be read back.
The kept conversations (prompt plus best reply, ``keep_best`` per prompt) are trained on with SFT.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from medllm.io.issues import DataError
from medllm.records import Conversation, Message
from medllm.train.data import StageData
from medllm.train.rewards import build_rewards, score_completions
from medllm.train.stages.online import prompt_rows
from medllm.train.stages.sft import SFTStage, conversation_rows

if TYPE_CHECKING:
    from datasets import Dataset
    from transformers import PreTrainedTokenizerBase


class RejectionSamplingStage(SFTStage):
    type = "rejection_sampling"
    learning_rates = (1e-5, 1e-4)
    #: sampled replies no reward could score (a judge verdict without a score), counted for the summary
    unscored_samples: int = 0

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        from datasets import Dataset

        best = self.sample_and_select(prompt_rows(data.train))
        max_length = self.config.max_length
        train, _ = conversation_rows(best, tokenizer, max_length)
        if not train:
            raise DataError("rejection sampling kept no reply to train on")
        # Held out: the original references, so the loss measures movement towards good replies.
        validation, _ = conversation_rows(data.validation, tokenizer, max_length)
        data.skipped["prompts_without_a_kept_sample"] = len(data.train) - len(train)
        if self.unscored_samples:
            data.skipped["samples_the_judge_could_not_score"] = self.unscored_samples
        return Dataset.from_list(train), Dataset.from_list(validation) if validation else None

    def sample_and_select(self, rows: list[dict[str, Any]]) -> list[Conversation]:
        """Sample ``num_samples`` replies per prompt, score them, keep the ``keep_best`` highest per prompt."""
        from medllm.models import GenerationConfig
        from medllm.models.transformers_backend import TransformersModel

        spec = self.spec
        say = self.context.on_status
        policy = TransformersModel.from_pretrained(self.context.model, chat_template=self.context.chat_template)
        funcs, processing = build_rewards(spec.rewards, self.context.reward_models)
        weights = [reward.weight for reward in spec.rewards]
        kept: list[Conversation] = []
        unscored = 0
        log_path = self.context.output_dir / "samples.jsonl"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        say(f"[{spec.name}] sampling {spec.num_samples} replies for each of {len(rows)} prompts")
        with open(log_path, "w", encoding="utf-8") as log:
            for index, row in enumerate(rows):
                config = GenerationConfig(
                    max_new_tokens=spec.sample_max_new_tokens,
                    temperature=1.0,
                    top_p=0.95,
                    seed=self.context.seed * 100_003 + index,
                )
                replies = policy.chat([row["prompt"]] * spec.num_samples, config)
                completions = [[{"role": "assistant", "content": reply}] for reply in replies]
                n = len(completions)
                scores = score_completions(
                    funcs,
                    processing,
                    weights,
                    [row["prompt"]] * n,
                    completions,
                    answer=[row["answer"]] * n,
                    letters=[row["letters"]] * n,
                    reference=[row["reference"]] * n,
                )
                # A reply a judge could not score (None) is never kept: its quality is unknown.
                scored = [i for i in range(n) if scores[i] is not None]
                unscored += n - len(scored)
                ranked = sorted(scored, key=lambda i: scores[i], reverse=True)[: spec.keep_best]
                log.write(
                    json.dumps(
                        {"prompt": row["prompt"], "replies": replies, "scores": scores, "kept": ranked},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                for i in ranked:
                    if replies[i].strip():
                        messages = [Message(**m) for m in row["prompt"]]
                        messages.append(Message(role="assistant", content=replies[i]))
                        kept.append(Conversation(messages=messages, source="rejection_sampling"))
        policy.close()
        self.unscored_samples = unscored
        return kept
