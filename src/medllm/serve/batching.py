"""Concurrent requests generated together, through transformers' own continuous batching.

transformers 5.x ships a continuous-batching scheduler (``ContinuousBatchingManager``, the engine behind
``transformers serve``): requests join and leave the running batch at every step, the KV cache is paged
(no padding at all, so nothing like left padding is needed), prompts are prefilled in chunks between
decode steps, and a request can be cancelled by id. It runs on CPU with the ``sdpa`` attention the
models load with. medllm uses it rather than a batcher of its own: it is maintained upstream and
already does what a small batcher would do by hand (padding, joining mid-flight, freeing a finished
row at once). What this module adds is what a server needs around it:

- one generator per request, read by that request's worker thread, that ends (and cancels the request
  in the scheduler) when the request's stop flag is set, so a client that leaves drops out of the batch
  without touching the others;
- per-request sampling in one shared batch: the manager samples (``do_sample`` is one setting for all),
  with per-request temperature, top-k and top-p; a greedy request gets ``top_k=1``, which keeps only the
  highest logit, so its tokens are the argmax, as with ``generate(do_sample=False)`` (checked against it
  in ``tests/serve/test_batching.py``);
- one dispatcher thread routing each output to its request, and a manager that is rebuilt if its thread
  dies, the requests it held failing with an error rather than waiting forever.

Not served here (the engine runs these one at a time instead): a seeded sampled request (the manager has
one random generator for the whole batch) and a request longer than the whole KV cache.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Generator
from typing import Any

from medllm.models.base import GenerationConfig

logger = logging.getLogger(__name__)

#: tokens per KV-cache page; small pages waste little on short requests
PAGE_SIZE = 64
#: most tokens one forward pass takes (long prompts are prefilled in chunks between decode steps,
#: so a new long prompt does not stall every running stream for its whole prefill)
MAX_BATCH_TOKENS = 512
#: how often a waiting request checks its stop flag (seconds)
_POLL = 0.05


class BatchedOutput:
    """What the dispatcher hands one request: new token ids, the end, or an error."""

    __slots__ = ("error", "finished", "tokens")

    def __init__(self, tokens: list[int], finished: bool, error: str | None = None) -> None:
        self.tokens = tokens
        self.finished = finished
        self.error = error


class ContinuousBatcher:
    """A model's requests generated in one continuously rebuilt batch.

    Args:
        model: a loaded transformers causal LM (``sdpa`` or flash attention).
        eos_ids: token ids that end a generation.
        pad_id: the padding id the generation config needs.
        max_batch: most requests in one forward pass (the server's ``--max-concurrency``).
        cache_tokens: KV-cache size in tokens, shared by the running requests.

    Raises:
        ValueError: for a model whose attention continuous batching would have to replace (``eager``):
            switching it would change the model under the engine's other, unbatched calls.
    """

    def __init__(self, model: Any, eos_ids: list[int], pad_id: int, *, max_batch: int, cache_tokens: int) -> None:
        attention = getattr(model.config, "_attn_implementation", None)
        if attention != "sdpa" and not str(attention).startswith("flash"):
            raise ValueError(f"continuous batching needs sdpa or flash attention, not {attention!r}")
        if max_batch < 1 or cache_tokens < PAGE_SIZE:
            raise ValueError("need max_batch >= 1 and cache_tokens >= one page")
        self.model = model
        self.eos_ids = list(eos_ids)
        self.pad_id = pad_id
        self.max_batch = max_batch
        self.num_blocks = -(-cache_tokens // PAGE_SIZE)
        self.capacity = self.num_blocks * PAGE_SIZE
        self.vocab_size = int(model.config.get_text_config().vocab_size)
        self._ids = itertools.count()
        self._lock = threading.Lock()
        # request id -> (its inbox, the manager it was sent to)
        self._waiting: dict[str, tuple[queue.SimpleQueue[BatchedOutput], Any]] = {}
        self._manager: Any = None
        self._dispatcher: threading.Thread | None = None
        self._closed = False

    # --- what the engine asks -----------------------------------------------------------------------
    def accepts(self, prompt_tokens: int, config: GenerationConfig) -> bool:
        """Whether this request can join the batch (else the engine runs it alone)."""
        seeded_sampling = config.seed is not None and not config.greedy
        return not seeded_sampling and prompt_tokens + config.max_new_tokens <= self.capacity

    def tokens(
        self, ids: list[int], config: GenerationConfig, stop: threading.Event
    ) -> Generator[list[int], None, bool]:
        """Generate for one request: yields new token ids as the batch produces them.

        Returns (as the generator's value) True when the request finished in the scheduler (end of
        text or ``max_new_tokens``), False when ``stop`` ended it first. Closing the generator early
        (a stop string met by the caller) cancels the request in the scheduler too.

        Raises:
            RuntimeError: the scheduler failed this request.
        """
        request_id, inbox, manager = self._submit(ids, config)
        sent = 0
        finished = False
        try:
            while True:
                if stop.is_set():
                    return False
                try:
                    output = inbox.get(timeout=_POLL)
                except queue.Empty:
                    continue
                if output.error is not None:
                    raise RuntimeError(f"batched generation failed: {output.error}")
                if len(output.tokens) > sent:
                    new, sent = output.tokens[sent:], len(output.tokens)
                    yield new
                if output.finished:
                    finished = True
                    return True
        finally:
            with self._lock:
                self._waiting.pop(request_id, None)
            if not finished:
                manager.cancel_request(request_id)  # frees its rows and cache pages at the next step

    def close(self) -> None:
        """Stop the scheduler thread; waiting requests end with an error."""
        with self._lock:
            self._closed = True
            manager, self._manager = self._manager, None
            waiting, self._waiting = self._waiting, {}
        for inbox, _ in waiting.values():
            inbox.put(BatchedOutput([], True, "the server is shutting down"))
        if manager is not None:
            manager.stop(block=True, timeout=10)

    # --- inside -------------------------------------------------------------------------------------
    def _submit(self, ids: list[int], config: GenerationConfig) -> tuple[str, queue.SimpleQueue[BatchedOutput], Any]:
        if config.greedy:
            # top_k=1 keeps only the highest logit, so sampling picks the argmax: greedy decoding.
            sampling = {"temperature": 1.0, "top_k": 1, "top_p": 1.0}
        else:
            # top_k = the whole vocabulary: no top-k cut, as with the unbatched path's top_k=0.
            sampling = {
                "temperature": float(config.temperature),
                "top_k": self.vocab_size,
                "top_p": float(config.top_p),
            }
        inbox: queue.SimpleQueue[BatchedOutput] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                raise RuntimeError("the server is shutting down")
            manager = self._running_manager()
            request_id = f"medllm-{next(self._ids)}"
            self._waiting[request_id] = (inbox, manager)
        manager.add_request(
            list(ids),
            request_id=request_id,
            max_new_tokens=config.max_new_tokens,
            streaming=True,
            eos_token_id=self.eos_ids or -1,
            **sampling,
        )
        return request_id, inbox, manager

    def _running_manager(self) -> Any:
        """The scheduler, started on first use and rebuilt if its thread has died (called under the lock)."""
        if self._manager is not None and self._manager.is_running():
            return self._manager
        from transformers import GenerationConfig as HFGenerationConfig
        from transformers.generation import ContinuousBatchingConfig

        # The values here only make transformers build the three per-request processors; each request
        # then sends its own (see _submit).
        generation = HFGenerationConfig(
            do_sample=True,
            temperature=0.5,
            top_k=1,
            top_p=0.5,
            eos_token_id=self.eos_ids or -1,
            pad_token_id=self.pad_id,
        )
        batching = ContinuousBatchingConfig(
            page_size=PAGE_SIZE,
            num_blocks=self.num_blocks,
            max_batch_tokens=MAX_BATCH_TOKENS,
            max_requests_per_batch=self.max_batch,
            per_request_processors=True,
            auto_switch_to_flash=False,
        )
        manager = self.model.init_continuous_batching(generation_config=generation, continuous_batching_config=batching)
        manager.start()
        self._manager = manager
        self._dispatcher = threading.Thread(
            target=self._dispatch, args=(manager,), name="medllm-batch-dispatch", daemon=True
        )
        self._dispatcher.start()
        return manager

    def _dispatch(self, manager: Any) -> None:
        """Route each output of ``manager`` to its request until the manager stops."""
        while True:
            output = manager.get_result(timeout=0.1)
            if output is None:
                if not manager.is_running():
                    break
                continue
            with self._lock:
                entry = self._waiting.get(output.request_id)
            if entry is not None:  # None: the request already left (cancelled, client gone)
                entry[0].put(BatchedOutput(list(output.generated_tokens), output.is_finished(), output.error))
        with self._lock:
            if self._manager is manager:
                self._manager = None
            orphans = [inbox for inbox, owner in self._waiting.values() if owner is manager]
        if orphans:
            logger.error("the continuous-batching thread stopped; %d waiting requests fail", len(orphans))
        for inbox in orphans:
            inbox.put(BatchedOutput([], True, "the batching thread stopped"))
