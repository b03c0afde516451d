"""Supervised fine-tuning on conversations, and continued pre-training on text, with TRL's ``SFTTrainer``.

SFT trains on assistant tokens only (the mask comes from the chat template, see
:mod:`medllm.train.templates`). medllm's defaults remove padding waste without changing the loss
(the same tokens are trained on, with the same per-token loss): on a CPU, batches of 8 are drawn from
groups of similar length (``train_sampling_strategy: group_by_length``), so a batch of short dialogues is
not padded to the length of one long one; on a GPU, dialogues are packed into padding-free rows that
attend only within each dialogue, with a token budget per step and checkpointing only where memory needs
it (:mod:`medllm.train.gpu_defaults`). ``benchmarks/bench_train.py`` (CPU) and
``benchmarks/bench_train_gpu.py`` (GPU) measure both against ``SFTTrainer``'s defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medllm.io.issues import DataError
from medllm.records import Conversation, Document
from medllm.train.data import StageData
from medllm.train.stages.base import Stage, gpu_memory, on_cpu
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
        if on_cpu():
            # Packing does not pay on a CPU: attention is a small share of the work there, and TRL's packed
            # rows are one flattened row per batch (benchmarks/bench_train.py, bench_train_gpu.py --tiny).
            return {"max_length": 1024, "train_sampling_strategy": "group_by_length"}
        from medllm.train.packed_attention import packed_attention_implementation

        return self.gpu_defaults(gpu_memory=gpu_memory(), attention=packed_attention_implementation())

    def gpu_defaults(self, *, gpu_memory: int, attention: str | None) -> dict[str, Any]:
        """The SFT defaults on one GPU of ``gpu_memory`` bytes, given the varlen attention there (or None)."""
        from transformers import AutoConfig

        from medllm.train.gpu_defaults import sft_gpu_defaults

        peft = self.spec.peft.method if self.spec.peft else None
        model_config = AutoConfig.from_pretrained(self.context.model)
        return sft_gpu_defaults(
            model_config, args=self.spec.args, peft=peft, gpu_memory=gpu_memory, attention=attention
        )

    def attention_implementation(self) -> str | None:
        """Padding-free packed rows need attention that keeps the packed dialogues apart at varlen cost."""
        config = self.config
        padding_free = config.padding_free or (config.packing and config.packing_strategy in ("bfd", "bfd_split"))
        if not padding_free:
            return super().attention_implementation()
        from medllm.train.packed_attention import packed_attention_implementation, register

        # flash-attn's or PyTorch's varlen kernel on a GPU; elsewhere medllm_varlen's exact reference path
        # (causal attention per packed dialogue), cheaper than SDPA's mask over the whole flattened row.
        return packed_attention_implementation() or register()

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
        values: dict[str, Any] = {"max_length": 1024, "packing": True, "packing_strategy": "wrapped"}
        values["padding_free"] = False
        if not on_cpu():  # full rows already: only the token budget and checkpointing come from the GPU defaults
            gpu = self.gpu_defaults(gpu_memory=gpu_memory(), attention=None)
            keys = ("per_device_train_batch_size", "per_device_eval_batch_size", "activation_checkpointing")
            values.update({key: gpu[key] for key in keys})
        return values

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
