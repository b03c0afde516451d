"""Packed rows do not attend to each other: a sequence's logits are the same packed next to another as alone."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from medllm.train.packed_attention import NAME, register

LENGTHS = (37, 23, 11)


def _model(path: str, attention: str) -> torch.nn.Module:
    if attention == NAME:
        register()
    return AutoModelForCausalLM.from_pretrained(path, attn_implementation=attention).eval()


def _sequences() -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    return [torch.randint(5, 4000, (1, n), generator=generator) for n in LENGTHS]


@pytest.mark.parametrize("attention", ["sdpa", "eager", NAME])
def test_packed_sequences_match_each_alone(tiny_path: str, attention: str) -> None:
    model = _model(tiny_path, attention)
    sequences = _sequences()
    packed = torch.cat(sequences, dim=1)
    positions = torch.cat([torch.arange(n) for n in LENGTHS])[None]
    with torch.no_grad():
        alone = torch.cat([model(s, use_cache=False).logits for s in sequences], dim=1)
        together = model(packed, position_ids=positions, use_cache=False).logits
        leaky = model(packed, use_cache=False).logits  # no restart: later sequences see earlier ones
    assert torch.allclose(together, alone, atol=1e-5)
    # The check can fail: without position ids the second sequence's logits move by far more than the tolerance.
    assert (leaky[:, LENGTHS[0] :] - alone[:, LENGTHS[0] :]).abs().max() > 0.1


def test_trl_padding_free_batch_keeps_sequences_apart(tiny_path: str) -> None:
    """The exact batch TRL's padding-free collator builds (one flattened row, cu_seq_lens) through medllm_varlen."""
    from trl.trainer.sft_trainer import DataCollatorForLanguageModeling

    sequences = _sequences()
    collator = DataCollatorForLanguageModeling(pad_token_id=0, padding_free=True)
    batch = collator([{"input_ids": s[0].tolist()} for s in sequences])
    assert batch["input_ids"].shape == (1, sum(LENGTHS)) and "attention_mask" not in batch
    labels = batch.pop("labels")
    model = _model(tiny_path, NAME)
    reference = _model(tiny_path, "sdpa")
    with torch.no_grad():
        together = model(**batch, use_cache=False).logits
        alone = torch.cat([reference(s, use_cache=False).logits for s in sequences], dim=1)
    assert torch.allclose(together, alone, atol=1e-5)
    # Each sequence's first token is never a target: no loss crosses from one sequence into the next.
    starts = torch.tensor([0, LENGTHS[0], LENGTHS[0] + LENGTHS[1]])
    assert (labels[0, starts] == -100).all()


def test_padded_batches_and_generation_match_sdpa(tiny_path: str) -> None:
    """Inputs that are not packed (a padding mask, a cache while generating) take transformers' SDPA path."""
    tokenizer = AutoTokenizer.from_pretrained(tiny_path)
    tokenizer.padding_side = "left"
    batch = tokenizer(["I have had a headache for three days", "fever"], return_tensors="pt", padding=True)
    model, reference = _model(tiny_path, NAME), _model(tiny_path, "sdpa")
    with torch.no_grad():
        logits, expected = model(**batch).logits, reference(**batch).logits
    real = batch["attention_mask"].bool()
    assert torch.allclose(logits[real], expected[real], atol=1e-5)
    generated = model.generate(**batch, max_new_tokens=6, do_sample=False)
    assert torch.equal(generated, reference.generate(**batch, max_new_tokens=6, do_sample=False))


def test_saved_config_does_not_name_the_training_attention(tiny_path: str, tmp_path) -> None:
    model = _model(tiny_path, NAME)
    model.save_pretrained(tmp_path)
    assert NAME not in (tmp_path / "config.json").read_text()
    AutoModelForCausalLM.from_pretrained(tmp_path)  # loads anywhere, without medllm's registration
