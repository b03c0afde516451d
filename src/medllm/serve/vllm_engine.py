"""``--engine vllm``: medllm's server (keys, limits, queue, assistant, metrics) in front of vLLM's engine.

vLLM is a GPU-only optional extra (``pip install 'medllm[gpu]'``), imported here only. The code follows
vLLM's documented asynchronous engine (``vllm.v1.engine.async_llm.AsyncLLM``, also exported as
``vllm.AsyncLLMEngine``): ``AsyncLLM.from_engine_args(AsyncEngineArgs(...))``, ``generate(prompt,
SamplingParams, request_id)`` as an async generator of ``RequestOutput`` (with
``output_kind=RequestOutputKind.DELTA`` each output carries only the new text and token ids), and
``abort(request_id)``. vLLM batches the requests running at once itself (continuous batching,
paged KV cache), so ``batching`` is on.

That engine lives on an asyncio loop; medllm's requests run in worker threads (see
:mod:`medllm.serve.jobs`). The loop therefore runs in a thread of its own, and each request hands it a
coroutine and reads the deltas from a thread-safe queue; a stop flag set by the server (client gone,
timeout) cancels the coroutine, and vLLM aborts a request whose generator is cancelled.

The prompt is tokenized here with the model's own Hugging Face tokenizer and chat template and sent as
token ids, so the server's token counts, context checks and the engine agree.

Not served through vLLM yet: ``logprobs``/``echo`` scoring on ``/v1/completions`` (400, as for
llama.cpp).
"""

from __future__ import annotations

import asyncio
import itertools
import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from medllm.models.base import ChatModel, GenerationConfig, LoglikelihoodResult, Message, ModelError
from medllm.serve.engine import Emit, Engine, Finish

#: how often a worker waiting for vLLM checks its request's stop flag (seconds)
_POLL = 0.05
_END = object()


def check_vllm() -> None:
    """One line saying why ``--engine vllm`` cannot run here, or nothing.

    Raises:
        ModelError: vLLM is not installed, or there is no CUDA GPU.
    """
    try:
        import vllm  # noqa: F401
    except ImportError:
        raise ModelError(
            "--engine vllm needs vLLM, which is not installed (GPU machines: pip install 'medllm[gpu]')"
        ) from None
    import torch

    if not torch.cuda.is_available():
        raise ModelError("--engine vllm needs a CUDA GPU, and none is visible here: use --engine transformers")


class VLLMEngine(Engine):
    """A model served by vLLM's ``AsyncLLM``.

    Args:
        spec: a built-in model name, a model folder or a hub id.
        name: the name clients send (default: ``spec``).
        max_batch: most requests vLLM runs at once (``max_num_seqs``; the server's ``--max-concurrency``).
        engine_args: more ``AsyncEngineArgs`` fields (``gpu_memory_utilization``, ``dtype``, ...).
    """

    batching = True

    def __init__(self, spec: str, name: str | None = None, *, max_batch: int = 8, **engine_args: Any) -> None:
        check_vllm()
        from vllm import AsyncEngineArgs
        from vllm.v1.engine.async_llm import AsyncLLM

        from medllm.models.registry import load_tokenizer, model_folder

        folder = model_folder(spec)
        self.tokenizer = load_tokenizer(spec)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="medllm-vllm-loop", daemon=True)
        self._thread.start()
        args = AsyncEngineArgs(model=folder, max_num_seqs=max_batch, **engine_args)
        # Built on the loop's thread: AsyncLLM starts its output handler on the running loop.
        self.llm = self._run(self._build(AsyncLLM, args))
        max_length = int(self.llm.model_config.max_model_len)
        super().__init__(_VLLMChatModel(self, name or spec), name or spec, max_length)
        self._ids = itertools.count()

    @staticmethod
    async def _build(cls: Any, args: Any) -> Any:
        return cls.from_engine_args(args)

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    # --- tokens -------------------------------------------------------------------------------------
    def chat_ids(self, messages: Sequence[Message]) -> list[int]:
        text = self.tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True)
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def prompt_ids(self, prompt: str) -> list[int]:
        ids = list(self.tokenizer(prompt, add_special_tokens=False)["input_ids"]) if prompt else []
        return ids or [self.tokenizer.bos_token_id or self.tokenizer.eos_token_id or 0]

    def count_chat(self, messages: Sequence[Message]) -> int:
        return len(self.chat_ids(messages))

    def count_text(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"]) if text else 0

    # --- generation ---------------------------------------------------------------------------------
    def chat(self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        return self._generate(self.chat_ids(messages), config, stop, emit)

    def complete(self, prompt: str, config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        return self._generate(self.prompt_ids(prompt), config, stop, emit)

    def stream_text(
        self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event
    ) -> Iterator[str]:
        pieces: queue.SimpleQueue[str] = queue.SimpleQueue()
        closed = threading.Event()  # the reader stopped early (a stop string): end this generation only
        ids = self.chat_ids(messages)
        worker = threading.Thread(
            target=self._generate, args=(ids, config, _Either(stop, closed), pieces.put), daemon=True
        )
        worker.start()
        try:
            while worker.is_alive() or not pieces.empty():
                try:
                    yield pieces.get(timeout=_POLL)
                except queue.Empty:
                    continue
        finally:
            closed.set()
            worker.join()

    def _generate(self, ids: list[int], config: GenerationConfig, stop: Any, emit: Emit) -> Finish:
        from vllm import SamplingParams
        from vllm.sampling_params import RequestOutputKind

        params = SamplingParams(
            max_tokens=config.max_new_tokens,
            temperature=config.temperature,  # vLLM decodes greedily at temperature 0
            top_p=config.top_p,
            seed=config.seed,  # per request in vLLM, so reproducible even in a batch
            stop=list(config.stop) or None,
            output_kind=RequestOutputKind.DELTA,
        )
        request_id = f"medllm-{next(self._ids)}"
        out: queue.SimpleQueue[Any] = queue.SimpleQueue()

        async def produce() -> None:
            try:
                async for output in self.llm.generate({"prompt_token_ids": ids}, params, request_id):
                    out.put(output.outputs[0])
            except BaseException as error:  # cancelled (stop flag) or failed: the worker sees which
                out.put(error)
                raise
            finally:
                out.put(_END)

        future = asyncio.run_coroutine_threadsafe(produce(), self._loop)
        tokens = 0
        reason: str | None = None
        while True:
            if stop.is_set() and not future.done():
                future.cancel()  # vLLM aborts a request whose generator is cancelled
            try:
                item = out.get(timeout=_POLL)
            except queue.Empty:
                continue
            if item is _END:
                break
            if isinstance(item, asyncio.CancelledError):
                continue
            if isinstance(item, BaseException):
                raise ModelError(f"vLLM failed this request: {type(item).__name__}: {item}") from item
            tokens += len(item.token_ids)
            if item.text and not stop.is_set():
                emit(item.text)
            reason = item.finish_reason or reason
        if stop.is_set():
            return Finish("cancelled", tokens)
        return Finish("length" if reason == "length" else "stop", tokens)

    def shutdown(self) -> None:
        if self._loop.is_running():
            self.llm.shutdown()
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)


class _Either:
    """Set when either event is."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        self.first, self.second = first, second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


class _VLLMChatModel(ChatModel):
    """The vLLM engine as the :class:`ChatModel` the assistant and the CLI expect."""

    def __init__(self, engine: VLLMEngine, name: str) -> None:
        self._engine = engine
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    @property
    def tokenizer(self) -> Any:
        return self._engine.tokenizer

    @property
    def chat_template(self) -> str | None:
        return getattr(self._engine.tokenizer, "chat_template", None)

    def chat(self, conversations: Sequence[Sequence[Message]], config: GenerationConfig) -> list[str]:
        return ["".join(self.stream_chat(messages, config)) for messages in conversations]

    def stream_chat(self, messages: Sequence[Message], config: GenerationConfig) -> Iterator[str]:
        return self._engine.stream_text(messages, config, threading.Event())

    def complete(self, prompts: Sequence[str], config: GenerationConfig) -> list[str]:
        results = []
        for prompt in prompts:
            parts: list[str] = []
            self._engine.complete(prompt, config, threading.Event(), parts.append)
            results.append("".join(parts))
        return results

    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[LoglikelihoodResult]:
        raise ModelError(f"{self._name}: scoring is served by the transformers engine only")
