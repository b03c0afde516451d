"""Device defaults of SFT: CPU defaults unchanged; on a GPU, packing, a token budget, checkpointing only when the
memory estimate needs it. The estimate's activation coefficients are re-measured here on CPU."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import LlamaConfig

from medllm.train.gpu_defaults import (
    ACTIVATION_BYTES_PER_HIDDEN,
    ACTIVATION_BYTES_PER_INTERMEDIATE,
    estimate_memory,
    parameter_count,
    sft_gpu_defaults,
)

GIB = 2**30
LLAMA_1B = LlamaConfig(
    hidden_size=2048,
    intermediate_size=5632,
    num_hidden_layers=22,
    num_attention_heads=32,
    num_key_value_heads=4,
    vocab_size=49152,
)
LLAMA_8B = LlamaConfig(
    hidden_size=4096,
    intermediate_size=14336,
    num_hidden_layers=32,
    num_attention_heads=32,
    num_key_value_heads=8,
    vocab_size=128256,
)


def test_parameter_counts_match_the_published_sizes() -> None:
    assert parameter_count(LLAMA_1B) == 1_170_302_976  # the 1.17B model of the GPU measurements
    assert parameter_count(LLAMA_8B) == 8_030_261_248  # Llama-3.1-8B


def test_gpu_defaults_pack_by_token_budget_and_checkpoint_only_when_needed() -> None:
    small = sft_gpu_defaults(LLAMA_1B, args={}, peft=None, gpu_memory=80 * GIB, attention="medllm_varlen")
    assert small == {
        "max_length": 1024,
        "per_device_train_batch_size": 16,
        "per_device_eval_batch_size": 16,
        "activation_checkpointing": False,
        "packing": True,
        "packing_strategy": "bfd",
    }
    # 8B full fine-tuning needs 64 GB for weights, gradients and AdamW: activations must be recomputed.
    big = sft_gpu_defaults(LLAMA_8B, args={}, peft=None, gpu_memory=80 * GIB, attention="medllm_varlen")
    assert big["activation_checkpointing"] is True
    # On a 48 GB GPU the 1.17B model needs about 41 GiB fully fine-tuned (8.7 of it weights, gradients and
    # AdamW) and 35 GiB with LoRA (bf16 weights only): checkpointing for the first only.
    full = sft_gpu_defaults(LLAMA_1B, args={}, peft=None, gpu_memory=48 * GIB, attention="medllm_varlen")
    lora = sft_gpu_defaults(LLAMA_1B, args={}, peft="lora", gpu_memory=48 * GIB, attention="medllm_varlen")
    assert full["activation_checkpointing"] is True and lora["activation_checkpointing"] is False
    # Longer rows: fewer of them for the same token budget.
    long = sft_gpu_defaults(LLAMA_1B, args={"max_length": 4096}, peft=None, gpu_memory=80 * GIB, attention="x")
    assert long["per_device_train_batch_size"] == 4 and long["max_length"] == 4096
    # Without a varlen kernel there is no packing: batches grouped by length, as on a CPU.
    plain = sft_gpu_defaults(LLAMA_1B, args={}, peft=None, gpu_memory=80 * GIB, attention=None)
    assert "packing" not in plain and plain["train_sampling_strategy"] == "group_by_length"


def test_activation_coefficients_match_what_autograd_keeps() -> None:
    """Bytes saved for backward per token and layer, summed over saved tensors of a bf16 LLaMA, against the estimate."""
    from transformers import LlamaForCausalLM

    config = LlamaConfig(
        hidden_size=256,
        intermediate_size=688,
        num_hidden_layers=2,
        num_attention_heads=8,
        num_key_value_heads=4,
        vocab_size=512,
        tie_word_embeddings=True,
    )
    config._attn_implementation = "sdpa"
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).to(torch.bfloat16).train()
    saved: dict[int, int] = {}

    def keep(tensor: torch.Tensor) -> torch.Tensor:
        storage = tensor.untyped_storage()
        saved[storage.data_ptr()] = storage.nbytes()
        return tensor

    tokens = 512
    with torch.autograd.graph.saved_tensors_hooks(keep, lambda tensor: tensor):
        model.model(input_ids=torch.randint(0, 512, (1, tokens)), use_cache=False)
    weights = {p.untyped_storage().data_ptr() for p in model.parameters()}
    measured = sum(size for pointer, size in saved.items() if pointer not in weights) / tokens
    estimated = estimate_memory(config).per_token
    assert estimated == pytest.approx(
        2 * (ACTIVATION_BYTES_PER_HIDDEN * 256 + ACTIVATION_BYTES_PER_INTERMEDIATE * 688), rel=1e-9
    )
    assert measured == pytest.approx(estimated, rel=0.1)


def _sft_stage(tmp_path: Path, model: str, args: dict[str, Any]) -> Any:
    from medllm.train.recipe import StageSpec
    from medllm.train.stages import StageContext, new_stage

    spec = StageSpec.model_validate({"type": "sft", "data": {"train": [{"dataset": "chatdoctor-5k"}]}, "args": args})
    return new_stage(spec, StageContext(model=model, base_model=model, output_dir=tmp_path, seed=0))


def test_cpu_defaults_are_unchanged(tmp_path: Path, tiny_path: str) -> None:
    config = _sft_stage(tmp_path, tiny_path, {}).config
    assert config.use_cpu and not config.bf16 and not config.activation_checkpointing
    assert config.per_device_train_batch_size == 8 and not config.packing
    assert config.train_sampling_strategy == "group_by_length"


@pytest.fixture
def pretend_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stage configs as on an 80 GB GPU with a varlen kernel; models themselves stay on the CPU."""
    from medllm.train.stages import base, sft

    monkeypatch.setattr(base, "on_cpu", lambda: False)
    monkeypatch.setattr(sft, "on_cpu", lambda: False)
    monkeypatch.setattr(sft, "gpu_memory", lambda: 80 * GIB)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)  # bf16 needs a real GPU here
    monkeypatch.setattr("medllm.train.packed_attention.packed_attention_implementation", lambda: "medllm_varlen")


@pytest.mark.usefixtures("pretend_gpu")
def test_a_gpu_stage_takes_the_gpu_defaults_and_recipe_args_win(tmp_path: Path, tiny_path: str) -> None:
    config = _sft_stage(tmp_path, tiny_path, {}).config
    assert config.packing and config.packing_strategy == "bfd" and not config.activation_checkpointing
    assert config.per_device_train_batch_size == 16 and config.max_length == 1024
    stage = _sft_stage(tmp_path, tiny_path, {"per_device_train_batch_size": 4, "gradient_checkpointing": True})
    assert stage.config.per_device_train_batch_size == 4 and stage.config.activation_checkpointing
    assert stage.attention_implementation() == "medllm_varlen"


@pytest.mark.usefixtures("pretend_gpu")
def test_gpu_pretraining_keeps_wrapped_rows_with_the_token_budget(tmp_path: Path, tiny_path: str) -> None:
    from medllm.train.recipe import StageSpec
    from medllm.train.stages import StageContext, new_stage

    spec = StageSpec.model_validate({"type": "pretrain", "data": {"train": [{"dataset": "medicalgpt-pretrain"}]}})
    stage = new_stage(spec, StageContext(model=tiny_path, base_model=tiny_path, output_dir=tmp_path, seed=0))
    config = stage.config
    assert config.packing and config.packing_strategy == "wrapped" and not config.padding_free
    assert config.per_device_train_batch_size == 16 and not config.activation_checkpointing
    assert stage.attention_implementation() is None  # rows are not padding-free: transformers' default


@pytest.mark.usefixtures("mirror")
def test_packed_sft_measures_the_same_held_out_loss(tmp_path: Path, tiny_path: str) -> None:
    """Packed rows (medllm_varlen's CPU path) give the held-out loss of unpacked rows: no dialogue sees another."""
    from medllm.train.data import load_stage_data
    from medllm.train.recipe import DataSpec

    data = load_stage_data(
        DataSpec.model_validate({"train": [{"dataset": "chatdoctor-5k", "cap": 40}], "max_validation": 12}),
        "sft",
        seed=0,
        holdout=0.3,
    )
    losses = {}
    for packing in (False, True):
        # One evaluation batch either way, so both losses are the mean over the same reply tokens.
        args = {"packing": packing, "max_length": 1024, "per_device_eval_batch_size": 64, "report_to": "none"}
        stage = _sft_stage(tmp_path / str(packing), tiny_path, args)
        tokenizer = stage.load_tokenizer()
        train, validation = stage.build_datasets(data, tokenizer)
        trainer = stage.build_trainer(stage.load_model(), tokenizer, stage.config, train, validation, None)
        if packing:
            assert trainer.model.config._attn_implementation == "medllm_varlen"
            assert len(trainer.eval_dataset) < len(validation)  # the held-out dialogues were packed together
        losses[packing] = trainer.evaluate()["eval_loss"]
    assert losses[True] == pytest.approx(losses[False], abs=1e-4)
