"""Prometheus metrics for one server (its own registry, so several apps in one process never clash)."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

#: Paths that are their own label; anything else is counted as "other" so random paths cannot
#: create unbounded label values.
ROUTES = ("/v1/chat/completions", "/v1/completions", "/v1/models", "/v1/conversations", "/health", "/metrics", "/")

_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

__all__ = ["CONTENT_TYPE", "ROUTES", "Metrics", "route_label"]


def route_label(path: str) -> str:
    """The metrics label for a request path."""
    if path.startswith("/v1/conversations/"):
        return "/v1/conversations"
    return path if path in ROUTES else "other"


class Metrics:
    """Every metric the server exports under ``GET /metrics``."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "medllm_requests", "HTTP requests by route and status code", ["route", "code"], registry=r
        )
        self.latency = Histogram(
            "medllm_request_seconds", "Time to the end of the response", ["route"], buckets=_LATENCY_BUCKETS, registry=r
        )
        self.first_token = Histogram(
            "medllm_time_to_first_token_seconds",
            "Time from the request to the first generated text",
            ["model"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.tokens_in = Counter("medllm_prompt_tokens", "Prompt tokens by model", ["model"], registry=r)
        self.tokens_out = Counter("medllm_completion_tokens", "Generated tokens by model", ["model"], registry=r)
        self.queue_depth = Gauge("medllm_queue_depth", "Requests waiting for a slot", registry=r)
        self.in_flight = Gauge("medllm_in_flight", "Requests generating now", registry=r)
        self.triage = Counter("medllm_triage", "Assistant turns by triage level", ["level"], registry=r)
        self.cancelled = Counter(
            "medllm_cancelled_generations", "Generations stopped early (client gone, timeout)", ["reason"], registry=r
        )
        self.rejected = Counter("medllm_rejected", "Requests refused by a limit or check", ["reason"], registry=r)

    def render(self) -> bytes:
        """The Prometheus text exposition."""
        return generate_latest(self.registry)
