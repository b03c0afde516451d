"""Reading knowledge-base sources into documents, and cutting documents into chunks.

A SOURCE is a registry dataset (``kb_entry`` or ``document`` kind), or a file or folder: JSON Lines
of ``KBEntry`` records (medllm's own rows), JSON Lines documents ``{"id","title","text","source"}``,
Markdown or plain-text files (title from the first ``# heading``, else the file name). Bad rows are
handed to ``on_issue`` as :class:`~medllm.io.RowIssue` (file:line: reason) and skipped; the good ones
are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medllm.formats._rows import RowRef, convert, extras, id_text, json_rows, need_object, need_text, opt_str
from medllm.io.issues import DataError, OnIssue, RowIssue
from medllm.knowledge.chunking import ChunkSettings, split_text
from medllm.knowledge.types import Chunk
from medllm.records.errors import Reason, RecordError
from medllm.records.types import Document, KBEntry, build

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
JSON_SUFFIXES = (".jsonl", ".json")
_DATASET_KINDS = ("kb_entry", "document")
_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SourceDoc:
    """A document on its way into the index: a disease entry or a titled text.

    Attributes:
        doc_id: unique in the knowledge base (``chatdoctor-kb:12``, ``wiki:Asthma``, ``notes/flu.md``).
        title: the disease name or the document title.
        source: the dataset name or file it came from (what an answer cites).
        text: the document text (the description, for a disease entry).
        entry: for a disease entry, its symptoms, tests and medications.
        metadata: what the source said of it (``license``, ``language``, ``url``...).
    """

    doc_id: str
    title: str
    source: str
    text: str = ""
    entry: dict[str, list[str]] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def _entry_doc(record: KBEntry, label: str, fallback_id: str) -> SourceDoc:
    source = record.source or label
    meta = {k: v for k, v in (("license", record.license), ("language", record.language)) if v}
    lists = {"symptoms": record.symptoms, "tests": record.tests, "medications": record.medications}
    if not any(lists.values()) and not (record.description or "").strip():
        raise RecordError(
            Reason.EMPTY_TURN, f"entry {record.name!r} has no symptoms, tests, medications or description"
        )
    return SourceDoc(
        doc_id=f"{source}:{record.id or fallback_id}",
        title=record.name.strip(),
        source=source,
        text=record.description or "",
        entry=lists,
        metadata=meta,
    )


def _document_doc(record: Document, label: str, fallback_id: str) -> SourceDoc:
    source = record.source or label
    title = str(record.metadata.get("title") or record.id or fallback_id)
    meta = {k: v for k, v in (("license", record.license), ("language", record.language)) if v}
    return SourceDoc(f"{source}:{record.id or fallback_id}", title, source, record.text, None, meta)


def _row_doc(ref: RowRef, value: Any, label: str) -> SourceDoc:
    """One JSON Lines row: a medllm record (with ``kind``), a plain document, or a bare KBEntry."""
    row = need_object(value)
    fallback = str(ref.line or ref.index + 1)
    kind = row.get("kind")
    if kind is not None and kind not in _DATASET_KINDS:
        raise RecordError(
            Reason.INVALID_VALUE, f"field 'kind': {kind!r} records cannot go into a knowledge base", "kind"
        )
    if kind == "kb_entry" or (kind is None and "name" in row and "text" not in row):
        return _entry_doc(build(KBEntry, row), label, fallback)  # type: ignore[arg-type]
    if kind == "document":
        return _document_doc(build(Document, row), label, fallback)  # type: ignore[arg-type]
    text = need_text(row, "text")
    doc_id = ref.id_from(row) if row.get("id") is not None else fallback
    source = opt_str(row, "source") or label
    title = opt_str(row, "title") or doc_id
    meta = extras(row, ("id", "title", "text", "source"))
    return SourceDoc(f"{source}:{id_text(doc_id, 'id')}", title.strip(), source, text, None, meta)


def _text_file_doc(path: Path, label: str, on_issue: OnIssue) -> SourceDoc | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        on_issue(RowIssue(str(path), None, Reason.INVALID_UTF8, f"invalid UTF-8 at byte {error.start}", raw=raw))
        return None
    if not text.strip():
        on_issue(RowIssue(str(path), None, Reason.EMPTY_TURN, "empty file"))
        return None
    heading = _HEADING.search(text) if path.suffix.lower() != ".txt" else None
    title = heading.group(1).strip() if heading else path.stem.replace("_", " ").replace("-", " ")
    return SourceDoc(doc_id=label, title=title, source=label, text=text)


def _file_docs(path: Path, label: str, on_issue: OnIssue) -> Iterator[SourceDoc]:
    if path.suffix.lower() in TEXT_SUFFIXES:
        doc = _text_file_doc(path, label, on_issue)
        if doc is not None:
            yield doc
        return
    rows = json_rows(path, on_issue=on_issue, stats=None)
    yield from convert(rows, lambda ref, value: _row_doc(ref, value, label), on_issue)


def _folder_files(folder: Path) -> list[Path]:
    suffixes = TEXT_SUFFIXES + JSON_SUFFIXES
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _dataset_docs(name: str, on_issue: OnIssue) -> Iterator[SourceDoc]:
    from medllm.datasets import get_dataset, iter_records

    entry = get_dataset(name)
    if entry.kind not in _DATASET_KINDS:
        raise DataError(
            f"dataset {name!r} holds {entry.kind} records; a knowledge base reads kb_entry and document datasets"
        )
    for n, record in enumerate(iter_records(name, on_issue=on_issue, progress=False)):
        try:
            if isinstance(record, KBEntry):
                yield _entry_doc(record, name, str(n))
            elif isinstance(record, Document):
                yield _document_doc(record, name, str(n))
        except RecordError as error:
            on_issue(RowIssue(name, None, error.reason, error.message, item=n))


def read_source(source: str | Path, on_issue: OnIssue) -> Iterator[SourceDoc]:
    """The documents of one SOURCE, in order.

    Args:
        source: a registry dataset name, or a file or folder (see the module docstring). A folder is
            read recursively in sorted order (``.md``, ``.markdown``, ``.txt``, ``.jsonl``, ``.json``;
            hidden files and folders skipped); a text file's document id is its path relative to the
            folder's parent (``notes/flu.md``).
        on_issue: receives each bad row or unreadable file.

    Raises:
        DataError: the source is neither a file, a folder nor a known dataset, or a dataset of a kind
            that cannot be indexed, or a file that cannot be read at all.
    """
    path = Path(source)
    if path.is_dir():
        for file in _folder_files(path):
            yield from _file_docs(file, file.relative_to(path.parent).as_posix(), on_issue)
        return
    if path.is_file():
        if path.suffix.lower() not in TEXT_SUFFIXES + JSON_SUFFIXES:
            raise DataError(f"{path}: unsupported file type (expected {', '.join(TEXT_SUFFIXES + JSON_SUFFIXES)})")
        yield from _file_docs(path, path.name, on_issue)
        return
    from medllm.datasets import get_dataset

    try:
        get_dataset(str(source))
    except DataError:
        raise DataError(f"{source}: no such file, folder or dataset (see `medllm datasets list`)") from None
    yield from _dataset_docs(str(source), on_issue)


def entry_text(title: str, entry: dict[str, list[str]]) -> str:
    """Lists of a disease entry as one natural-language passage: ``Name. Symptoms: a, b. Tests and
    procedures: c. Medications: d.`` (empty lists left out)."""
    parts = [f"{title}."]
    for key, label in (("symptoms", "Symptoms"), ("tests", "Tests and procedures"), ("medications", "Medications")):
        items = [item.strip() for item in entry.get(key, []) if item.strip()]
        if items:
            parts.append(f"{label}: {', '.join(items)}.")
    return " ".join(parts)


def chunk_document(doc: SourceDoc, settings: ChunkSettings) -> list[Chunk]:
    """The chunks of one document, ids ``<doc_id>#0``, ``#1``... in order, each with the document's id,
    title and source.

    A disease entry gives a ``symptoms`` chunk (name and symptoms), a ``treatment`` chunk (name, tests
    and medications), then its description cut into ``description`` chunks; a text document gives
    ``text`` chunks. Symptoms and treatment are apart because that measured better than one chunk
    holding all three lists (dev split, docs/knowledge.md "Chunk layout"): a symptom query then
    matches a passage about symptoms alone, not one diluted by a dozen test and drug names, for BM25's
    length normalisation and for the mean-pooled embedding alike. ``entry_layout="single"`` keeps the
    one ``entry`` chunk.
    """
    pieces: list[tuple[str, str]] = []
    if doc.entry is not None:
        lists = {k: [i for i in v if i.strip()] for k, v in doc.entry.items()}
        if settings.entry_layout == "single":
            groups = [("entry", lists)]
        else:
            groups = [
                ("symptoms", {"symptoms": lists.get("symptoms", [])}),
                ("treatment", {"tests": lists.get("tests", []), "medications": lists.get("medications", [])}),
            ]
        pieces.extend((section, entry_text(doc.title, group)) for section, group in groups if any(group.values()))
    section = "description" if doc.entry is not None else "text"
    pieces.extend((section, text) for text in split_text(doc.text, settings))
    return [
        Chunk(f"{doc.doc_id}#{i}", doc.doc_id, doc.title, text, doc.source, {**doc.metadata, "section": s, "chunk": i})
        for i, (s, text) in enumerate(pieces)
    ]
