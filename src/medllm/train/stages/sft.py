"""Supervised fine-tuning on conversations, and continued pre-training on text, with TRL's ``SFTTrainer``.

SFT trains on assistant tokens only (the mask comes from the chat template, see
:mod:`medllm.train.templates`). medllm's defaults remove padding waste without changing the loss
(the same tokens are trained on, with the same per-token loss): on a CPU, batches are drawn from groups
of similar length (``train_sampling_strategy: group_by_length``), so a batch of short dialogues is not
padded to the length of one long one; on a GPU with flash-attention, dialogues are packed into
padding-free rows. ``benchmarks/bench_train.py`` measures the gain against ``SFTTrainer``'s defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medllm.io.issues import DataError
from medllm.records import Conversation, Document
from medllm.train.data import StageData
from medllm.train.stages.base import Stage, flash_attention_available
from medllm.train.templates import tokenize_conversation

if TYPE_CHECKING:
    from datasets import Dataset
    from transformers import PreTrainedTokenizerBase


def conversation_rows(
    records: list[Any], tokenizer: PreTrainedTokenizerBase, max_length: int | None
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Tokenised rows with assistant masks; conversations without a trainable reply are counted, not kept."""
    rows: list[dict[str, Any]] = []
    skipped = {"no_assistant_reply": 0, "template_error": 0}
    for record in records:
        try:
            row = tokenize_conversation(tokenizer, record.to_openai(), max_length)
        except ValueError:
            skipped["template_error"] += 1
            continue
        if not any(row["assistant_masks"]):
            skipped["no_assistant_reply"] += 1
            continue
        rows.append(row)
    return rows, skipped


class SFTStage(Stage):
    type = "sft"
    config_class = "trl:SFTConfig"
    trainer_class = "trl:SFTTrainer"
    learning_rates = (2e-5, 2e-4)

    def stage_defaults(self) -> dict[str, Any]:
        if flash_attention_available():
            # On a GPU with flash-attention, best-fit packing into padding-free rows is fastest; on a CPU the
            # packed rows' attention costs more than padding does (benchmarks/bench_train.py).
            return {"max_length": 1024, "packing": True, "packing_strategy": "bfd"}
        return {"max_length": 1024, "train_sampling_strategy": "group_by_length"}

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        from datasets import Dataset

        max_length = self.config.max_length
        train, skipped = conversation_rows(data.train, tokenizer, max_length)
        validation, _ = conversation_rows(data.validation, tokenizer, max_length)
        data.skipped.update({k: v for k, v in skipped.items() if v})
        if not train:
            raise DataError(f"no conversation has an assistant reply to train on ({skipped})")
        return Dataset.from_list(train), Dataset.from_list(validation) if validation else None


class PretrainStage(SFTStage):
    """Continued pre-training: plain text (conversations rendered with the chat template), packed, every token."""

    type = "pretrain"
    learning_rates = (5e-5, 2e-4)

    def stage_defaults(self) -> dict[str, Any]:
        # Wrapped packing cuts long documents into full rows instead of truncating them.
        return {"max_length": 1024, "packing": True, "packing_strategy": "wrapped", "padding_free": False}

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        from datasets import Dataset

        def texts(records: list[Any]) -> list[dict[str, str]]:
            return [{"text": _text(record, tokenizer)} for record in records]

        validation = texts(data.validation)
        return Dataset.from_list(texts(data.train)), Dataset.from_list(validation) if validation else None


def _text(record: Document | Conversation, tokenizer: PreTrainedTokenizerBase) -> str:
    if isinstance(record, Document):
        return record.text
    return tokenizer.apply_chat_template(record.to_openai(), tokenize=False)
