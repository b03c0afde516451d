"""Where teacher requests go: any OpenAI-compatible endpoint (the official async client) or a local model.

A backend sends one request once and sorts every failure into retryable (429, 5xx, timeouts, dropped
connections: :class:`Retryable`), fatal for the run (bad key, unknown model: :class:`TeacherFatalError`)
or fatal for the item (a 400 such as a prompt over the context window: :class:`ItemRejected`).
Retrying is the client's job, so the ``openai`` client's own retries are switched off.
"""

from __future__ import annotations

import asyncio
import os
from abc import ABC, abstractmethod
from typing import Any

from medllm.synth.types import Sampling, SynthError, TeacherFatalError, TeacherRequest, TeacherResponse

DEFAULT_KEY_ENV = "OPENAI_API_KEY"


class Retryable(Exception):
    """A transient failure; ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one."""

    def __init__(self, cause: str, detail: str, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.cause = cause
        self.retry_after = retry_after


class ItemRejected(Exception):
    """The teacher refused this one request (HTTP 4xx other than 401/403/404/429): retrying cannot help it."""

    def __init__(self, cause: str, detail: str) -> None:
        super().__init__(detail)
        self.cause = cause


class TeacherBackend(ABC):
    """Sends one chat request and returns the reply; raises Retryable, ItemRejected or TeacherFatalError."""

    #: the model name recorded in provenance and the cache key
    model: str

    @abstractmethod
    async def send(self, request: TeacherRequest) -> TeacherResponse: ...

    async def close(self) -> None:
        return None


def _retry_after(headers: Any) -> float | None:
    value = headers.get("retry-after") if headers is not None else None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare for APIs; fall back to our own backoff


class OpenAIBackend(TeacherBackend):
    """An OpenAI-compatible server through ``openai.AsyncOpenAI``.

    Args:
        base_url: the server's base URL (``http://host:port/v1``).
        model: the model name to request.
        api_key: the key (read by the caller from an environment variable, never from a flag).
        timeout: seconds before one request counts as timed out.
    """

    def __init__(self, base_url: str, model: str, *, api_key: str, timeout: float) -> None:
        import openai

        self.model = model
        self._openai = openai
        self._client = openai.AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=0)

    async def send(self, request: TeacherRequest) -> TeacherResponse:
        openai = self._openai
        sampling = request.sampling
        options: dict[str, Any] = {
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
            "max_tokens": sampling.max_tokens,
        }
        if sampling.seed is not None:
            options["seed"] = sampling.seed
        if sampling.stop:
            options["stop"] = list(sampling.stop)
        try:
            completion = await self._client.chat.completions.create(
                model=self.model, messages=request.message_dicts(), **options
            )
        except openai.RateLimitError as error:
            raise Retryable("rate_limit", str(error), _retry_after(error.response.headers)) from None
        except openai.APITimeoutError as error:
            raise Retryable("timeout", str(error)) from None
        except openai.APIConnectionError as error:
            raise Retryable("connection", str(error)) from None
        except (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError) as error:
            raise TeacherFatalError(f"the teacher refused the request ({error.status_code}): {error}") from None
        except openai.APIStatusError as error:
            if error.status_code >= 500 or error.status_code in (408, 409):
                raise Retryable("server_error", str(error), _retry_after(error.response.headers)) from None
            raise ItemRejected("bad_request", str(error)) from None
        except openai.APIResponseValidationError as error:
            raise Retryable("bad_response", str(error)) from None
        if not completion.choices:
            raise Retryable("bad_response", "the reply had no choices")
        choice = completion.choices[0]
        usage = completion.usage
        return TeacherResponse(
            text=choice.message.content or "",
            finish_reason=choice.finish_reason or "unknown",
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
        )

    async def close(self) -> None:
        await self._client.close()


class LocalBackend(TeacherBackend):
    """A ``medllm.models`` model on this machine; one request at a time in a worker thread.

    Token counts come from the model's tokenizer when it has one. A local model reports no finish
    reason, so a reply whose token count reaches ``max_tokens`` is recorded as ``length``.
    """

    def __init__(self, model: Any, name: str) -> None:
        self._model = model
        self.model = name
        self._lock = asyncio.Lock()

    async def send(self, request: TeacherRequest) -> TeacherResponse:
        from medllm.models.base import GenerationConfig

        sampling = request.sampling
        config = GenerationConfig(
            max_new_tokens=sampling.max_tokens,
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            stop=sampling.stop,
            seed=sampling.seed,
        )
        async with self._lock:
            text = (await asyncio.to_thread(self._model.chat, [request.message_dicts()], config))[0]
        tokenizer = self._model.tokenizer
        prompt = "\n".join(content for _, content in request.messages)
        tokens_in = len(tokenizer.encode(prompt)) if tokenizer is not None else 0
        tokens_out = len(tokenizer.encode(text)) if tokenizer is not None else 0
        finish = "length" if tokenizer is not None and tokens_out >= sampling.max_tokens else "stop"
        return TeacherResponse(text=text, finish_reason=finish, prompt_tokens=tokens_in, completion_tokens=tokens_out)


def api_key_from_env(variable: str, base_url: str) -> str:
    """The API key from ``variable``; servers on this machine may run without one.

    Raises:
        SynthError: the variable is unset and the server is not on loopback.
    """
    key = os.environ.get(variable)
    if key:
        return key
    host = base_url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
    if host in ("127.0.0.1", "localhost", "::1"):
        return "no-key"  # vLLM, llama.cpp and medllm serve accept any key when none is configured
    raise SynthError(f"no API key: set the environment variable {variable} (or name another with --api-key-env)")


#: ``--engine``: ``auto`` sends to a URL or runs a ``medllm.models`` model; ``vllm`` runs vLLM's offline engine.
ENGINES = ("auto", "vllm")


def open_backend(
    teacher: str,
    *,
    model: str | None,
    api_key_env: str = DEFAULT_KEY_ENV,
    timeout: float = 60.0,
    engine: str = "auto",
    engine_args: dict[str, Any] | None = None,
) -> TeacherBackend:
    """A backend for ``--teacher``: an ``http(s)://`` URL, or any spec ``medllm.models.load_model`` accepts.

    Args:
        teacher: the URL or model spec.
        model: the model name at the endpoint (for vLLM: the name recorded in the cache and provenance).
        api_key_env: the environment variable holding the key for a URL.
        timeout: seconds per request for a URL.
        engine: ``auto`` or ``vllm`` (the model on vLLM's offline batch engine; GPU only).
        engine_args: keyword arguments for ``vllm.LLM`` with ``engine="vllm"``.

    Raises:
        SynthError: no key for a remote URL, no model name and the server lists several, the model fails
            to load, or ``engine="vllm"`` without vLLM or a GPU.
    """
    if engine not in ENGINES:
        raise SynthError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "vllm":
        from medllm.synth.vllm_backend import VLLMBackend

        return VLLMBackend(teacher, name=model, engine_args=engine_args)
    if engine_args:
        raise SynthError("--engine-arg applies to --engine vllm only")
    if teacher.startswith(("http://", "https://")):
        key = api_key_from_env(api_key_env, teacher)
        name = model or _only_model(teacher, key, timeout)
        return OpenAIBackend(teacher.rstrip("/"), name, api_key=key, timeout=timeout)
    from medllm.models import ModelError, load_model

    try:
        loaded = load_model(teacher)
    except ModelError as error:
        raise SynthError(str(error)) from None
    return LocalBackend(loaded, model or loaded.name)


def _only_model(base_url: str, key: str, timeout: float) -> str:
    import httpx

    try:
        response = httpx.get(
            base_url.rstrip("/") + "/models", headers={"Authorization": f"Bearer {key}"}, timeout=timeout
        )
        response.raise_for_status()
        ids = [m["id"] for m in response.json().get("data", [])]
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        raise SynthError(f"{base_url}: cannot list the models ({error}); name one with --teacher-model") from None
    if len(ids) != 1:
        raise SynthError(f"{base_url} serves {len(ids)} models ({', '.join(ids[:5])}); name one with --teacher-model")
    return ids[0]


__all__ = [
    "DEFAULT_KEY_ENV",
    "ENGINES",
    "ItemRejected",
    "LocalBackend",
    "OpenAIBackend",
    "Retryable",
    "Sampling",
    "TeacherBackend",
    "api_key_from_env",
    "open_backend",
]
