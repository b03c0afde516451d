"""The unit of a curation pipeline: a step takes records and yields records, counting what it did.

In the spirit of datatrove's ``PipelineStep``: a step is one small class with typed settings; a
:class:`Filter` implements one method that returns ``None`` (keep) or a drop reason. Every step
counts records in, out and dropped by reason, and may add its own counters (identifiers removed by
type, duplicate clusters found). Dropped records are never lost: the executor writes each one with
its reason to the run's rejects file.
"""

from __future__ import annotations

import importlib.util
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from medllm.records import Conversation


class StepSettings(BaseModel):
    """Base for a step's settings: unknown keys are errors, so a misspelt recipe key never silently defaults."""

    model_config = ConfigDict(extra="forbid")


@dataclass
class Dropped:
    """A record a step removed, and why (``reason`` is a short snake_case name; ``detail`` is free text)."""

    record: Conversation
    reason: str
    detail: str = ""


@dataclass
class StepStats:
    """What one step did. ``seen == kept + sum(dropped.values())`` holds for every step.

    ``samples`` is an optional bottom-k sample of items a step wants a person to look at (the
    de-identification step's replacements): each item has a ``key`` (a hash), and only the
    ``sample_size`` smallest keys are kept, here and when stats of several chunks or processes are
    merged, so the sample does not depend on how the work was split.
    """

    seen: int = 0
    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    counters: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    samples: list[dict[str, Any]] = field(default_factory=list)
    sample_size: int = 0

    def offer_sample(self, item: dict[str, Any], size: int) -> None:
        """Add ``item`` (which has a ``key``) to the bottom-``size`` sample."""
        self.sample_size = max(self.sample_size, size)
        self.samples.append(item)
        if len(self.samples) > 2 * self.sample_size:
            self._trim()

    def _trim(self) -> None:
        self.samples = sorted(self.samples, key=lambda item: item["key"])[: self.sample_size]

    def merge(self, other: StepStats) -> None:
        self.seen += other.seen
        self.kept += other.kept
        self.dropped.update(other.dropped)
        self.counters.update(other.counters)
        self.seconds += other.seconds
        if other.samples or other.sample_size:
            self.sample_size = max(self.sample_size, other.sample_size)
            self.samples.extend(other.samples)
            self._trim()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seen": self.seen,
            "kept": self.kept,
            "dropped": dict(sorted(self.dropped.items())),
            "counters": dict(sorted(self.counters.items())),
            "seconds": round(self.seconds, 3),
        }
        if self.sample_size:
            self._trim()
            data["samples"] = self.samples
            data["sample_size"] = self.sample_size
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepStats:
        return cls(
            seen=data["seen"],
            kept=data["kept"],
            dropped=Counter(data["dropped"]),
            counters=Counter(data["counters"]),
            seconds=data["seconds"],
            samples=list(data.get("samples", [])),
            sample_size=int(data.get("sample_size", 0)),
        )


class Step(ABC):
    """A pipeline step.

    Subclasses set ``name`` (the recipe key), ``Settings`` (a :class:`StepSettings` subclass) and
    implement :meth:`process`. ``per_record = True`` promises that each output depends only on its own
    input record, which lets the executor shard the step across processes; steps that need the
    whole stream (de-duplication, mixing) leave it False. ``requires`` names optional modules with an
    install hint, checked when the step is built.
    """

    name: ClassVar[str]
    Settings: ClassVar[type[StepSettings]] = StepSettings
    per_record: ClassVar[bool] = False
    requires: ClassVar[dict[str, str]] = {}

    def __init__(self, settings: StepSettings | dict[str, Any] | None = None) -> None:
        missing = [hint for module, hint in self.requires.items() if importlib.util.find_spec(module) is None]
        if missing:
            raise ImportError(f"step {self.name!r} needs: " + "; ".join(missing))
        if settings is None:
            settings = {}
        self.settings = settings if isinstance(settings, StepSettings) else self.Settings.model_validate(settings)

    def setup(self) -> None:  # noqa: B027 - optional hook
        """Load heavy resources (models, indexes) once per process, before the first record."""

    @abstractmethod
    def process(self, records: Iterator[Conversation], stats: StepStats) -> Iterator[Conversation | Dropped]:
        """Yield each output record, or a :class:`Dropped` for each removed one.

        The executor counts ``seen``/``kept``/``dropped``; steps add only their own ``counters``.
        """

    def run(self, records: Iterator[Conversation], stats: StepStats) -> Iterator[Conversation | Dropped]:
        """Process ``records``, keeping ``stats`` (seen, kept, dropped by reason, time) up to date."""

        def counted() -> Iterator[Conversation]:
            for record in records:
                stats.seen += 1
                yield record

        started = time.perf_counter()
        try:
            for item in self.process(counted(), stats):
                if isinstance(item, Dropped):
                    stats.dropped[item.reason] += 1
                else:
                    stats.kept += 1
                yield item
        finally:
            stats.seconds += time.perf_counter() - started

    def describe(self) -> dict[str, Any]:
        """The step's identity for run folders and cache keys: name, class and every setting."""
        return {
            "name": self.name,
            "class": f"{type(self).__module__}.{type(self).__qualname__}",
            "version": getattr(self, "version", 1),
            "settings": self.settings.model_dump(mode="json"),
        }


class Filter(Step):
    """A per-record step that keeps or drops each record; implement :meth:`check`."""

    per_record = True

    @abstractmethod
    def check(self, record: Conversation) -> str | tuple[str, str] | None:
        """``None`` to keep the record; a reason (or ``(reason, detail)``) to drop it."""

    def process(self, records: Iterator[Conversation], stats: StepStats) -> Iterator[Conversation | Dropped]:
        for record in records:
            verdict = self.check(record)
            if verdict is None:
                yield record
            elif isinstance(verdict, tuple):
                yield Dropped(record, *verdict)
            else:
                yield Dropped(record, verdict)


class Mapper(Step):
    """A per-record step that rewrites each record (or drops it by returning a :class:`Dropped`)."""

    per_record = True

    @abstractmethod
    def apply(self, record: Conversation, stats: StepStats) -> Conversation | Dropped:
        """Return the rewritten record, or a :class:`Dropped`."""

    def process(self, records: Iterator[Conversation], stats: StepStats) -> Iterator[Conversation | Dropped]:
        for record in records:
            yield self.apply(record, stats)
