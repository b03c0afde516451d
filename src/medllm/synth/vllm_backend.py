"""``--engine vllm``: the generators on vLLM's offline batch engine (``vllm.LLM.chat``) on a CUDA GPU.

vLLM is an optional GPU extra, imported only here and only when this engine is chosen. Requests that
the teacher client sends concurrently are queued and handed to ``LLM.chat`` as one batch (with one
``SamplingParams`` per request, so every request keeps its own seed and limits); while a batch runs on
the GPU the next one gathers. Everything above the backend (cache, ledger, retries, generators) is
unchanged, so a run can move between an HTTP teacher and vLLM and reuse the replies that match.
Run it with a high ``--concurrency`` (256 or more): that is the batch the GPU sees.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from medllm.synth.backends import ItemRejected, TeacherBackend
from medllm.synth.types import SynthError, TeacherRequest, TeacherResponse

log = logging.getLogger(__name__)

_SETTLE_TURNS = 4
INSTALL_HINT = "pip install vllm (or medllm[gpu]) on a Linux machine with a CUDA GPU"


def import_vllm() -> Any:
    """The ``vllm`` module.

    Raises:
        SynthError: vLLM is not installed (a one-line message with the install hint).
    """
    try:
        import vllm
    except ImportError as error:
        raise SynthError(f"--engine vllm needs vLLM, which is not installed here ({error}); {INSTALL_HINT}") from None
    return vllm


def cuda_available() -> bool:
    """Whether torch sees a CUDA device (vLLM's offline engine needs one)."""
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


class VLLMBackend(TeacherBackend):
    """A model run by ``vllm.LLM`` in this process.

    Args:
        model: a built-in medllm model name, a local model folder or a hub id.
        name: the model name recorded in the cache key and provenance (default: ``model``).
        engine_args: keyword arguments for ``vllm.LLM`` (``tensor_parallel_size``, ``max_model_len``,
            ``gpu_memory_utilization``, ``dtype``, ...).
        max_batch: requests per ``LLM.chat`` call at most.

    Raises:
        SynthError: vLLM is missing, no CUDA device is visible, ``model`` is a URL, or vLLM fails to load it.
    """

    def __init__(
        self, model: str, *, name: str | None = None, engine_args: dict[str, Any] | None = None, max_batch: int = 1024
    ) -> None:
        if model.startswith(("http://", "https://")):
            raise SynthError("--engine vllm runs the model on this machine: give --teacher a model folder or hub id")
        vllm = import_vllm()
        if not cuda_available():
            raise SynthError("--engine vllm needs a CUDA GPU and none is visible here; use an HTTP teacher on CPU")
        from medllm.models import ModelError, model_folder

        try:
            source = model_folder(model)
        except ModelError as error:
            raise SynthError(str(error)) from None
        self.model = name or model
        self._sampling_params = vllm.SamplingParams
        try:
            self._llm = vllm.LLM(model=source, **(engine_args or {}))
        except Exception as error:  # vLLM raises many types (ValueError, RuntimeError, OOM); all end the run
            raise SynthError(f"vLLM cannot load {model!r}: {type(error).__name__}: {error}") from None
        self._max_batch = max_batch
        self._queue: list[tuple[TeacherRequest, asyncio.Future[TeacherResponse]]] = []
        self._worker: asyncio.Task[None] | None = None
        self.batches: list[int] = []  # sizes of the LLM.chat calls, for the ledger's log and for tests

    async def send(self, request: TeacherRequest) -> TeacherResponse:
        future: asyncio.Future[TeacherResponse] = asyncio.get_running_loop().create_future()
        self._queue.append((request, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._queue:
            # Let every worker that is ready add its request: wait until the queue stops growing for a few
            # turns of the event loop (microseconds, against a GPU batch of seconds).
            size = -1
            while size != len(self._queue) and len(self._queue) < self._max_batch:
                size = len(self._queue)
                for _ in range(_SETTLE_TURNS):
                    await asyncio.sleep(0)
            batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
            batch = [(request, future) for request, future in batch if not future.done()]
            if not batch:
                continue
            self.batches.append(len(batch))
            results = await asyncio.to_thread(self._run, [request for request, _ in batch])
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)

    def _params(self, request: TeacherRequest) -> Any:
        sampling = request.sampling
        return self._sampling_params(
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            max_tokens=sampling.max_tokens,
            seed=sampling.seed,
            stop=list(sampling.stop) or None,
        )

    def _run(self, requests: list[TeacherRequest]) -> list[TeacherResponse | BaseException]:
        try:
            outputs = self._llm.chat(
                [request.message_dicts() for request in requests],
                sampling_params=[self._params(request) for request in requests],
                use_tqdm=False,
            )
        except Exception as error:
            if len(requests) == 1:
                # vLLM validates each prompt (length, template) and fails the whole call on one bad one.
                return [ItemRejected("bad_request", f"vLLM: {type(error).__name__}: {error}")]
            log.info("a batch of %d failed (%s); running its requests one by one", len(requests), error)
            return [result for request in requests for result in self._run([request])]
        return [self._response(output) for output in outputs]

    @staticmethod
    def _response(output: Any) -> TeacherResponse:
        completion = output.outputs[0]
        return TeacherResponse(
            text=completion.text,
            finish_reason=completion.finish_reason or "unknown",
            prompt_tokens=len(output.prompt_token_ids or []),
            completion_tokens=len(completion.token_ids or []),
        )
