"""Preference stages on TRL: a reward model, DPO, ORPO and KTO, all from :class:`PreferencePair` records.

Pairs go to TRL in its conversational format (``prompt`` / ``chosen`` / ``rejected`` message lists), so
TRL renders them with the same chat template as every other stage. KTO takes unpaired examples: each pair
gives a desirable (chosen) and an undesirable (rejected) completion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medllm.records import PreferencePair
from medllm.train.data import StageData
from medllm.train.stages.base import Stage, StageResult

if TYPE_CHECKING:
    from datasets import Dataset
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


def _messages(messages: list[Any]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def pair_row(pair: PreferencePair) -> dict[str, Any]:
    return {"prompt": _messages(pair.prompt), "chosen": _messages(pair.chosen), "rejected": _messages(pair.rejected)}


def _pair_length(tokenizer: PreTrainedTokenizerBase, pair: PreferencePair) -> int:
    prompt = _messages(pair.prompt)
    return max(
        len(tokenizer(tokenizer.apply_chat_template(prompt + _messages(side), tokenize=False)).input_ids)
        for side in (pair.chosen, pair.rejected)
    )


class _PairStage(Stage):
    def rows(self, records: list[Any]) -> list[dict[str, Any]]:
        return [pair_row(pair) for pair in records]

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        from datasets import Dataset

        validation = self.rows(data.validation)
        return Dataset.from_list(self.rows(data.train)), Dataset.from_list(validation) if validation else None


class RewardStage(_PairStage):
    """A scalar reward model (sequence classification head on the policy's backbone).

    The policy passes through unchanged to the next stage; the reward model is exported to
    ``<stage>/model`` and can be named by later stages' ``reward_model`` rewards.
    """

    type = "reward"
    config_class = "trl:RewardConfig"
    trainer_class = "trl:RewardTrainer"
    learning_rates = (1e-5, 1e-4)
    eval_keys = ("eval_loss", "eval_accuracy", "eval_margin")
    peft_task_type = "SEQ_CLS"

    def stage_defaults(self) -> dict[str, Any]:
        return {"max_length": 1024}

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        # TRL's RewardTrainer silently drops pairs longer than max_length; drop them here, counted.
        max_length = self.config.max_length
        if max_length is not None:
            kept, dropped = {}, 0
            for split in ("train", "validation"):
                records = getattr(data, split)
                fits = [pair for pair in records if _pair_length(tokenizer, pair) <= max_length]
                dropped += len(records) - len(fits)
                kept[split] = fits
            data.train, data.validation = kept["train"], kept["validation"]
            data.skipped["longer_than_max_length"] = dropped
        return super().build_datasets(data, tokenizer)

    def load_model(self) -> PreTrainedModel:
        from transformers import AutoModelForSequenceClassification

        model = AutoModelForSequenceClassification.from_pretrained(
            self.context.model, num_labels=1, **self.model_kwargs()
        )
        if model.config.pad_token_id is None:
            from transformers import AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(self.context.model)
            model.config.pad_token_id = tokenizer.pad_token_id or tokenizer.eos_token_id
        return model

    def peft_config(self) -> Any:
        config = super().peft_config()
        if config is not None:
            # The new scalar head is trained in full alongside the adapter.
            config.modules_to_save = ["score"]
        return config

    def finish(self, result: StageResult, exported: Any) -> None:
        result.reward_model = str(exported)
        result.model = self.context.model


class DPOStage(_PairStage):
    """Direct preference optimisation against the stage's input model as the reference."""

    type = "dpo"
    config_class = "trl:DPOConfig"
    trainer_class = "trl:DPOTrainer"
    learning_rates = (5e-7, 5e-6)
    eval_keys = ("eval_loss", "eval_rewards/margins", "eval_rewards/accuracies")

    def stage_defaults(self) -> dict[str, Any]:
        return {"max_length": 1024, "beta": 0.1}


class ORPOStage(DPOStage):
    """Odds-ratio preference optimisation: SFT and preference in one loss, no reference model."""

    type = "orpo"
    config_class = "trl.experimental.orpo:ORPOConfig"
    trainer_class = "trl.experimental.orpo:ORPOTrainer"
    learning_rates = (8e-6, 8e-5)


class KTOStage(DPOStage):
    """Kahneman-Tversky optimisation on unpaired desirable / undesirable completions."""

    type = "kto"
    config_class = "trl:KTOConfig"
    trainer_class = "trl:KTOTrainer"
    learning_rates = (5e-7, 5e-6)
    eval_keys = ("eval_loss", "eval_rewards/margins", "eval_rewards/chosen_sum", "eval_kl")

    def rows(self, records: list[Any]) -> list[dict[str, Any]]:
        rows = []
        for pair in records:
            prompt = _messages(pair.prompt)
            rows.append({"prompt": prompt, "completion": _messages(pair.chosen), "label": True})
            rows.append({"prompt": prompt, "completion": _messages(pair.rejected), "label": False})
        return rows
