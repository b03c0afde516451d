"""A stage's records: read from the registry, local files or a ``data build`` folder, shuffled, split.

Bad rows never stop training data from loading: they are counted by reason (and the first few named
with file and line) in the stage's summary, and every good row is kept.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError, IssueLog
from medllm.records import Conversation, Document, MCQItem, PreferencePair, Record
from medllm.train.recipe import DataSpec, SourceRef

#: The record kinds each stage type trains on.
ACCEPTED: dict[str, tuple[type[Record], ...]] = {
    "pretrain": (Document, Conversation),
    "sft": (Conversation,),
    "reward": (PreferencePair,),
    "dpo": (PreferencePair,),
    "orpo": (PreferencePair,),
    "kto": (PreferencePair,),
    "grpo": (Conversation, MCQItem),
    "rloo": (Conversation, MCQItem),
    "ppo": (Conversation, MCQItem),
    "rejection_sampling": (Conversation, MCQItem),
}


@dataclass
class SourceProvenance:
    """Where one source's records come from, as a model card names it (no local paths).

    Attributes:
        name: the registry dataset's name, or the local file's or folder's name.
        dataset: the registry name, None for a local file.
        records: records used from it.
        licenses: records per licence they carry (``None``: not stated).
        languages: records per language tag.
        role: ``train`` or ``validation``.
    """

    name: str
    dataset: str | None
    records: int
    licenses: dict[str | None, int]
    languages: dict[str | None, int]
    role: str = "train"


@dataclass
class StageData:
    """The records a stage trains and evaluates on, with what was read and what was skipped."""

    train: list[Record]
    validation: list[Record]
    issues: IssueLog = field(default_factory=IssueLog)
    sources: dict[str, int] = field(default_factory=dict)
    #: per source label: what the model card says about it
    provenance: dict[str, SourceProvenance] = field(default_factory=dict)
    #: records a stage left out while preparing them, by reason (no reply to train on, too long, ...)
    skipped: dict[str, int] = field(default_factory=dict)
    data_cards: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "train": len(self.train),
            "validation": len(self.validation),
            "sources": self.sources,
            "skipped": self.skipped,
            "bad_rows": dict(self.issues.counts),
            "first_bad_rows": [str(issue) for issue in self.issues.issues[:5]],
            "data_cards": self.data_cards,
        }


def is_held_out(record: Record, *, seed: int, fraction: float) -> bool:
    """Whether a record is held out: a hash of its id (its content when it has none) and the seed.

    The same record is held out in every stage of a run, whichever sources it arrives through.
    """
    if fraction <= 0:
        return False
    key = record.id or json.dumps(record.model_dump(mode="json", exclude={"metadata"}), sort_keys=True)
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def load_stage_data(spec: DataSpec, stage_type: str, *, seed: int, holdout: float = 0.05) -> StageData:
    """Read, type-check, split and shuffle a stage's data.

    Raises:
        DataError: a source cannot be read, holds records this stage cannot train on, or is empty.
    """
    issues = IssueLog()
    data = StageData([], [], issues)
    train: list[Record] = []
    held: list[Record] = []
    for source in spec.train:
        for record in _read_one(source, stage_type, data, seed=seed, holdout=holdout):
            (held if is_held_out(record, seed=seed, fraction=holdout) else train).append(record)
    random.Random(seed).shuffle(train)
    if isinstance(spec.validation, list):
        validation = [
            r
            for source in spec.validation
            for r in _read_one(source, stage_type, data, seed=seed, holdout=holdout, role="validation")
        ]
    else:
        validation = held if spec.validation == "held_out" else []
    if spec.max_validation is not None:
        validation = validation[: spec.max_validation]
    if not train:
        raise DataError(f"no training records for this {stage_type} stage (bad rows: {dict(issues.counts)})")
    data.train, data.validation = train, validation
    return data


def _read_one(
    source: SourceRef, stage_type: str, data: StageData, *, seed: int, holdout: float, role: str = "train"
) -> list[Record]:
    read = list(_check_kind(_read_source(source, data), source, stage_type))
    if source.held_out:
        read = [r for r in read if is_held_out(r, seed=seed, fraction=holdout)]
    if source.languages is not None:
        read = [r for r in read if r.language in source.languages]
    if source.cap is not None and len(read) > source.cap:
        random.Random(f"{seed}:{source.label}").shuffle(read)
        read = read[: source.cap]
    data.sources[source.label] = len(read)
    data.provenance[source.label] = SourceProvenance(
        name=source.dataset or (source.path.name if source.path is not None else source.label),
        dataset=source.dataset,
        records=len(read),
        licenses=dict(Counter(getattr(r, "license", None) for r in read)),
        languages=dict(Counter(getattr(r, "language", None) for r in read)),
        role=role,
    )
    return read


def _check_kind(records: Iterator[Any], source: SourceRef, stage_type: str) -> Iterator[Record]:
    accepted = ACCEPTED[stage_type]
    for record in records:
        if not isinstance(record, accepted):
            kinds = ", ".join(t.model_fields["kind"].default for t in accepted)
            raise DataError(
                f"{source.label}: holds {getattr(record, 'kind', type(record).__name__)} records; "
                f"a {stage_type} stage trains on {kinds}"
            )
        yield record


def _read_source(source: SourceRef, data: StageData) -> Iterator[Any]:
    if source.dataset is not None:
        from medllm.datasets import iter_records

        return iter_records(source.dataset, split=source.split, on_issue=data.issues)
    assert source.path is not None
    path = source.path
    if path.is_dir():
        path = _build_folder_file(path, source.split, data)
    if not path.exists():
        raise DataError(f"{source.path}: no such file or folder")
    if path.suffix == ".txt":
        from medllm.formats import read_text

        return read_text(path, on_issue=data.issues)
    if path.suffix == ".parquet":
        from medllm.io.tabular import read_parquet

        return read_parquet(path, on_issue=data.issues)
    from medllm.formats import read_conversations

    return read_conversations(path, source.format, on_issue=data.issues)


def _build_folder_file(folder: Path, split: str | None, data: StageData) -> Path:
    """The split's file in a ``medllm data build`` output folder; its data card is recorded."""
    split = split or "train"
    for suffix in (".jsonl", ".parquet"):
        candidate = folder / f"{split}{suffix}"
        if candidate.exists():
            card = folder / "data_card.md"
            if card.exists() and str(card) not in data.data_cards:
                data.data_cards.append(str(card))
            return candidate
    raise DataError(f"{folder}: no {split}.jsonl or {split}.parquet (a 'medllm data build' output folder?)")
