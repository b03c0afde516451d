"""The knowledge base's small public types: what a search returns and what goes wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class KBError(Exception):
    """A knowledge base cannot be built, opened or searched; one line naming the folder or file and why."""


@dataclass(frozen=True)
class Chunk:
    """One indexed passage with its provenance, as stored in ``chunks.jsonl``.

    Attributes:
        id: ``<doc_id>#<n>``, stable across reloads and additions.
        doc_id: the document it belongs to (``chatdoctor-kb:12``, ``notes/flu.md``).
        name: the document's title (for a disease entry, the disease name).
        text: the passage as shown and cited.
        source: the dataset name or file the document came from.
        metadata: ``section`` (``symptoms``, ``treatment`` or ``description`` for a disease entry, ``text``
            for a document), ``chunk`` (its index within the document) and what the source said of it
            (``license``, ``language``).
    """

    id: str
    doc_id: str
    name: str
    text: str
    source: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stored form (the same keys as the attributes)."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "name": self.name,
            "text": self.text,
            "source": self.source,
            "metadata": self.metadata,
        }

    def indexed_text(self) -> str:
        """What BM25 and the encoder see: the text, preceded by the title unless it already opens with it.

        A chunk from the middle of a description would otherwise not name what it is about.
        """
        if not self.name or self.text.startswith(self.name):
            return self.text
        return f"{self.name}. {self.text}"


@dataclass(frozen=True)
class SearchHit:
    """One retrieved chunk.

    Attributes:
        id: the chunk id (``chatdoctor-kb:12#0``), stable across reloads.
        doc_id: the document id.
        name: the document's title (the disease name for a disease entry).
        text: the chunk text.
        source: the dataset name or file it came from.
        score: the mode's score: BM25 for ``bm25``, cosine similarity for ``dense``, the reciprocal-rank
            fusion score for ``hybrid``.
        rank: 1-based position in the result list.
        metadata: ``section``, ``chunk`` and the source's own fields (see :class:`Chunk`).
    """

    id: str
    doc_id: str
    name: str
    text: str
    source: str
    score: float
    rank: int
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The CLI's result object: ``id``, ``name``, ``score``, ``text``, ``source`` plus ``doc_id``, ``rank``."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "name": self.name,
            "score": self.score,
            "rank": self.rank,
            "text": self.text,
            "source": self.source,
            "metadata": self.metadata,
        }


@dataclass(frozen=True)
class Retrieval:
    """A search with the relevance gate's verdict: use the passages only when ``relevant``.

    Attributes:
        query: the query as given.
        mode: ``bm25``, ``dense`` or ``hybrid``.
        hits: the hits, best first.
        relevance: the gate's score for this query (see :mod:`medllm.knowledge.gate`): the best
            cosine similarity for ``dense`` and ``hybrid``, the normalised BM25 score for ``bm25``.
        threshold: the threshold it was compared with.
    """

    query: str
    mode: str
    hits: list[SearchHit]
    relevance: float
    threshold: float

    @property
    def relevant(self) -> bool:
        """Whether the best match is strong enough to ground an answer in (``relevance >= threshold``)."""
        return bool(self.hits) and self.relevance >= self.threshold
