"""The run ledger: requests, retries by cause, tokens, cost and time, shown live and written to ``ledger.json``.

``ledger.json`` keeps one entry per invocation (a resumed run adds an entry) and their totals, so the
cost of a dataset is known even when it took several attempts to build.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from medllm.io.jsonl import atomic_writer

_SUMMED = ("requests", "cache_hits", "failed_requests", "tokens_in", "tokens_out", "cost_usd", "wall_seconds")


@dataclass(frozen=True)
class Prices:
    """Prices in US dollars per million tokens (0 for a local or free teacher)."""

    input_per_million: float = 0.0
    output_per_million: float = 0.0

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (tokens_in * self.input_per_million + tokens_out * self.output_per_million) / 1e6


@dataclass
class Ledger:
    """Counters for one invocation; the teacher client and the runner fill them in."""

    prices: Prices = field(default_factory=Prices)
    requests: int = 0  # requests sent to the teacher, retries included
    cache_hits: int = 0
    failed_requests: int = 0  # requests that ran out of retries (their items are reported as failed)
    retries: Counter[str] = field(default_factory=Counter)
    finish_reasons: Counter[str] = field(default_factory=Counter)
    tokens_in: int = 0
    tokens_out: int = 0
    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    input_issues: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def cost_usd(self) -> float:
        return self.prices.cost(self.tokens_in, self.tokens_out)

    @property
    def wall_seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def summary_line(self) -> str:
        retries = sum(self.retries.values())
        return (
            f"req {self.requests} cached {self.cache_hits} retries {retries} "
            f"tok {self.tokens_in:,}/{self.tokens_out:,} ${self.cost_usd:.4f}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "cache_hits": self.cache_hits,
            "failed_requests": self.failed_requests,
            "retries": dict(sorted(self.retries.items())),
            "finish_reasons": dict(sorted(self.finish_reasons.items())),
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
            "cost_usd": round(self.cost_usd, 6),
            "prices_per_million": {"input": self.prices.input_per_million, "output": self.prices.output_per_million},
            "kept": self.kept,
            "dropped": dict(sorted(self.dropped.items())),
            "input_issues": self.input_issues,
            "wall_seconds": round(self.wall_seconds, 3),
            "complete": self.finished is not None,
            "config": self.config,
        }


class LedgerFile:
    """``ledger.json`` in a run folder: earlier invocations kept, this one's entry rewritten on each save."""

    def __init__(self, path: str | Path, ledger: Ledger) -> None:
        self.path = Path(path)
        self.ledger = ledger
        self._earlier: list[dict[str, Any]] = []
        if self.path.exists():
            try:
                self._earlier = list(json.loads(self.path.read_text(encoding="utf-8")).get("runs", []))
            except (ValueError, AttributeError):
                self._earlier = []  # a damaged ledger is replaced rather than trusted

    def save(self) -> dict[str, Any]:
        runs = [*self._earlier, self.ledger.to_json()]
        totals: dict[str, Any] = {key: sum(run.get(key, 0) for run in runs) for key in _SUMMED}
        totals["cost_usd"] = round(totals["cost_usd"], 6)
        totals["wall_seconds"] = round(totals["wall_seconds"], 3)
        retries: Counter[str] = Counter()
        for run in runs:
            retries.update(run.get("retries", {}))
        totals["retries"] = dict(sorted(retries.items()))
        data = {"runs": runs, "totals": totals}
        with atomic_writer(self.path) as handle:
            handle.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return data


class LiveProgress:
    """A rich progress bar on stderr whose text shows the ledger's counters; a no-op when disabled."""

    def __init__(self, ledger: Ledger, *, enabled: bool = True, console: Console | None = None) -> None:
        self.ledger = ledger
        self.enabled = enabled
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[stats]}"),
            console=console or Console(stderr=True),
            disable=not enabled,
        )
        self._task: Any = None

    def __enter__(self) -> LiveProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.refresh()
        self._progress.stop()

    def phase(self, description: str, total: int | None) -> None:
        """Start a new bar (for example ``tasks`` then ``answers``)."""
        self._task = self._progress.add_task(description, total=total, stats=self.ledger.summary_line())

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.update(self._task, advance=n, stats=self.ledger.summary_line())

    def refresh(self) -> None:
        if self._task is not None:
            self._progress.update(self._task, stats=self.ledger.summary_line())
