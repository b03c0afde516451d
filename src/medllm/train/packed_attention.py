"""Attention over packed rows, without attention between the sequences packed together.

TRL's best-fit packing (``packing=True, packing_strategy="bfd"``) turns a batch into one flattened row
("padding-free") and marks where each sequence starts: ``position_ids`` restart at 0, and the collator
hands ``cu_seq_lens_q/k`` and ``max_length_q/k`` to the model. transformers keeps the sequences apart in
two ways, and neither fits a GPU without the flash-attn package:

- ``flash_attention_2``: the varlen kernel, whose cost is the sum of each sequence's squared length. It
  needs ``flash-attn``, which builds from source against the CUDA toolkit (it does not install on these
  machines, nor on the lent GPU machine).
- ``sdpa``: a block-diagonal mask built from ``position_ids`` over the whole flattened row. For B rows of
  L tokens that is (B*L)^2 scores per head where varlen computes B*L^2 at most, and a mask keeps SDPA off
  its flash kernel: packing a batch of 16 rows costs 16 times the attention work it saves.

PyTorch (2.10 and later) ships the same FlashAttention-2 varlen kernel as
``torch.nn.attention.varlen.varlen_attn``. This module registers it with transformers' attention
interface as ``medllm_varlen`` (own code, about 80 lines, because no installed library adapts that kernel
to transformers' interface). The same function has an exact reference path for CPUs and float32: causal
SDPA over each packed sequence in turn, which costs the sum of squared lengths too. Inputs that are not
padding-free (a 2D padding mask, generation with a cache) go to transformers' SDPA path unchanged.

``tests/train/test_packed_attention.py`` checks, on a tiny LLaMA, that a sequence's logits are the same
packed next to another sequence as alone, through this function and through transformers' SDPA mask.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import itertools
import logging
from typing import Any

logger = logging.getLogger(__name__)

#: the attention implementation name medllm registers with transformers.
NAME = "medllm_varlen"


def torch_varlen_kernel() -> Any | None:
    """PyTorch's FlashAttention-2 varlen function when this machine can run it (CUDA, sm80+), else None."""
    import torch

    if not torch.cuda.is_available() or torch.cuda.get_device_capability()[0] < 8:
        return None
    try:
        from torch.nn.attention.varlen import varlen_attn
    except ImportError:
        return None
    return varlen_attn


def packed_attention_implementation() -> str | None:
    """The attention that keeps packed sequences apart at varlen cost here, or None where there is none.

    flash-attn's own kernel when it is installed on a CUDA machine; else PyTorch's varlen kernel through
    ``medllm_varlen``. None on a CPU or an older GPU: packing would then cost more than padding does.
    """
    import torch

    if torch.cuda.is_available() and importlib.util.find_spec("flash_attn") is not None:
        return "flash_attention_2"
    if torch_varlen_kernel() is not None:
        register()
        return NAME
    return None


@functools.cache
def register() -> str:
    """Register ``medllm_varlen`` with transformers (once); returns the name for ``attn_implementation``."""
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface, flash_attention_mask

    AttentionInterface.register(NAME, packed_attention_forward)
    # Like flash attention, the model passes no mask when there is no padding (packed rows included)
    # and the 2D padding mask otherwise, which the forward below hands to SDPA.
    AttentionMaskInterface.register(NAME, flash_attention_mask)
    return NAME


def packed_attention_forward(
    module: Any,
    query: Any,
    key: Any,
    value: Any,
    attention_mask: Any,
    dropout: float = 0.0,
    scaling: float | None = None,
    **kwargs: Any,
) -> tuple[Any, None]:
    """transformers' attention interface: ``query`` (batch, heads, tokens, dim) in, (batch, tokens, heads, dim) out."""
    import torch
    from transformers.integrations.sdpa_attention import sdpa_attention_forward
    from transformers.modeling_flash_attention_utils import prepare_fa_kwargs_from_position_ids

    batch, heads, length, dim = query.shape
    if attention_mask is not None or key.shape[2] != length or dropout > 0 or length == 1:
        return sdpa_attention_forward(
            module, query, key, value, _causal_padding_mask(attention_mask, length, key.shape[2]), dropout, scaling
        )
    cu_seq_lens, max_length = kwargs.get("cu_seq_lens_q"), kwargs.get("max_length_q")
    if cu_seq_lens is None:
        position_ids = kwargs.get("position_ids")
        if position_ids is None:  # unpacked full rows: one sequence per row
            position_ids = torch.arange(length, device=query.device).expand(batch, length)
        (cu_seq_lens, _), (max_length, _) = prepare_fa_kwargs_from_position_ids(position_ids)
    groups = heads // key.shape[1]
    # (batch, heads, tokens, dim) -> (batch * tokens, heads, dim): the flattened layout varlen kernels take.
    q, k, v = (t.transpose(1, 2).reshape(batch * length, t.shape[1], dim) for t in (query, key, value))
    out = _varlen(q, k, v, cu_seq_lens.to(torch.int32), int(max_length), scaling, groups)
    return out.view(batch, length, heads, dim), None


def _varlen(q: Any, k: Any, v: Any, cu_seq_lens: Any, max_length: int, scale: float | None, groups: int) -> Any:
    import torch

    kernel = torch_varlen_kernel() if q.is_cuda and q.dtype in (torch.float16, torch.bfloat16) else None
    if kernel is not None:
        parameters = inspect.signature(kernel).parameters
        options: dict[str, Any] = {"scale": scale}
        # PyTorch 2.10 to 2.13 changed the signature: causality moved from is_causal to window_size,
        # and grouped-query attention came later.
        if "window_size" in parameters:
            options["window_size"] = (-1, 0)
        else:
            options["is_causal"] = True
        if groups > 1 and "enable_gqa" in parameters:
            options["enable_gqa"] = True
        elif groups > 1:
            k, v = k.repeat_interleave(groups, dim=1), v.repeat_interleave(groups, dim=1)
        return kernel(q, k, v, cu_seq_lens, cu_seq_lens, max_length, max_length, **options)
    # Reference path (CPU, float32): causal attention over each packed sequence alone.
    import torch.nn.functional as F

    bounds = cu_seq_lens.tolist()
    pieces = []
    for start, end in itertools.pairwise(bounds):
        if end <= start:
            continue
        qs, ks, vs = (t[start:end].transpose(0, 1) for t in (q, k, v))  # (heads, tokens, dim)
        attended = F.scaled_dot_product_attention(qs, ks, vs, is_causal=True, scale=scale, enable_gqa=groups > 1)
        pieces.append(attended.transpose(0, 1))
    return torch.cat(pieces)


def _causal_padding_mask(attention_mask: Any, q_length: int, kv_length: int) -> Any:
    """The 4D boolean mask SDPA takes, from a 2D padding mask (None stays None: SDPA is then causal)."""
    import torch

    if attention_mask is None or attention_mask.dim() == 4:
        return attention_mask
    device = attention_mask.device
    offset = kv_length - q_length  # queries are the last q_length positions (generation with a cache)
    queries = torch.arange(q_length, device=device)[:, None] + offset
    keys = torch.arange(kv_length, device=device)[None, :]
    mask = attention_mask[:, None, None, -kv_length:].bool() & (queries >= keys)[None, None]
    # A padding query would attend to nothing, which SDPA answers with NaN; let it see itself (its output is unused).
    return mask | (queries == keys)[None, None]
