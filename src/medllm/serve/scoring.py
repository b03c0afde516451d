"""Token log-probabilities for ``/v1/completions`` with ``logprobs`` (and ``echo``), in OpenAI's legacy shape.

This is what lm-evaluation-harness's ``local-completions`` and medllm's own HTTP backend send to score a
continuation: ``echo: true, logprobs: 1, max_tokens: 0``. The prompt is tokenized whole and each token
reports its text, its character offset in the prompt, its log-probability given the tokens before it
(none for the first) and the ``top`` most likely tokens at its position. One forward pass over prompt
and generated tokens gives them all, so the cost is bounded by the same token limits as generation.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from medllm.models.base import GenerationConfig, first_stop

if TYPE_CHECKING:
    from medllm.serve.engine import TransformersEngine


def score_tokens(
    engine: TransformersEngine,
    prompt: str,
    config: GenerationConfig | None,
    top: int,
    echo: bool,
    stop: threading.Event,
) -> dict[str, Any]:
    """Generate (when ``config`` is given) and score; see the module docstring.

    Returns:
        ``{"text", "logprobs": {"tokens", "token_logprobs", "top_logprobs", "text_offset"}, "finish_reason",
        "prompt_tokens", "completion_tokens"}``.
    """
    import torch

    ids, spans = _prompt_tokens(engine, prompt)
    generated: list[int] = []
    finish = "length"
    if config is not None:
        generated = engine._generate(ids, config, [stop])
        if generated and generated[-1] in engine.eos_ids:
            generated, finish = generated[:-1], "stop"
    if stop.is_set():
        return {"finish_reason": "cancelled", "prompt_tokens": len(ids), "completion_tokens": len(generated)}
    pieces = _pieces(engine, generated)
    cut = first_stop("".join(pieces), config.stop) if config is not None else None
    if cut is not None:  # keep the tokens that start before the stop string
        kept, length = [], 0
        for piece in pieces:
            if length >= cut:
                break
            kept.append(piece)
            length += len(piece)
        pieces, generated, finish = kept, generated[: len(kept)], "stop"
    full = ids + generated
    with torch.inference_mode():
        logits = engine.hf(input_ids=torch.tensor([full], device=engine.hf.device)).logits[0]
    logprobs = logits.float().log_softmax(dim=-1)[:-1]  # row i predicts token i + 1
    targets = torch.tensor(full[1:], device=logprobs.device)
    chosen = logprobs.gather(1, targets[:, None])[:, 0].tolist() if len(full) > 1 else []
    tops = logprobs.topk(top, dim=-1) if top and len(full) > 1 else None

    first = 0 if echo else len(ids)
    tokens: list[str] = []
    values: list[float | None] = []
    top_logprobs: list[dict[str, float] | None] = []
    offsets: list[int] = []
    generated_text = "".join(pieces)
    base = len(prompt) if echo else 0
    position = 0
    for i in range(first, len(full)):
        if i < len(ids):
            start, end = spans[i]
            tokens.append(prompt[start:end])
            offsets.append(start)
        else:
            piece = pieces[i - len(ids)]
            tokens.append(piece)
            offsets.append(base + position)
            position += len(piece)
        values.append(None if i == 0 else chosen[i - 1])
        if i == 0 or tops is None:
            top_logprobs.append(None if i == 0 else {})
        else:
            row_values, row_ids = tops.values[i - 1].tolist(), tops.indices[i - 1].tolist()
            top_logprobs.append({_decode(engine, t): v for t, v in zip(row_ids, row_values, strict=True)})
    return {
        "text": (prompt if echo else "") + generated_text,
        "logprobs": {"tokens": tokens, "token_logprobs": values, "top_logprobs": top_logprobs, "text_offset": offsets},
        "finish_reason": finish,
        "prompt_tokens": len(ids),
        "completion_tokens": len(generated),
    }


def _prompt_tokens(engine: TransformersEngine, prompt: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The prompt's token ids and each token's character span; BOS first where the model adds one."""
    ids: list[int] = []
    spans: list[tuple[int, int]] = []
    if prompt:
        encoded = engine.encode(prompt, offsets=True)
        ids = list(encoded["input_ids"])
        spans = [(int(a), int(b)) for a, b in encoded["offset_mapping"]]
    bos = engine.tokenizer.bos_token_id
    if not ids or (getattr(engine.chat_model, "add_bos_token", False) and bos is not None and ids[0] != bos):
        # Nothing to condition on (or a model scored after BOS): one prefix token, as local scoring does.
        ids.insert(0, bos if bos is not None else engine._prefix_id())
        spans.insert(0, (0, 0))
    return ids, spans


def _pieces(engine: TransformersEngine, generated: list[int]) -> list[str]:
    """Each generated token's text, decoded incrementally so multi-byte characters land on one token."""
    pieces: list[str] = []
    done = ""
    for n in range(1, len(generated) + 1):
        text = _decode(engine, generated[:n], whole=True)
        if n < len(generated):  # a character cut between tokens decodes as U+FFFD until its last byte
            text = text.rstrip("\ufffd")
        pieces.append(text[len(done) :] if text.startswith(done) else "")
        done = text if text.startswith(done) else done
    return pieces


def _decode(engine: TransformersEngine, ids: int | list[int], whole: bool = False) -> str:
    return engine.tokenizer.decode(ids if whole else [ids], skip_special_tokens=True)
