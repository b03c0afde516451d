"""Online reinforcement learning on TRL: GRPO and RLOO with reward functions or a reward model.

Prompts come from conversations (everything before the last reply; the reply becomes the ``reference``
for overlap and judge rewards) or from exam questions (the question as one user turn; the gold letters
become the ``answer`` for the verifiable ``mcq_answer`` reward).

PPO: TRL 1.x removed ``PPOTrainer``. A ``ppo`` stage says so and points to ``rloo``, which optimises the
same reward model with a leave-one-out baseline instead of a learned value head (ClinicalGPT's
reward-model-then-PPO recipe maps onto ``reward`` then ``rloo``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medllm.evaluation import mcq_prompt
from medllm.io.issues import DataError
from medllm.records import Conversation, MCQItem
from medllm.train.data import StageData
from medllm.train.rewards import build_rewards
from medllm.train.stages.base import Stage

if TYPE_CHECKING:
    from datasets import Dataset
    from transformers import PreTrainedTokenizerBase


def prompt_row(record: Conversation | MCQItem) -> dict[str, Any] | None:
    """A prompt with its checkable answer or reference; None for a conversation with no user turn to answer."""
    if isinstance(record, MCQItem):
        return {
            "prompt": [{"role": "user", "content": mcq_prompt(record)}],
            "answer": "".join(record.answer),
            "letters": "".join(record.options),
            "reference": record.explanation or "",
        }
    messages = record.to_openai()
    last_reply = max((i for i, m in enumerate(messages) if m["role"] == "assistant"), default=None)
    prompt = messages[:last_reply] if last_reply is not None else messages
    if not prompt or prompt[-1]["role"] != "user":
        return None
    reference = messages[last_reply]["content"] if last_reply is not None else ""
    return {"prompt": prompt, "answer": "", "letters": "", "reference": reference}


def prompt_rows(records: list[Any]) -> list[dict[str, Any]]:
    return [row for row in map(prompt_row, records) if row is not None]


class GRPOStage(Stage):
    """Group relative policy optimisation: several completions per prompt, advantages within the group."""

    type = "grpo"
    config_class = "trl:GRPOConfig"
    trainer_class = "trl:GRPOTrainer"
    learning_rates = (1e-6, 1e-5)
    eval_keys = ("eval_reward",)

    def stage_defaults(self) -> dict[str, Any]:
        weights = [reward.weight for reward in self.spec.rewards]
        return {
            "num_generations": 4,
            "per_device_train_batch_size": 4,
            "max_completion_length": 128,
            "reward_weights": weights,
            "logging_steps": 1,
        }

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        from datasets import Dataset

        train = prompt_rows(data.train)
        if not train:
            raise DataError(f"no prompt ends with a user turn to answer ({len(data.train)} records)")
        validation = prompt_rows(data.validation)
        return Dataset.from_list(train), Dataset.from_list(validation) if validation else None

    def trainer_kwargs(self) -> dict[str, Any]:
        funcs, processing = build_rewards(self.spec.rewards, self.context.reward_models)
        return {"reward_funcs": funcs, "reward_processing_classes": processing}


class RLOOStage(GRPOStage):
    """REINFORCE leave-one-out: each completion's baseline is the mean reward of the others for its prompt."""

    type = "rloo"
    config_class = "trl:RLOOConfig"
    trainer_class = "trl:RLOOTrainer"


class PPOStage(Stage):
    type = "ppo"
    config_class = "trl:RLOOConfig"
    unavailable = (
        "TRL 1.x has no PPOTrainer; use 'type: rloo' with a 'reward_model' reward (same reward model, "
        "leave-one-out baseline instead of a value head) or 'type: grpo'"
    )
