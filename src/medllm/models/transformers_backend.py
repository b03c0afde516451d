"""Local models through Hugging Face transformers: batched generation, streaming and exact scoring.

Scoring follows lm-evaluation-harness's ``HFLM`` so numbers are comparable with it: trailing spaces of
the context move to the continuation, the continuation's tokens are those of ``context + continuation``
after the context's own tokens, an empty context is replaced by one prefix token (BOS, else EOS), and
requests are batched longest first with right padding. Only the scored positions get logits, and
several continuations of one context share its encoding (see ``TransformersModel.loglikelihood``).
"""

from __future__ import annotations

import inspect
import itertools
import logging
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medllm.models.base import (
    ChatModel,
    GenerationConfig,
    LoglikelihoodResult,
    Message,
    ModelError,
    StopStringFilter,
    truncate_at_stop,
)

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

logger = logging.getLogger(__name__)

_DEFAULT_MAX_LENGTH = 2048  # lm-eval's fallback when neither config nor tokenizer says
#: the fixed cost of one forward pass (per-operator overhead, thread synchronisation) in padded tokens,
#: when splitting inputs into batches: several thousand on a busy 2-core machine (1 row of 232 tokens took
#: 5.6x as long per token as 8 rows), far less on an idle one; 256 keeps padding low in both cases
_FORWARD_COST_TOKENS = 256
#: at most this many times batch_size inputs per forward pass: more gains nothing measurable
_MAX_ROWS_PER_SIZE = 4
#: rows sharing a beginning this long (fixed few-shot examples) encode it once; shorter shared text
#: ("Question:") is not worth an extra forward pass and a cache copy per batch
_MIN_SHARED_PREFIX = 32

#: a request to score: its index in the call and its continuation's token ids
_Member = tuple[int, list[int]]
#: requests grouped by the token ids they share (a forward row, or a context)
_Groups = dict[tuple[int, ...], list[_Member]]
#: a forward batch: inputs (rows or contexts), longest first, with their requests
_Batch = list[tuple[tuple[int, ...], list[_Member]]]


def resolve_device(device: str | None = None) -> torch.device:
    """The device to run on: ``device`` if given (not "auto"), else CUDA when available, else CPU."""
    import torch

    if device in (None, "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        resolved = torch.device(device)
    except RuntimeError as exc:
        raise ModelError(f"unknown device {device!r}: use 'cpu', 'cuda', 'cuda:N' or 'auto'") from exc
    if resolved.type == "cuda":
        if not torch.cuda.is_available():
            raise ModelError(f"device {device!r}: no CUDA GPU is available here (use 'cpu' or 'auto')")
        if resolved.index is not None and resolved.index >= torch.cuda.device_count():
            raise ModelError(f"device {device!r}: only {torch.cuda.device_count()} CUDA GPU(s) here")
    return resolved


def resolve_dtype(dtype: str | torch.dtype | None, device: torch.device) -> torch.dtype:
    """The weight dtype: ``dtype`` if given (not "auto"), else bfloat16 on capable CUDA, else float32.

    float32 on CPU because bfloat16 matmuls there are slow on most CPUs and change scores.
    """
    import torch

    if isinstance(dtype, torch.dtype):
        return dtype
    if dtype in (None, "auto"):
        if device.type == "cuda" and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        return torch.float32
    resolved = getattr(torch, str(dtype), None)
    if not isinstance(resolved, torch.dtype):
        raise ModelError(f"unknown dtype {dtype!r}: use 'float32', 'bfloat16', 'float16' or 'auto'")
    return resolved


class TransformersModel(ChatModel):
    """A causal language model loaded with transformers.

    Args:
        model: the loaded model (already on its device, in eval mode).
        tokenizer: its tokenizer.
        name: identifier recorded with results (defaults to the model's ``name_or_path``).
        batch_size: requests per forward pass, for generation and scoring.
        add_bos_token: prepend BOS to raw prompts and contexts (off by default, as in lm-eval for causal LMs).
        chat_template: overrides the tokenizer's chat template.
        max_length: longest input in tokens (default: the model's ``max_position_embeddings``).
    """

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        *,
        name: str | None = None,
        batch_size: int = 8,
        add_bos_token: bool = False,
        chat_template: str | None = None,
        max_length: int | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self._model = model
        self._tokenizer = tokenizer
        self._name = name or str(getattr(model, "name_or_path", "") or type(model).__name__)
        self.batch_size = batch_size
        self.add_bos_token = add_bos_token
        self._chat_template = chat_template
        self.max_length = max_length or _max_length(model, tokenizer)
        #: Set by the built-in loaders: whether the model folder came from the medllm cache.
        self.cache_hit: bool | None = None
        self._eos_ids = _eos_ids(model, tokenizer)
        pad = tokenizer.pad_token_id
        # Padding positions are masked out, so any id works; EOS is what most causal LMs use.
        self._pad_id = pad if pad is not None else (self._eos_ids[0] if self._eos_ids else 0)
        self._logits_mask: bool | None = None  # see _head_takes_mask

    @classmethod
    def from_pretrained(
        cls,
        name_or_path: str | Path,
        *,
        device: str | None = None,
        dtype: str | torch.dtype | None = None,
        name: str | None = None,
        revision: str | None = None,
        trust_remote_code: bool = False,
        batch_size: int = 8,
        add_bos_token: bool = False,
        chat_template: str | None = None,
        max_length: int | None = None,
        **model_kwargs: Any,
    ) -> TransformersModel:
        """Load a model folder or hub id.

        Args:
            name_or_path: a local folder with ``config.json`` or a Hugging Face hub id.
            device: "cpu", "cuda", "cuda:N" or "auto"/None (CUDA when available).
            dtype: "float32", "bfloat16", "float16", a torch dtype, or "auto"/None (bfloat16 on capable CUDA,
                else float32).
            name: identifier recorded with results (default: ``name_or_path``).
            revision: hub revision (branch, tag or commit) to pin.
            trust_remote_code: allow the repository's own Python code; off unless you trust it.
            batch_size: requests per forward pass.
            add_bos_token: prepend BOS to raw prompts and contexts.
            chat_template: overrides the tokenizer's chat template.
            max_length: longest input in tokens.
            **model_kwargs: passed to ``AutoModelForCausalLM.from_pretrained``.

        Returns:
            The loaded model.

        Raises:
            ModelError: when the folder or hub id cannot be loaded.
        """
        from transformers import AutoModelForCausalLM, AutoTokenizer

        target = str(name_or_path)
        torch_device = resolve_device(device)
        torch_dtype = resolve_dtype(dtype, torch_device)
        try:
            tokenizer = AutoTokenizer.from_pretrained(target, revision=revision, trust_remote_code=trust_remote_code)
            model = AutoModelForCausalLM.from_pretrained(
                target,
                revision=revision,
                dtype=torch_dtype,
                trust_remote_code=trust_remote_code,
                **model_kwargs,
            )
        except (OSError, ValueError) as exc:
            raise ModelError(_load_hint(target, exc)) from exc
        model.to(torch_device).eval()
        logger.info("loaded %s on %s as %s", target, torch_device, torch_dtype)
        return cls(
            model,
            tokenizer,
            name=name or target,
            batch_size=batch_size,
            add_bos_token=add_bos_token,
            chat_template=chat_template,
            max_length=max_length,
        )

    # --- properties -------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @property
    def tokenizer(self) -> PreTrainedTokenizerBase:
        return self._tokenizer

    @property
    def model(self) -> PreTrainedModel:
        """The underlying transformers model."""
        return self._model

    @property
    def device(self) -> torch.device:
        """Where the model's weights live."""
        return self._model.device

    @property
    def dtype(self) -> str:
        """The weights' dtype, as ``--dtype`` spells it (``float32``, ``bfloat16``...)."""
        return str(self._model.dtype).removeprefix("torch.")

    @property
    def chat_template(self) -> str | None:
        return self._chat_template or getattr(self._tokenizer, "chat_template", None)

    # --- generation -------------------------------------------------------------------------------

    def chat(self, conversations: Sequence[Sequence[Message]], config: GenerationConfig) -> list[str]:
        prompts = [self._render(messages) for messages in conversations]
        # The chat template already writes any BOS the model expects.
        return self._generate([self._encode(p, add_bos=False) for p in prompts], config)

    def complete(self, prompts: Sequence[str], config: GenerationConfig) -> list[str]:
        return self._generate([self._encode_prompt(p) for p in prompts], config)

    def stream_chat(self, messages: Sequence[Message], config: GenerationConfig) -> Iterator[str]:
        import torch
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        ids = self._encode(self._render(messages), add_bos=False)
        streamer = TextIteratorStreamer(self._tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancel = threading.Event()
        errors: list[BaseException] = []
        input_ids = torch.tensor([ids], device=self.device)
        kwargs = self._generate_kwargs(config)
        kwargs["stopping_criteria"] = StoppingCriteriaList([_Cancelled(cancel)])

        def run() -> None:
            try:
                self._seed(config)
                self._model.generate(
                    input_ids=input_ids,
                    attention_mask=torch.ones_like(input_ids),
                    streamer=streamer,
                    **kwargs,
                )
            except BaseException as exc:  # re-raised in the consumer's thread below
                errors.append(exc)
                streamer.end()

        thread = threading.Thread(target=run, name="medllm-generate", daemon=True)
        thread.start()
        stopper = StopStringFilter(config.stop)
        try:
            for piece in streamer:
                text = stopper.feed(piece)
                if text:
                    yield text
                if stopper.stopped:
                    break
            if errors:
                raise ModelError(f"generation failed: {type(errors[0]).__name__}: {errors[0]}") from errors[0]
            rest = stopper.flush()
            if rest:
                yield rest
        finally:
            # Stop the generating thread when the consumer stops early (stop string, closed generator).
            cancel.set()
            thread.join()

    def _render(self, messages: Sequence[Message]) -> str:
        template = self.chat_template
        if not template:
            raise ModelError(
                f"{self.name} has no chat template: use complete() for raw text, or pass chat_template=..."
            )
        _check_messages(messages)
        return self._tokenizer.apply_chat_template(
            list(messages), chat_template=template, tokenize=False, add_generation_prompt=True
        )

    def _generate_kwargs(self, config: GenerationConfig) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "max_new_tokens": config.max_new_tokens,
            "pad_token_id": self._pad_id,
            "eos_token_id": self._eos_ids or None,
        }
        if config.greedy:
            # Explicit Nones silence the model's own sampling defaults, which greedy decoding ignores.
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        else:
            # top_k=0 turns off transformers' default top-k of 50: the distribution is temperature + top_p
            # only, as with OpenAI-compatible servers.
            kwargs.update(do_sample=True, temperature=config.temperature, top_p=config.top_p, top_k=0)
        if config.stop:
            kwargs.update(stop_strings=list(config.stop), tokenizer=self._tokenizer)
        return kwargs

    def _seed(self, config: GenerationConfig) -> None:
        if config.seed is not None:
            import torch

            torch.manual_seed(config.seed)

    def _generate(self, encoded: list[list[int]], config: GenerationConfig) -> list[str]:
        import torch

        results: list[str] = [""] * len(encoded)
        # Longest first, so each batch holds similar lengths and wastes little padding.
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
        kwargs = self._generate_kwargs(config)
        self._seed(config)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            rows = [encoded[i] for i in batch]
            width = max(len(r) for r in rows)
            if width + config.max_new_tokens > self.max_length:
                logger.warning(
                    "%s: prompt of %d tokens + %d new tokens exceeds max_length %d",
                    self.name,
                    width,
                    config.max_new_tokens,
                    self.max_length,
                )
            # Left padding: every row's last prompt token sits at the same position, where generation starts.
            input_ids = torch.full((len(rows), width), self._pad_id, dtype=torch.long)
            attention = torch.zeros((len(rows), width), dtype=torch.long)
            for r, ids in enumerate(rows):
                input_ids[r, width - len(ids) :] = torch.tensor(ids, dtype=torch.long)
                attention[r, width - len(ids) :] = 1
            with torch.inference_mode():
                output = self._model.generate(
                    input_ids=input_ids.to(self.device), attention_mask=attention.to(self.device), **kwargs
                )
            for r, i in enumerate(batch):
                text = self._tokenizer.decode(output[r, width:], skip_special_tokens=True)
                results[i] = truncate_at_stop(text, config.stop)
        return results

    # --- scoring ----------------------------------------------------------------------------------

    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[LoglikelihoodResult]:
        pairs = [self._encode_pair(context, continuation) for context, continuation in requests]
        results: list[LoglikelihoodResult | None] = [
            None if continuation_ids else LoglikelihoodResult(0.0, True, 0) for _, continuation_ids in pairs
        ]
        rows, shared = self._group_requests(pairs)
        # A context's last position predicts its continuations' first tokens: only it must follow a prefix.
        prefixed_contexts, shared = _shared_prefixes(shared, _MIN_SHARED_PREFIX, span=lambda _: 1)
        for prefix, contexts in prefixed_contexts:
            encoded = self._encode_prefix(prefix)
            for batch in self._token_batches(contexts):
                for i, result in self._score_shared_contexts(batch, prefix, encoded):
                    results[i] = result
        for batch in self._token_batches(shared):
            for i, result in self._score_shared_contexts(batch):
                results[i] = result
        prefixed, rows = _shared_prefixes(rows, _MIN_SHARED_PREFIX)
        for prefix, suffixes in prefixed:
            for i, result in self._score_rows_after_prefix(prefix, suffixes):
                results[i] = result
        for batch in self._token_batches(rows):
            for i, result in self._score_rows(batch):
                results[i] = result
        return [r for r in results if r is not None]

    def _group_requests(self, pairs: Sequence[tuple[list[int], list[int]]]) -> tuple[_Groups, _Groups]:
        """Split the non-empty requests into forward rows and shared contexts, each keyed by token ids.

        Rows: requests whose model input is the same (the options of a question scored one token each share
        the context) are computed once, one forward row serving every continuation read from it.
        Shared contexts: several continuations of one context, at least one of several tokens (the options
        of a question), are all scored from one encoding of the context, its KV cache reused.
        """
        rows: _Groups = {}
        contexts: _Groups = {}
        for i, (context_ids, continuation_ids) in enumerate(pairs):
            if not continuation_ids:
                continue
            if len(continuation_ids) > self.max_length:
                raise ModelError(
                    f"continuation of request {i} is {len(continuation_ids)} tokens, longer than the model's "
                    f"max_length {self.max_length}: shorten it"
                )
            if len(context_ids) + len(continuation_ids) > self.max_length + 1:
                # Keep the last max_length + 1 tokens (cutting context from the left), feed all but the last.
                whole = (context_ids + continuation_ids)[-(self.max_length + 1) :]
                rows.setdefault(tuple(whole[:-1]), []).append((i, continuation_ids))
            else:
                contexts.setdefault(tuple(context_ids), []).append((i, continuation_ids))
        shared: _Groups = {}
        for context_ids, members in contexts.items():
            if len(members) > 1 and any(len(continuation) > 1 for _, continuation in members):
                shared[context_ids] = members
                continue
            for i, continuation_ids in members:
                rows.setdefault(context_ids + tuple(continuation_ids[:-1]), []).append((i, continuation_ids))
        return rows, shared

    def _token_batches(self, groups: _Groups) -> Iterator[_Batch]:
        """Forward batches of inputs (rows or contexts), longest first, by token budget rather than a count.

        A batch holds at most ``batch_size`` times the longest input's tokens (a fixed-count batch's memory)
        and ``_MAX_ROWS_PER_SIZE * batch_size`` inputs; within that, the split minimises padded tokens plus
        a fixed cost per forward pass. Short inputs so share larger batches, and inputs of very different
        lengths are not padded to each other.
        """
        ordered = sorted(groups.items(), key=lambda group: -len(group[0]))
        if not ordered:
            return
        lengths = [len(key) for key, _ in ordered]
        spans = _split_sorted(lengths, self.batch_size * lengths[0], _MAX_ROWS_PER_SIZE * self.batch_size)
        for start, end in spans:
            yield ordered[start:end]

    def _score_rows(self, batch: _Batch) -> Iterator[tuple[int, LoglikelihoodResult]]:
        """One forward pass over right-padded rows (longest first); each member reads the row's last positions."""
        import torch

        keep, members, reads = self._row_reads(batch)
        input_ids = torch.full(keep.shape, self._pad_id, dtype=torch.long)
        for r, (inp, _) in enumerate(batch):
            input_ids[r, : len(inp)] = torch.tensor(inp, dtype=torch.long)
        # No attention mask: with right padding, causal attention already keeps every real token from seeing
        # the padding after it, and unmasked SDPA takes its plain causal kernel.
        logits, _ = self._forward(keep, input_ids=input_ids)
        scores = _read_scores(logits, reads, [continuation for _, continuation in members])
        return zip((i for i, _ in members), scores, strict=True)

    @staticmethod
    def _row_reads(batch: _Batch) -> tuple[torch.Tensor, list[_Member], list[range]]:
        """For right-padded rows (longest first): the positions whose logits are needed, the requests in
        order, and for each request the rows of the flattened kept logits that predict its tokens."""
        import torch

        keep = torch.zeros((len(batch), len(batch[0][0])), dtype=torch.bool)
        members: list[_Member] = []
        reads: list[range] = []
        kept = 0  # logits rows come back flattened in (row, position) order
        for r, (inp, row_members) in enumerate(batch):
            # The last `span` positions predict the row's longest continuation; shorter ones read the tail.
            span = max(len(continuation) for _, continuation in row_members)
            keep[r, len(inp) - span : len(inp)] = True
            for i, continuation in row_members:
                members.append((i, continuation))
                reads.append(range(kept + span - len(continuation), kept + span))
            kept += span
        return keep, members, reads

    def _score_rows_after_prefix(
        self, prefix: tuple[int, ...], suffixes: _Groups
    ) -> Iterator[tuple[int, LoglikelihoodResult]]:
        """Rows that all begin with ``prefix`` (fixed few-shot examples): the prefix is encoded once and
        each batch of rows runs only its own tokens after a copy of the prefix's KV cache.

        ``suffixes`` maps each row's tokens after the prefix to its requests; every position a request
        reads lies in its suffix (see :func:`_shared_prefixes`).
        """
        import torch

        encoded = self._encode_prefix(prefix)
        for batch in self._token_batches(suffixes):
            # Right padding after a prefix every row shares: causal attention keeps real tokens from the
            # padding, and positions continue from the cache's length, so no mask or position ids are needed.
            keep, members, reads = self._row_reads(batch)
            input_ids = torch.full(keep.shape, self._pad_id, dtype=torch.long)
            for r, (suffix, _) in enumerate(batch):
                input_ids[r, : len(suffix)] = torch.tensor(suffix, dtype=torch.long)
            cache = _repeated(encoded, len(batch))
            logits, _ = self._forward(keep, input_ids=input_ids, past_key_values=cache, use_cache=True)
            scores = _read_scores(logits, reads, [continuation for _, continuation in members])
            yield from zip((i for i, _ in members), scores, strict=True)

    def _encode_prefix(self, prefix: tuple[int, ...]) -> Any:
        """The KV cache of a beginning several inputs share (batch of one)."""
        import torch

        with torch.inference_mode():
            ids = torch.tensor([prefix], dtype=torch.long, device=self.device)
            return self._model(input_ids=ids, use_cache=True, logits_to_keep=1).past_key_values

    def _score_shared_contexts(
        self, batch: _Batch, prefix: tuple[int, ...] = (), encoded: Any = None
    ) -> Iterator[tuple[int, LoglikelihoodResult]]:
        """Score the continuations of a batch of contexts, each context encoded once (its KV cache reused).

        With ``prefix``, the batch holds each context's tokens after a beginning they all share, and
        ``encoded`` is that beginning's cache: the contexts run after a copy of it.
        """
        import torch

        width = len(batch[0][0])
        input_ids = torch.full((len(batch), width), self._pad_id, dtype=torch.long)
        last = torch.zeros((len(batch), width), dtype=torch.bool)
        for c, (context_ids, _) in enumerate(batch):
            input_ids[c, : len(context_ids)] = torch.tensor(context_ids, dtype=torch.long)
            last[c, len(context_ids) - 1] = True
        # Each context's last position predicts its continuations' first token (row c of `first`): one-token
        # continuations need nothing more. Right padding, so no mask (see _score_rows).
        after = {"past_key_values": _repeated(encoded, len(batch))} if prefix else {}
        first, cache = self._forward(last, input_ids=input_ids, use_cache=True, **after)
        single = [(c, i, cont) for c, (_, members) in enumerate(batch) for i, cont in members if len(cont) == 1]
        scores = _read_scores(first, [[c] for c, _, _ in single], [cont for _, _, cont in single])
        yield from zip((i for _, i, _ in single), scores, strict=True)
        longer = [(c, i, cont) for c, (_, members) in enumerate(batch) for i, cont in members if len(cont) > 1]
        lengths = [len(prefix) + len(context_ids) for context_ids, _ in batch]
        # Each continuation row reads its own copy of its context's cache: batch_size rows at a time.
        for start in range(0, len(longer), self.batch_size):
            yield from self._score_after_contexts(first, cache, lengths, longer[start : start + self.batch_size])

    def _score_after_contexts(
        self, first: torch.Tensor, cache: Any, lengths: list[int], batch: list[tuple[int, int, list[int]]]
    ) -> Iterator[tuple[int, LoglikelihoodResult]]:
        """Run continuations' own tokens (all but the last) after their context's cached keys and values.

        ``batch`` holds (context row in ``cache``, request index, continuation); ``first`` the logits at each
        context's last position, ``lengths`` each context's length (the cache is right-padded to the longest).
        """
        import copy

        import torch

        past = max(lengths)
        width = max(len(continuation) for _, _, continuation in batch) - 1
        input_ids = torch.full((len(batch), width), self._pad_id, dtype=torch.long)
        keep = torch.zeros((len(batch), width), dtype=torch.bool)
        # A shorter context's cache has padding before the continuation: mask it, and number positions on.
        attention = torch.zeros((len(batch), past + width), dtype=torch.long)
        positions = torch.arange(width).repeat(len(batch), 1)
        reads: list[list[int]] = []
        kept = len(first)  # the continuations' logits rows follow `first`'s
        for r, (c, _, continuation) in enumerate(batch):
            n = len(continuation) - 1
            input_ids[r, :n] = torch.tensor(continuation[:-1], dtype=torch.long)
            keep[r, :n] = True
            attention[r, : lengths[c]] = 1
            attention[r, past : past + n] = 1
            positions[r] += lengths[c]
            reads.append([c, *range(kept, kept + n)])
            kept += n
        rows_cache = copy.deepcopy(cache)
        rows_cache.batch_select_indices(torch.tensor([c for c, _, _ in batch], device=self.device))
        rest, _ = self._forward(
            keep,
            input_ids=input_ids,
            attention_mask=attention,
            position_ids=positions,
            past_key_values=rows_cache,
            use_cache=True,
        )
        continuations = [continuation for _, _, continuation in batch]
        scores = _read_scores(torch.cat([first, rest]), reads, continuations)
        return zip((i for _, i, _ in batch), scores, strict=True)

    def _forward(self, keep: torch.Tensor, **inputs: Any) -> tuple[torch.Tensor, Any]:
        """The logits at the positions ``keep`` marks, flattened to (kept positions, vocabulary), and the cache.

        The model's own head runs on the kept positions only (``logits_to_keep`` as a mask), so any scaling or
        softcapping after it still applies: a 49k-word head over every position costs a large share of a
        small model's forward pass, and its log-softmax more.
        """
        import torch

        device = self.device
        inputs = {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in inputs.items()}
        keep = keep.to(device)
        with torch.inference_mode():
            if self._head_takes_mask():
                output = self._model(**inputs, logits_to_keep=keep)
                return output.logits, output.past_key_values
            output = self._model(**inputs)
            return output.logits[keep], output.past_key_values

    def _head_takes_mask(self) -> bool:
        """Whether the model reads ``logits_to_keep`` as a (batch, length) mask, as most transformers 5
        architectures do; checked once on a one-token input, since older code reads only a count."""
        if self._logits_mask is None:
            import torch

            accepted = "logits_to_keep" in inspect.signature(self._model.forward).parameters
            self._logits_mask = False
            if accepted:
                probe = torch.full((1, 1), self._pad_id, dtype=torch.long, device=self.device)
                try:
                    with torch.inference_mode():
                        logits = self._model(input_ids=probe, logits_to_keep=probe > -1, use_cache=False).logits
                    self._logits_mask = logits.dim() == 2
                except (IndexError, RuntimeError, TypeError):
                    logger.debug("%s: logits_to_keep is not a mask here; computing every position", self.name)
        return self._logits_mask

    def _encode_pair(self, context: str, continuation: str) -> tuple[list[int], list[int]]:
        # A trailing space belongs to the next word in BPE vocabularies (" Paris"), so move it over.
        n_spaces = len(context) - len(context.rstrip())
        if n_spaces:
            continuation = context[-n_spaces:] + continuation
            context = context[:-n_spaces]
        context_ids = self._encode(context, add_bos=self.add_bos_token)
        if not context_ids:
            # Nothing to condition on: score from a single prefix token, as lm-eval does for "".
            return [self._prefix_token_id()], self._encode(continuation, add_bos=False)
        whole_ids = self._encode(context + continuation, add_bos=self.add_bos_token)
        return context_ids, whole_ids[len(context_ids) :]

    def _encode_prompt(self, prompt: str) -> list[int]:
        ids = self._encode(prompt, add_bos=self.add_bos_token)
        return ids or [self._prefix_token_id()]

    def _encode(self, text: str, *, add_bos: bool) -> list[int]:
        ids = list(self._tokenizer(text, add_special_tokens=False)["input_ids"]) if text else []
        bos = self._tokenizer.bos_token_id
        if add_bos and bos is not None and (not ids or ids[0] != bos):
            ids.insert(0, bos)
        return ids

    def _prefix_token_id(self) -> int:
        for token_id in (self._tokenizer.bos_token_id, self._tokenizer.eos_token_id):
            if token_id is not None:
                return token_id
        raise ModelError(f"{self.name}'s tokenizer has neither BOS nor EOS: give a non-empty context or prompt")


class _Cancelled:
    """A stopping criterion that fires once the consumer of a stream has gone away."""

    def __init__(self, event: threading.Event) -> None:
        self._event = event

    def __call__(self, input_ids: torch.Tensor, scores: Any, **kwargs: Any) -> torch.Tensor:
        import torch

        return torch.full((input_ids.shape[0],), self._event.is_set(), dtype=torch.bool, device=input_ids.device)


def _repeated(cache: Any, rows: int) -> Any:
    """A copy of a one-row KV cache repeated ``rows`` times (the original stays as it is for the next batch)."""
    import copy

    repeated = copy.deepcopy(cache)
    repeated.batch_repeat_interleave(rows)
    return repeated


def _row_span(members: list[_Member]) -> int:
    """The last positions a forward row's requests read: as many as its longest continuation has tokens."""
    return max(len(continuation) for _, continuation in members)


def _shared_prefixes(
    rows: _Groups, min_prefix: int, span: Callable[[list[_Member]], int] = _row_span
) -> tuple[list[tuple[tuple[int, ...], _Groups]], _Groups]:
    """Split forward rows into groups that share a beginning of at least ``min_prefix`` tokens, and the rest.

    Sorted token sequences put rows with a common beginning next to each other, and the common beginning
    of a run of neighbours is the shortest one between adjacent rows. A run is split where that is
    shortest whenever its two halves, each with a longer beginning, save more tokens than the run as one
    group (n rows sharing L tokens save (n - 1) * L): a few rows with other examples do not cut the
    others' shared beginning short. Each row keeps the positions its requests read (its last ``span``
    tokens, ``span(requests)``) after the beginning. Groups come back as (beginning, {tokens after it: requests}).
    """
    if not rows:
        return [], {}
    keys = sorted(rows)
    # The most tokens each row can share: everything before the positions its requests read.
    caps = [len(key) - max(span(rows[key]), 1) for key in keys]
    common = [_common_length(a, b) for a, b in itertools.pairwise(keys)]
    prefixed: list[tuple[tuple[int, ...], _Groups]] = []
    rest: _Groups = {}
    for lo, hi, shared in _prefix_runs(common, caps, 0, len(keys), min_prefix):
        if shared:
            prefixed.append((keys[lo][:shared], {key[shared:]: rows[key] for key in keys[lo:hi]}))
        else:
            rest.update((key, rows[key]) for key in keys[lo:hi])
    return prefixed, rest


def _prefix_runs(common: list[int], caps: list[int], lo: int, hi: int, min_prefix: int) -> list[tuple[int, int, int]]:
    """The best split of sorted rows ``lo:hi`` into runs (lo, hi, shared tokens; 0: not shared).

    ``common[i]`` is the common beginning of rows i and i + 1, ``caps[i]`` what row i may share. A run
    splits at every place its shortest common beginning occurs (the LCP interval tree), so a thousand
    zero-shot prompts that share only "Question:" split in one step; iterative, so deep nesting cannot
    exhaust the recursion limit.
    """
    best: dict[tuple[int, int], tuple[int, list[tuple[int, int, int]]]] = {}
    stack: list[tuple[int, int, list[tuple[int, int]] | None]] = [(lo, hi, None)]
    while stack:
        a, b, children = stack.pop()
        if b - a == 1:
            best[a, b] = (0, [(a, b, 0)])
            continue
        weakest = min(common[a : b - 1])
        if children is None:
            cuts = [i + 1 for i in range(a, b - 1) if common[i] == weakest]
            children = list(itertools.pairwise([a, *cuts, b]))
            stack.append((a, b, children))
            stack.extend((x, y, None) for x, y in children)
            continue
        shared = min(weakest, min(caps[a:b]))
        whole = (b - a - 1) * shared if shared >= min_prefix else 0
        parts = [best.pop(child) for child in children]
        split = sum(saving for saving, _ in parts)
        if split > whole:
            best[a, b] = (split, [run for _, runs in parts for run in runs])
        else:
            best[a, b] = (whole, [(a, b, shared if whole else 0)])
    return best[lo, hi][1]


def _common_length(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _split_sorted(lengths: Sequence[int], budget: int, max_rows: int) -> list[tuple[int, int]]:
    """Cut ``lengths`` (longest first) into consecutive (start, end) batches, minimising each batch's
    padded tokens (rows times its first length) plus ``_FORWARD_COST_TOKENS``, by dynamic programming.

    A batch's padded tokens stay within ``budget`` (a single input always fits) and its rows within ``max_rows``.
    """
    best = [0.0] + [math.inf] * len(lengths)  # best[end]: the cheapest split of lengths[:end]
    cut = [0] * (len(lengths) + 1)
    for end in range(1, len(lengths) + 1):
        for start in range(end - 1, max(end - max_rows, 0) - 1, -1):
            padded = (end - start) * lengths[start]
            if padded > budget and end - start > 1:
                break  # earlier starts are longer and hold more rows
            cost = best[start] + padded + _FORWARD_COST_TOKENS
            if cost < best[end]:
                best[end], cut[end] = cost, start
    spans: list[tuple[int, int]] = []
    end = len(lengths)
    while end:
        spans.append((cut[end], end))
        end = cut[end]
    return spans[::-1]


def _read_scores(
    logits: torch.Tensor, reads: Sequence[Sequence[int]], continuations: Sequence[list[int]]
) -> list[LoglikelihoodResult]:
    """Score continuations from logits rows: ``logits[reads[k][j]]`` predicts ``continuations[k][j]``.

    One log-softmax over the rows, one gather and one argmax for every token of every continuation (rows
    shared by several continuations, such as a question's one-token options, are normalised once).
    """
    import torch

    if not reads:
        return []
    device = logits.device
    logprobs = logits.float().log_softmax(dim=-1)
    rows = torch.tensor([row for read in reads for row in read], dtype=torch.long, device=device)
    targets = torch.tensor([token for tokens in continuations for token in tokens], dtype=torch.long, device=device)
    lengths = torch.tensor([len(tokens) for tokens in continuations], device=device)
    owners = torch.repeat_interleave(torch.arange(len(reads), device=device), lengths)
    # Sums in float64, like a plain Python sum of the per-token values.
    totals = torch.zeros(len(reads), dtype=torch.float64, device=device)
    totals.index_add_(0, owners, logprobs[rows, targets].double())
    misses = torch.zeros(len(reads), dtype=torch.long, device=device)
    misses.index_add_(0, owners, (logprobs.argmax(dim=-1)[rows] != targets).long())
    return [
        LoglikelihoodResult(total, missed == 0, len(tokens))
        for total, missed, tokens in zip(totals.tolist(), misses.tolist(), continuations, strict=True)
    ]


def _check_messages(messages: Sequence[Message]) -> None:
    if not messages:
        raise ModelError("a conversation needs at least one message")
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or "role" not in message or "content" not in message:
            raise ModelError(f"message {i} must be a dict with 'role' and 'content', got {message!r}")


def _eos_ids(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase) -> list[int]:
    ids: list[int] = []
    configured = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    for value in (configured, tokenizer.eos_token_id):
        for token_id in value if isinstance(value, list | tuple) else [value]:
            if token_id is not None and token_id not in ids:
                ids.append(int(token_id))
    return ids


def _max_length(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase) -> int:
    for attr in ("max_position_embeddings", "n_positions", "seq_length"):
        value = getattr(model.config, attr, None)
        if isinstance(value, int) and value > 0:
            return value
    value = getattr(tokenizer, "model_max_length", None)
    # Tokenizers without a limit report a huge sentinel (1e30).
    if isinstance(value, int) and 0 < value < 1_000_000:
        return value
    return _DEFAULT_MAX_LENGTH


def _load_hint(target: str, exc: Exception) -> str:
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if Path(target).expanduser().exists():
        return f"could not load the model folder {target}: {first_line}"
    return (
        f"could not load {target!r} with transformers ({first_line}). It is not a local folder; as a hub id "
        "it needs network access (unset HF_HUB_OFFLINE) or a copy in the Hugging Face cache. Built-in names "
        "are listed by `medllm models list`; http(s):// URLs use an OpenAI-compatible server."
    )
