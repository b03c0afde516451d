"""SFT defaults for a GPU: packed rows, batches by token budget, activation checkpointing only when needed.

On a CPU medllm keeps its measured defaults (batches of 8 dialogues grouped by length, no packing, no
checkpointing: see ``medllm.train.stages.sft``). On a GPU those leave most of the chip idle (measured on
one H200 with a 1.17B LLaMA: under 10% of its compute), so an SFT stage there defaults to:

- **packing** with TRL's best-fit decreasing strategy (``packing=True, packing_strategy="bfd"``): rows of
  ``max_length`` tokens, no padding, each dialogue attending only to itself through a varlen attention
  kernel (``medllm.train.packed_attention``). Where no varlen kernel runs (a GPU older than sm80 without
  flash-attn), batches are grouped by length instead, as on a CPU.
- **a token budget per step**: ``per_device_train_batch_size = GPU_TOKENS_PER_STEP // max_length`` packed
  rows (16 rows of 1,024 tokens), so a step's work no longer depends on how long the dialogues are.
- **activation checkpointing only when memory needs it**: off when the estimate below fits in
  ``MEMORY_FRACTION`` of the GPU's memory, on otherwise (TRL turns it on always, which costs a third more
  compute per step).

Recipe ``args`` override each of these. The memory estimate is deliberately simple: weights, gradients and
AdamW states at 2 bytes per number (medllm loads GPU models in bfloat16), plus the activations backward
keeps per token. The activation coefficients (25.3 bytes per hidden unit and 8 per MLP unit, per token and
layer, in bfloat16; 5 bytes per hidden unit with checkpointing) were measured on CPU by summing the tensors
autograd saves for LLaMA layers of four widths (``tests/train/test_gpu_defaults.py`` re-measures them);
``benchmarks/bench_train_gpu.py`` reports the real peak memory of each setting on a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: tokens per device and optimizer step in packed rows (16 rows of 1,024).
GPU_TOKENS_PER_STEP = 16_384
#: the share of GPU memory the estimate may fill before checkpointing is turned on (the rest: the CUDA
#: context, the allocator's fragmentation, the chunked LM-head loss and temporary buffers).
MEMORY_FRACTION = 0.8
#: bytes the backward pass keeps per token and layer, in bfloat16: per hidden unit, per MLP unit.
ACTIVATION_BYTES_PER_HIDDEN = 25.3
ACTIVATION_BYTES_PER_INTERMEDIATE = 8.0
#: with checkpointing, only each layer's input stays (plus one layer's activations, recomputed in backward).
CHECKPOINTED_BYTES_PER_HIDDEN = 5.0


@dataclass(frozen=True)
class MemoryEstimate:
    """What training a model needs in GPU memory, in bytes.

    Attributes:
        states: weights, and for trained weights their gradients and two AdamW moments.
        per_token: activations kept for backward per token of a step, without checkpointing.
        per_token_checkpointed: the same with activation checkpointing.
        one_layer_per_token: activations of one layer per token (recomputed during a checkpointed backward).
    """

    states: float
    per_token: float
    per_token_checkpointed: float
    one_layer_per_token: float

    def total(self, tokens: int, *, checkpointing: bool) -> float:
        if checkpointing:
            return self.states + tokens * (self.per_token_checkpointed + self.one_layer_per_token)
        return self.states + tokens * self.per_token


def parameter_count(config: Any) -> int:
    """Parameters of the model a config describes (tied embeddings once), built on the meta device: no memory."""
    import torch
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    return sum(p.numel() for p in model.parameters())


def estimate_memory(config: Any, *, peft: str | None = None, bytes_per_number: int = 2) -> MemoryEstimate:
    """The memory estimate for training a model of this config (``peft``: None, ``lora`` or ``qlora``)."""
    n = parameter_count(config)
    if peft == "qlora":
        states = n * 0.55  # 4-bit weights plus quantization constants; adapters are negligible
    elif peft == "lora":
        states = n * bytes_per_number
    else:
        states = n * bytes_per_number * 4  # weights, gradients, AdamW's two moments
    layers, hidden, intermediate = config.num_hidden_layers, config.hidden_size, config.intermediate_size
    one_layer = ACTIVATION_BYTES_PER_HIDDEN * hidden + ACTIVATION_BYTES_PER_INTERMEDIATE * intermediate
    return MemoryEstimate(
        states=states,
        per_token=layers * one_layer,
        per_token_checkpointed=layers * CHECKPOINTED_BYTES_PER_HIDDEN * hidden,
        one_layer_per_token=one_layer,
    )


def sft_gpu_defaults(
    model_config: Any,
    *,
    args: dict[str, Any],
    peft: str | None,
    gpu_memory: int,
    attention: str | None,
) -> dict[str, Any]:
    """SFT config defaults for one GPU of ``gpu_memory`` bytes, given the recipe's ``args`` (which win).

    Args:
        model_config: the model's transformers config (sizes only; no weights are loaded).
        args: the stage's recipe ``args``: a ``max_length`` or batch size set there is used here.
        peft: the stage's PEFT method, or None for full fine-tuning.
        gpu_memory: bytes of memory of one GPU.
        attention: the varlen attention implementation available (``packed_attention_implementation()``),
            or None: then no packing.

    Returns:
        ``max_length``, ``per_device_train_batch_size`` and ``per_device_eval_batch_size``,
        ``activation_checkpointing``, and either the packing settings or length grouping.
    """
    max_length = int(args.get("max_length") or 1024)
    rows = max(1, GPU_TOKENS_PER_STEP // max_length)
    batch = int(args.get("per_device_train_batch_size") or rows)
    packing = bool(args.get("packing", attention is not None))
    estimate = estimate_memory(model_config, peft=peft)
    # Unpacked rows are padded to the longest row of their batch: budget for full rows either way.
    needs_checkpointing = estimate.total(batch * max_length, checkpointing=False) > MEMORY_FRACTION * gpu_memory
    values: dict[str, Any] = {
        "max_length": max_length,
        "per_device_train_batch_size": rows,
        "per_device_eval_batch_size": rows,
        "activation_checkpointing": needs_checkpointing,
    }
    if packing:
        values.update(packing=True, packing_strategy="bfd")
    else:
        values["train_sampling_strategy"] = "group_by_length"
    return values
