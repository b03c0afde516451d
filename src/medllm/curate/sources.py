"""Reading a recipe's sources into conversation records, tagged with the source they came from."""

from __future__ import annotations

import hashlib
import heapq
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medllm.curate.recipe import SourceSpec
from medllm.io.issues import DataError, OnIssue
from medllm.records import Conversation

SOURCE_KEY = "recipe_source"
"""Metadata key naming the recipe source of every record, so later steps and the card can group by it."""


def source_of(record: Conversation) -> str:
    return str(record.metadata.get(SOURCE_KEY, "?"))


def read_source(
    spec: SourceSpec, *, on_issue: OnIssue, seed: int, counter: Counter[str] | None = None
) -> Iterator[Conversation]:
    """Yield the source's conversations, tagged and provenance-stamped, capped by a seeded sample.

    Args:
        spec: the recipe's source.
        on_issue: receives each bad row (raise for strict mode, an ``IssueLog`` for lenient).
        seed: the recipe seed; the cap's sample depends only on it and the source name.
        counter: if given, ``counter["records"]`` counts valid records before the cap.

    Raises:
        DataError: the source cannot be read, or holds records that are not conversations.
    """
    records = _counting(_read(spec, on_issue, seed), counter if counter is not None else Counter())
    if spec.cap is not None:
        records = _sample(records, spec.cap, seed=f"{seed}:{spec.name}")
    for record in records:
        if not isinstance(record, Conversation):
            raise DataError(
                f"source {spec.name!r} holds {getattr(record, 'kind', type(record).__name__)} records; "
                "data build takes conversations"
            )
        update: dict[str, Any] = {"metadata": {**record.metadata, SOURCE_KEY: spec.name}}
        if spec.license:
            update["license"] = spec.license
        if spec.language and not record.language:
            update["language"] = spec.language
        if record.source is None:
            update["source"] = spec.name
        yield record.model_copy(update=update)


def _counting(records: Iterator[Any], counter: Counter[str]) -> Iterator[Any]:
    for record in records:
        counter["records"] += 1
        yield record


def _read(spec: SourceSpec, on_issue: OnIssue, seed: int = 0) -> Iterator[Any]:
    if spec.synth is not None:
        return _read_synth(spec, on_issue, seed)
    if spec.dataset is not None:
        from medllm.datasets import iter_records

        return iter_records(spec.dataset, split=spec.split, on_issue=on_issue)
    from medllm.formats.conversations import RowReader

    assert spec.path is not None
    if spec.path.suffix == ".parquet":
        from medllm.io.tabular import read_parquet

        return read_parquet(spec.path, on_issue=on_issue)
    return iter(RowReader(spec.path, spec.format, on_issue=on_issue))


def synth_run_folder(spec: SourceSpec) -> Path:
    """The run folder of a synthesis source: its ``out``, else one per source name and generator in the cache."""
    assert spec.synth is not None
    if spec.synth.out is not None:
        return spec.synth.out
    from medllm.paths import cache_dir

    return cache_dir("synth", f"{spec.name}-{spec.synth.generator}")


def _read_synth(spec: SourceSpec, on_issue: OnIssue, seed: int) -> Iterator[Any]:
    """Run the source's generator (resuming from its reply cache), then read what it kept.

    Bad input rows reach ``on_issue`` (so strict mode stops on them); items the teacher never answered
    fail the read stage, so it is not marked finished and the next build retries only those requests.
    """
    from medllm.formats.conversations import RowReader
    from medllm.formats.native import NativeFormat
    from medllm.synth import SynthConfig, SynthError, run_synth

    synth = spec.synth
    assert synth is not None
    folder = synth_run_folder(spec)
    config = SynthConfig(
        generator=synth.generator,
        input=synth.input,
        teacher=synth.teacher.url,
        out=str(folder),
        teacher_model=synth.teacher.model,
        limit=synth.limit,
        concurrency=synth.concurrency,
        rpm=synth.rpm,
        tpm=synth.tpm,
        timeout=synth.timeout,
        max_retries=synth.max_retries,
        seed=synth.seed if synth.seed is not None else seed,
        temperature=synth.temperature,
        max_tokens=synth.max_tokens,
        api_key_env=synth.teacher.api_key_env,
        templates=str(synth.templates) if synth.templates else None,
        price_in=synth.price_in,
        price_out=synth.price_out,
        params={
            key: str(value).lower() if isinstance(value, bool) else str(value) for key, value in synth.params.items()
        },
        progress=False,
        engine=synth.teacher.engine,
        engine_args=dict(synth.teacher.engine_args),
    )
    try:
        result = run_synth(config, on_issue=on_issue)
    except SynthError as error:
        raise DataError(f"source {spec.name!r}: synthesis: {error}") from None
    if result.teacher_failed:
        raise DataError(
            f"source {spec.name!r}: {result.teacher_failed} item(s) ran out of teacher retries "
            f"(see {folder / 'rejects.jsonl'}); build again to retry only those"
        )
    return iter(RowReader(folder / "records.jsonl", NativeFormat.name, on_issue=on_issue))


def _sample(records: Iterator[Any], cap: int, *, seed: str) -> Iterator[Any]:
    """A seeded uniform sample of ``cap`` records in their original order, in O(cap) memory.

    Each record gets a reproducible random key; the ``cap`` smallest keys win (a bottom-k sample),
    so the same seed picks the same records whatever the input's size.
    """
    rng = random.Random(seed)
    heap: list[tuple[float, int, Any]] = []  # max-heap on key via negation
    for index, record in enumerate(records):
        key = rng.random()
        if len(heap) < cap:
            heapq.heappush(heap, (-key, index, record))
        elif key < -heap[0][0]:
            heapq.heapreplace(heap, (-key, index, record))
    for _, _, record in sorted(heap, key=lambda item: item[1]):
        yield record


def fingerprint(spec: SourceSpec) -> str:
    """What identifies a source's content: registry checksums, or a local file's sha256.

    A synthesis source is identified by its input's content and its template overrides (its settings are
    in the read stage's key already); the teacher's replies are the cache's business.
    """
    if spec.synth is not None:
        return _synth_fingerprint(spec)
    if spec.dataset is not None:
        from medllm.datasets import get_dataset

        entry = get_dataset(spec.dataset)
        entry.data_files(spec.split)  # validates the split name
        return f"{spec.split}:" + ",".join(f.sha256 for f in entry.files)
    assert spec.path is not None
    try:
        return _sha256(spec.path)
    except FileNotFoundError:
        raise DataError(f"source {spec.name!r}: {spec.path}: no such file") from None


def _synth_fingerprint(spec: SourceSpec) -> str:
    synth = spec.synth
    assert synth is not None
    path = Path(synth.input).expanduser()
    registry = SourceSpec(name=spec.name, dataset=synth.input)
    parts = [_sha256(path) if path.is_file() else fingerprint(registry)]
    if synth.templates is not None and synth.templates.is_dir():
        parts += [f"{t.name}:{_sha256(t)}" for t in sorted(synth.templates.glob("*.jinja"))]
    return f"synth:{synth.generator}:" + ",".join(parts)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
