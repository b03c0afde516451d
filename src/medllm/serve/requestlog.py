"""One log line per request: who, which route and model, how many tokens, how long, how it ended.

Message text is never logged unless the server runs with ``--log-content``; then it is passed through
medllm's de-identifier first (names, dates, phone numbers ... become ``[NAME]``, ``[DATE]`` ...).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import anyio

logger = logging.getLogger("medllm.serve.requests")


def check_log_content() -> None:
    """Fail early when ``--log-content`` cannot de-identify (the ``deid`` extra is missing).

    Raises:
        RuntimeError: the de-identifier cannot be imported.
    """
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError as error:
        raise RuntimeError(f"--log-content de-identifies text and needs pip install 'medllm[deid]' ({error})") from None


class RequestLog:
    """Writes the per-request log line; de-identified text only with ``log_content``."""

    def __init__(self, log_content: bool = False) -> None:
        self.log_content = log_content
        if log_content:
            check_log_content()

    async def record(
        self,
        *,
        route: str,
        model: str,
        status: int,
        key: str | None,
        prompt_tokens: int,
        completion_tokens: int,
        seconds: float,
        finish: str | None,
        messages: Sequence[dict[str, Any]] = (),
        reply: str = "",
    ) -> None:
        line = (
            f"route={route} model={model} status={status} key={key or '-'} prompt_tokens={prompt_tokens} "
            f"completion_tokens={completion_tokens} seconds={seconds:.3f} finish={finish or '-'}"
        )
        if self.log_content and (messages or reply):
            text = await anyio.to_thread.run_sync(_deidentified, messages, reply)
            line += f" content={text}"
        logger.info("%s", line)


def _deidentified(messages: Sequence[dict[str, Any]], reply: str) -> str:
    from medllm.deid import deidentify_text

    last = next((m.get("content", "") for m in reversed(messages) if m.get("role") == "user"), "")
    return repr({"user": deidentify_text(str(last)), "reply": deidentify_text(reply)})
