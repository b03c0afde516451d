"""The server's limits and switches, with safe defaults (the CLI flags map onto these fields)."""

from __future__ import annotations

from dataclasses import dataclass

#: The model name that runs the assistant pipeline rather than the raw model.
ASSISTANT_MODEL = "medllm-assistant"


@dataclass(frozen=True)
class ServeSettings:
    """Limits and switches of one server.

    Args:
        max_concurrency: requests generating at once (the rest wait in the queue); with a batching
            engine, the most requests in one batch.
        max_queue: requests allowed to wait; one more gets 503 at once.
        rate_limit: requests per minute per key (per client address without keys); 0 for none.
        max_body_bytes: largest request body; more gets 413.
        max_new_tokens_limit: most tokens one request may generate.
        over_limit: ``clamp`` (default) lowers a larger ``max_tokens`` to the limit; ``reject`` answers 400.
        request_timeout: seconds from arrival to the end of the response, queueing included.
        log_content: log de-identified message text (off: logs hold sizes, counts and timings only).
        retention_days: how long the conversation store keeps a conversation after its last turn.
    """

    max_concurrency: int = 8
    max_queue: int = 32
    rate_limit: int = 0
    max_body_bytes: int = 1_048_576
    max_new_tokens_limit: int = 512
    over_limit: str = "clamp"
    request_timeout: float = 120.0
    log_content: bool = False
    retention_days: float = 30.0

    def __post_init__(self) -> None:
        if self.max_concurrency < 1 or self.max_queue < 0 or self.rate_limit < 0:
            raise ValueError("need max_concurrency >= 1, max_queue >= 0 and rate_limit >= 0")
        if self.max_body_bytes < 1024 or self.max_new_tokens_limit < 1 or self.request_timeout <= 0:
            raise ValueError("need max_body_bytes >= 1024, max_new_tokens_limit >= 1 and request_timeout > 0")
        if self.over_limit not in ("clamp", "reject"):
            raise ValueError("over_limit must be clamp or reject")
        if self.retention_days <= 0:
            raise ValueError("retention_days must be > 0")
