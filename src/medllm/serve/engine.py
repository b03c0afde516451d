"""The engines the server generates with, behind one small interface.

An engine runs one request in the calling (worker) thread and hands text out through ``emit`` as it
is produced; a ``threading.Event`` asks it to stop (client gone, timeout), which it checks at every
token. ``TransformersEngine`` drives transformers itself, so it knows token counts and why generation
ended, and can serve prompt log-probabilities; with ``batch_size`` > 1 the requests running at once are
generated together (:mod:`medllm.serve.batching`), otherwise each is its own ``generate`` call.
``ChatModelEngine`` serves any other :class:`~medllm.models.ChatModel` (llama.cpp, an upstream
OpenAI-compatible server) through its streaming chat, without log-probabilities.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medllm.models.base import ChatModel, GenerationConfig, Message, ModelError, StopStringFilter

if TYPE_CHECKING:
    import torch

    from medllm.serve.batching import ContinuousBatcher

logger = logging.getLogger(__name__)

#: emit(text): hands generated text to the waiting request.
Emit = Callable[[str], None]

#: KV-cache tokens set aside per batch slot: room for a typical prompt plus the default 512 new tokens;
#: a longer request waits for pages to free up, and one longer than the whole cache runs alone
_CACHE_TOKENS_PER_SLOT = 1024


@dataclass(frozen=True)
class Finish:
    """How a generation ended: ``stop`` (end of text or a stop string), ``length`` or ``cancelled``."""

    reason: str
    completion_tokens: int


class Engine:
    """What the server needs from a model. Subclasses fill in the generation methods.

    Attributes:
        name: the model name clients send.
        chat_model: the :class:`ChatModel` the assistant pipeline uses.
        max_length: the context window in tokens, or None when unknown.
        supports_logprobs: whether :meth:`logprobs` is served.
    """

    supports_logprobs = False
    #: whether concurrent requests are generated in one batch
    batching = False

    def __init__(self, chat_model: ChatModel, name: str | None = None, max_length: int | None = None) -> None:
        self.chat_model = chat_model
        self.name = name or chat_model.name
        self.max_length = max_length

    def count_chat(self, messages: Sequence[Message]) -> int:
        """Prompt tokens of a conversation (an estimate where the engine has no tokenizer)."""
        return sum(self.count_text(m["content"]) + 4 for m in messages)

    def count_text(self, text: str) -> int:
        """Tokens in ``text``: about four characters a token when there is no tokenizer."""
        return (len(text) + 3) // 4

    def chat(self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        raise NotImplementedError

    def complete(self, prompt: str, config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        raise NotImplementedError

    def logprobs(
        self, prompt: str, config: GenerationConfig | None, top: int, echo: bool, stop: threading.Event
    ) -> dict[str, Any]:
        raise ModelError(f"{self.name}: log-probabilities are served by the transformers engine only")

    def stream_text(
        self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event
    ) -> Iterator[str]:
        """One conversation's reply in pieces, ending once ``stop`` is set (how the assistant reads the model)."""
        with closing(self.chat_model.stream_chat(list(messages), config)) as pieces:
            for piece in pieces:
                if stop.is_set():  # closing() ends the backend's stream, which stops its generation
                    return
                yield piece

    def shutdown(self) -> None:  # optional hook: only a batching engine has background work
        """Stop background work (a batch scheduler); the model stays loaded."""

    def close(self) -> None:
        self.shutdown()
        self.chat_model.close()


class ChatModelEngine(Engine):
    """Any :class:`ChatModel` through its own streaming chat; raw completion is answered whole."""

    def chat(self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        count = 0
        with closing(self.chat_model.stream_chat(list(messages), config)) as pieces:
            for piece in pieces:
                if stop.is_set():  # closing() ends the backend's stream, which stops its generation
                    return Finish("cancelled", count)
                emit(piece)
                count += self.count_text(piece)
        return Finish("stop", count)

    def complete(self, prompt: str, config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        text = self.chat_model.complete([prompt], config)[0]
        emit(text)
        return Finish("stop", self.count_text(text))


class _Cancel:
    """A stopping criterion that fires once ``event`` is set (transformers checks it after every token)."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def __call__(self, input_ids: torch.Tensor, scores: Any, **kwargs: Any) -> torch.Tensor:
        import torch

        return torch.full((input_ids.shape[0],), self.event.is_set(), dtype=torch.bool, device=input_ids.device)


class TransformersEngine(Engine):
    """A local transformers model; calls may run in several threads.

    Args:
        chat_model: a :class:`~medllm.models.transformers_backend.TransformersModel`.
        name: the name clients send (default: the model's).
        batch_size: above 1, up to this many concurrent requests are generated in one continuously
            rebuilt batch; 0 or 1, each request is its own ``generate`` call (one at a time when the
            server runs one request at once).
    """

    supports_logprobs = True

    def __init__(self, chat_model: Any, name: str | None = None, *, batch_size: int = 0) -> None:
        super().__init__(chat_model, name, chat_model.max_length)
        self.hf = chat_model.model
        self.tokenizer = chat_model.tokenizer
        # Fast tokenizers are Rust objects that refuse concurrent mutable use ("Already borrowed").
        self._tokenizer_lock = threading.Lock()
        config_eos = getattr(self.hf.generation_config, "eos_token_id", None)
        eos = config_eos if isinstance(config_eos, list | tuple) else [config_eos, self.tokenizer.eos_token_id]
        self.eos_ids = sorted({int(i) for i in eos if i is not None})
        pad = self.tokenizer.pad_token_id
        self.pad_id = pad if pad is not None else (self.eos_ids[0] if self.eos_ids else 0)
        self.batcher: ContinuousBatcher | None = None
        if batch_size > 1:
            self.batcher = self._batcher(batch_size)
        self.batching = self.batcher is not None

    def _batcher(self, batch_size: int) -> ContinuousBatcher | None:
        from medllm.serve.batching import ContinuousBatcher

        cache = max(batch_size * _CACHE_TOKENS_PER_SLOT, min(self.max_length or 0, 4 * _CACHE_TOKENS_PER_SLOT))
        try:
            return ContinuousBatcher(self.hf, self.eos_ids, self.pad_id, max_batch=batch_size, cache_tokens=cache)
        except ValueError as error:
            logger.warning("%s: requests are generated one per call: %s", self.name, error)
            return None

    def shutdown(self) -> None:
        if self.batcher is not None:
            self.batcher.close()

    # --- tokens -------------------------------------------------------------------------------------
    def encode(self, text: str, offsets: bool = False) -> Any:
        with self._tokenizer_lock:
            return self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=offsets)

    def prompt_ids(self, prompt: str) -> list[int]:
        ids = list(self.encode(prompt)["input_ids"]) if prompt else []
        return ids or [self._prefix_id()]

    def chat_ids(self, messages: Sequence[Message]) -> list[int]:
        template = self.chat_model.chat_template
        if not template:
            raise ModelError(f"{self.name} has no chat template: use /v1/completions for raw text")
        with self._tokenizer_lock:
            text = self.tokenizer.apply_chat_template(
                list(messages), chat_template=template, tokenize=False, add_generation_prompt=True
            )
        # The chat template already writes any BOS the model expects.
        return list(self.encode(text)["input_ids"])

    def count_chat(self, messages: Sequence[Message]) -> int:
        return len(self.chat_ids(messages))

    def count_text(self, text: str) -> int:
        return len(self.encode(text)["input_ids"]) if text else 0

    def _prefix_id(self) -> int:
        for token_id in (self.tokenizer.bos_token_id, self.tokenizer.eos_token_id):
            if token_id is not None:
                return int(token_id)
        return 0

    # --- generation ---------------------------------------------------------------------------------
    def chat(self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        return self._stream(self.chat_ids(messages), config, stop, emit)

    def complete(self, prompt: str, config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        return self._stream(self.prompt_ids(prompt), config, stop, emit)

    def stream_text(
        self, messages: Sequence[Message], config: GenerationConfig, stop: threading.Event
    ) -> Iterator[str]:
        ids = self.chat_ids(messages) if self.batcher is not None else []
        if self.batcher is not None and self.batcher.accepts(len(ids), config):
            yield from self._batched(ids, config, stop)
        else:
            yield from super().stream_text(messages, config, stop)

    def _stream(self, ids: list[int], config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        if self.batcher is not None and self.batcher.accepts(len(ids), config):
            pieces = self._batched(ids, config, stop)
            while True:
                try:
                    emit(next(pieces))
                except StopIteration as end:
                    return end.value
        return self._stream_alone(ids, config, stop, emit)

    def _batched(self, ids: list[int], config: GenerationConfig, stop: threading.Event) -> Generator[str, None, Finish]:
        """One request's text as the shared batch produces it; returns how it ended.

        The same streamer class and stop-string filter as a request generated alone, so the text a
        request gets does not depend on whether it was batched.
        """
        import torch
        from transformers import TextStreamer

        assert self.batcher is not None
        texts: list[str] = []

        class _Collect(TextStreamer):
            def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
                texts.append(text)

        streamer = _Collect(self.tokenizer, skip_prompt=False, skip_special_tokens=True)
        stopper = StopStringFilter(config.stop)
        generated: list[int] = []
        with closing(self.batcher.tokens(ids, config, stop)) as tokens:  # closing: cancels it in the batch
            ended = False
            while not ended and not stopper.stopped:
                try:
                    new = next(tokens)
                    generated.extend(new)
                    streamer.put(torch.tensor(new))
                except StopIteration:
                    ended = True
                    streamer.end()
                for text in texts:
                    if piece := stopper.feed(text):
                        yield piece
                texts.clear()
        if rest := stopper.flush():
            yield rest
        return Finish(self._reason(generated, config, stop, stopper.stopped), len(generated))

    def _stream_alone(self, ids: list[int], config: GenerationConfig, stop: threading.Event, emit: Emit) -> Finish:
        from transformers import TextStreamer

        stopper = StopStringFilter(config.stop)

        class _Out(TextStreamer):
            def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
                piece = stopper.feed(text)
                if piece:
                    emit(piece)
                if stopper.stopped:
                    stop_strings.set()

        stop_strings = threading.Event()  # a stop string was met in the text: end without waiting for EOS
        streamer = _Out(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        generated = self._generate(ids, config, [stop, stop_strings], streamer)
        rest = stopper.flush()
        if rest:
            emit(rest)
        return Finish(self._reason(generated, config, stop, stopper.stopped), len(generated))

    def _generate(
        self, ids: list[int], config: GenerationConfig, events: list[threading.Event], streamer: Any = None
    ) -> list[int]:
        import torch
        from transformers import StoppingCriteriaList

        kwargs: dict[str, Any] = {
            "max_new_tokens": config.max_new_tokens,
            "pad_token_id": self.pad_id,
            "eos_token_id": self.eos_ids or None,
            "stopping_criteria": StoppingCriteriaList([_Cancel(e) for e in events]),
        }
        if config.greedy:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        else:
            kwargs.update(do_sample=True, temperature=config.temperature, top_p=config.top_p, top_k=0)
        if config.seed is not None:
            torch.manual_seed(config.seed)  # process-wide: reproducible when requests do not overlap
        input_ids = torch.tensor([ids], device=self.hf.device)
        with torch.inference_mode():
            output = self.hf.generate(
                input_ids=input_ids, attention_mask=torch.ones_like(input_ids), streamer=streamer, **kwargs
            )
        return [int(t) for t in output[0, len(ids) :].tolist()]

    def _reason(self, generated: list[int], config: GenerationConfig, stop: threading.Event, stopped: bool) -> str:
        if stop.is_set():
            return "cancelled"
        if stopped or (generated and generated[-1] in self.eos_ids):
            return "stop"
        return "length" if len(generated) >= config.max_new_tokens else "stop"

    # --- log-probabilities --------------------------------------------------------------------------
    def logprobs(
        self, prompt: str, config: GenerationConfig | None, top: int, echo: bool, stop: threading.Event
    ) -> dict[str, Any]:
        from medllm.serve.scoring import score_tokens

        return score_tokens(self, prompt, config, top, echo, stop)


def resolve_spec(spec: str, engine: str) -> str:
    """The model spec ``load_model`` takes for ``engine``; vLLM is imported here, only when asked for.

    Raises:
        ModelError: an unknown engine, or vLLM asked for where it is not installed or there is no GPU.
    """
    from medllm.models.registry import LLAMACPP_PREFIX

    if engine == "vllm":
        from medllm.serve.vllm_engine import check_vllm

        check_vllm()
        if spec.startswith(("http://", "https://", LLAMACPP_PREFIX)):
            raise ModelError(f"--engine vllm serves a model folder, hub id or built-in name, not {spec!r}")
        return spec
    if engine == "llamacpp":
        return spec if spec.startswith(LLAMACPP_PREFIX) else LLAMACPP_PREFIX + spec
    if engine != "transformers":
        raise ModelError(f"unknown engine {engine!r}: use transformers, vllm or llamacpp")
    return spec


def engine_for(model: ChatModel, name: str | None = None, *, batch_size: int = 0) -> Engine:
    """The engine that serves an already loaded model: transformers models get the full engine.

    Args:
        model: the loaded model.
        name: the name clients send for it.
        batch_size: transformers models only: above 1, concurrent requests are generated together.
    """
    from medllm.models.transformers_backend import TransformersModel

    if isinstance(model, TransformersModel):
        return TransformersEngine(model, name, batch_size=batch_size)
    return ChatModelEngine(model, name)
