"""What every generator shares: the run context, provenance, and an ordered concurrent map over items."""

from __future__ import annotations

import asyncio
import hashlib
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from medllm.io.issues import OnIssue
from medllm.records.types import Record
from medllm.synth.client import TeacherClient
from medllm.synth.ledger import LiveProgress
from medllm.synth.templates import PromptTemplate, TemplateSet
from medllm.synth.types import Dropped, Outcome, Sampling, SynthError, TeacherFailed, TeacherRequest, TeacherResponse

T = TypeVar("T")


def derive_seed(*parts: object) -> int:
    """A stable 31-bit seed from the run seed and an item's identity (Python's hash() is salted per process)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


@dataclass
class SynthContext:
    """What a generator needs while it runs."""

    client: TeacherClient
    templates: TemplateSet
    sampling: Sampling
    seed: int
    progress: LiveProgress
    generator: str
    params: dict[str, Any] = field(default_factory=dict)
    limit: int | None = None
    window: int = 64

    def sampling_for(self, *identity: object, **changes: Any) -> Sampling:
        """The run's sampling with a per-request seed derived from the run seed and ``identity``."""
        return replace(self.sampling, seed=derive_seed(self.seed, self.generator, *identity), **changes)

    async def ask(self, template: PromptTemplate, sampling: Sampling, **values: Any) -> TeacherResponse:
        """Render ``template`` and send it (or read its reply from the cache)."""
        request = TeacherRequest.of(template.render(**values), sampling, template.id)
        return await self.client.complete(request)

    def provenance(
        self, templates: Iterable[PromptTemplate], sampling: Sampling, source_id: str | None, **extra: Any
    ) -> dict[str, Any]:
        """``metadata["synth"]`` of a generated record: generator, templates, teacher, sampling, source."""
        return {
            "generator": self.generator,
            "templates": [t.id for t in templates],
            "teacher": self.client.model,
            "sampling": sampling.to_dict(),
            "source_id": source_id,
            **extra,
        }


class Generator(ABC):
    """One synthesis method. Subclasses set the class attributes and implement :meth:`generate`.

    Attributes:
        name: the CLI name (``medllm synth NAME``).
        input_types: the record types it reads; other records are reported as input issues.
        default_input: the registry dataset used in the docs' examples.
        params: generator-specific settings and their defaults (``--param KEY=VALUE`` overrides them).
    """

    name: ClassVar[str]
    input_types: ClassVar[tuple[type[Record], ...]]
    default_input: ClassVar[str]
    params: ClassVar[dict[str, Any]] = {}

    def __init__(self, params: dict[str, str] | None = None) -> None:
        self.settings = dict(self.params)
        for key, value in (params or {}).items():
            if key not in self.params:
                known = ", ".join(self.params) or "none"
                raise SynthError(f"{self.name}: unknown --param {key!r} (known: {known})")
            default = self.params[key]
            try:
                self.settings[key] = type(default)(value) if not isinstance(default, bool) else value in ("1", "true")
            except ValueError:
                raise SynthError(f"{self.name}: --param {key}={value!r} is not a {type(default).__name__}") from None

    @abstractmethod
    def read_file(self, path: Path, on_issue: OnIssue) -> Iterator[Record]:
        """Records of a local input file; bad rows go to ``on_issue`` with their line."""

    @abstractmethod
    def generate(self, items: list[Record], ctx: SynthContext) -> AsyncIterator[Outcome]:
        """Generate from ``items``; yield every kept record and every drop, in a reproducible order."""


class MapGenerator(Generator):
    """A generator that handles each input item alone (one or a few requests per item)."""

    @abstractmethod
    async def process(self, item: Record, ctx: SynthContext) -> list[Outcome]:
        """The outcomes of one item."""

    async def generate(self, items: list[Record], ctx: SynthContext) -> AsyncIterator[Outcome]:
        if ctx.limit is not None:
            items = items[: ctx.limit]
        ctx.progress.phase(self.name, len(items))

        async def one(item: Record) -> list[Outcome]:
            try:
                return await self.process(item, ctx)
            except TeacherFailed as error:
                return [Dropped("teacher_failed", str(error), item.id)]
            finally:
                ctx.progress.advance()

        async for outcomes in ordered_map(items, one, ctx.window):
            for outcome in outcomes:
                yield outcome


async def ordered_map(items: Iterable[T], fn: Callable[[T], Awaitable[Any]], window: int) -> AsyncIterator[Any]:
    """``fn`` over ``items`` concurrently, at most ``window`` started ahead, results in input order.

    Order makes the output file identical whatever the concurrency; the window bounds memory on
    inputs of hundreds of thousands of items (the teacher client bounds the requests in flight).
    """
    iterator = iter(items)
    pending: deque[asyncio.Task[Any]] = deque()
    try:
        for item in iterator:
            pending.append(asyncio.ensure_future(fn(item)))
            if len(pending) >= window:
                break
        while pending:
            result = await pending.popleft()
            for item in iterator:
                pending.append(asyncio.ensure_future(fn(item)))
                break
            yield result
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
