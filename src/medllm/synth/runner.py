"""One synthesis run: read the input, run a generator through the teacher client, write the run folder.

The run folder holds ``records.jsonl`` (kept records, rewritten whole on every run in a fixed order),
``rejects.jsonl`` (every dropped candidate with its reason), ``input_issues.jsonl`` (bad input rows
with file and line), ``ledger.json`` and, unless ``cache`` points elsewhere, ``cache.sqlite``.
Rerunning the same command resumes: every reply already in the cache is reused, so only the requests
that never completed are sent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from medllm.io.issues import IssueLog, OnIssue, RowIssue
from medllm.synth.backends import DEFAULT_KEY_ENV, TeacherBackend, open_backend
from medllm.synth.cache import ResponseCache
from medllm.synth.client import TeacherClient
from medllm.synth.generators import get_generator
from medllm.synth.generators.base import SynthContext
from medllm.synth.inputs import load_items
from medllm.synth.ledger import Ledger, LedgerFile, LiveProgress, Prices
from medllm.synth.templates import TemplateSet
from medllm.synth.types import Dropped, Kept, Sampling, SynthError

log = logging.getLogger(__name__)
_LEDGER_EVERY_S = 2.0
_VLLM_MIN_BATCH = 64
_SECRET = re.compile(r"token|key|secret|password", re.IGNORECASE)


@dataclass
class SynthConfig:
    """Everything a run depends on (the CLI's flags); written into the ledger."""

    generator: str
    input: str
    teacher: str
    out: str
    teacher_model: str | None = None
    limit: int | None = None
    concurrency: int = 8
    rpm: float | None = None
    tpm: float | None = None
    timeout: float = 60.0
    max_retries: int = 6
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    seed: int = 0
    temperature: float = 0.7
    max_tokens: int = 1024
    api_key_env: str = DEFAULT_KEY_ENV
    templates: str | None = None
    cache: str | None = None
    price_in: float = 0.0
    price_out: float = 0.0
    params: dict[str, str] = field(default_factory=dict)
    progress: bool = True
    engine: str = "auto"
    engine_args: dict[str, Any] = field(default_factory=dict)


@dataclass
class SynthResult:
    """What a run produced."""

    out: Path
    kept: int
    dropped: dict[str, int]
    input_issues: int
    teacher_failed: int
    ledger: dict[str, Any]
    issues: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["out"] = str(self.out)
        return data


def run_synth(
    config: SynthConfig, *, backend: TeacherBackend | None = None, on_issue: OnIssue | None = None
) -> SynthResult:
    """Run ``config`` to completion (see the module docstring for the folder it writes).

    Args:
        config: the run's settings.
        backend: a teacher backend to use instead of opening ``config.teacher`` (tests, embedding).
        on_issue: also receives each bad input row (after it is written to ``input_issues.jsonl``);
            ``medllm data build`` passes its own handler, which raises in strict mode.

    Raises:
        SynthError: bad settings, unreadable input, or a teacher that refuses every request.
    """
    return asyncio.run(_run(config, backend, on_issue))


async def _run(config: SynthConfig, backend: TeacherBackend | None, on_issue: OnIssue | None = None) -> SynthResult:
    generator = get_generator(config.generator, config.params)
    templates = TemplateSet(config.templates)
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "input_issues.jsonl", "w", encoding="utf-8") as issues_file:
        issue_log = IssueLog(rejects=issues_file)
        items = load_items(config.input, generator, _forwarding(issue_log, on_issue))
    if backend is None:
        backend = open_backend(
            config.teacher,
            model=config.teacher_model,
            api_key_env=config.api_key_env,
            timeout=config.timeout,
            engine=config.engine,
            engine_args=config.engine_args,
        )
        if config.engine == "vllm" and config.concurrency < _VLLM_MIN_BATCH:
            log.warning(
                "--engine vllm batches at most --concurrency requests (%d); 256 or more fills a GPU", config.concurrency
            )
    ledger = Ledger(prices=Prices(config.price_in, config.price_out), input_issues=issue_log.total)
    ledger.config = {**asdict(config), "teacher_model": backend.model, "engine_args": _redacted(config.engine_args)}
    ledger_file = LedgerFile(out / "ledger.json", ledger)
    cache = ResponseCache(config.cache or out / "cache.sqlite")
    progress = LiveProgress(ledger, enabled=config.progress)
    client = TeacherClient(
        backend,
        cache,
        ledger,
        concurrency=config.concurrency,
        rpm=config.rpm,
        tpm=config.tpm,
        max_retries=config.max_retries,
        backoff_base=config.backoff_base,
        backoff_max=config.backoff_max,
        seed=config.seed,
        on_reply=progress.refresh,
    )
    ctx = SynthContext(
        client=client,
        templates=templates,
        sampling=Sampling(temperature=config.temperature, max_tokens=config.max_tokens),
        seed=config.seed,
        progress=progress,
        generator=generator.name,
        params=generator.settings,
        limit=config.limit,
        window=max(64, 8 * config.concurrency),
    )
    saver = asyncio.create_task(_save_periodically(ledger_file))
    try:
        with (
            progress,
            open(out / "records.jsonl", "w", encoding="utf-8") as records,
            open(out / "rejects.jsonl", "w", encoding="utf-8") as rejects,
        ):
            async for outcome in generator.generate(items, ctx):
                if isinstance(outcome, Kept):
                    records.write(outcome.record.model_dump_json(exclude_none=True) + "\n")
                    ledger.kept += 1
                else:
                    assert isinstance(outcome, Dropped)
                    rejects.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
                    ledger.dropped[outcome.reason] += 1
        ledger.finished = time.monotonic()
    finally:
        saver.cancel()
        await asyncio.gather(saver, return_exceptions=True)
        ledger_data = ledger_file.save()
        cache.close()
        await client.close()
    return SynthResult(
        out=out,
        kept=ledger.kept,
        dropped=dict(sorted(ledger.dropped.items())),
        input_issues=issue_log.total,
        teacher_failed=ledger.dropped.get("teacher_failed", 0),
        ledger=ledger_data,
        issues=[str(issue) for issue in issue_log.issues],
    )


def _redacted(engine_args: dict[str, Any]) -> dict[str, Any]:
    # vllm.LLM takes hf_token=...: the ledger is shared with the data, so secrets never go into it.
    return {k: "***" if _SECRET.search(k) else v for k, v in engine_args.items()}


def _forwarding(issue_log: IssueLog, on_issue: OnIssue | None) -> OnIssue:
    if on_issue is None:
        return issue_log

    def both(issue: RowIssue) -> None:
        issue_log(issue)
        on_issue(issue)

    return both


async def _save_periodically(ledger_file: LedgerFile) -> None:
    # A killed run still leaves a ledger at most a couple of seconds old.
    while True:
        await asyncio.sleep(_LEDGER_EVERY_S)
        try:
            ledger_file.save()
        except OSError as error:
            log.warning("cannot save the ledger: %s", error)


__all__ = ["SynthConfig", "SynthError", "SynthResult", "run_synth"]
