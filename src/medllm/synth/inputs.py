"""Input of a synthesis run: a registry dataset name or a local file, bad rows reported and skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from medllm.formats.native import NativeFormat
from medllm.io.issues import DataError, OnIssue, RowIssue
from medllm.records.errors import Reason
from medllm.records.types import Record
from medllm.synth.types import SynthError

if TYPE_CHECKING:
    from medllm.synth.generators.base import Generator


def read_native(path: Path, on_issue: OnIssue) -> Iterator[Record]:
    """medllm records (JSON Lines with ``kind``), each bad row reported with its line."""
    from medllm.formats.conversations import RowReader

    return iter(RowReader(path, NativeFormat.name, on_issue=on_issue))


def load_items(source: str, generator: Generator, on_issue: OnIssue) -> list[Record]:
    """The records of ``source`` that ``generator`` reads; others are reported as ``invalid_value`` issues.

    Raises:
        SynthError: ``source`` is neither a file nor a registry dataset, or cannot be read at all.
    """
    path = Path(source).expanduser()
    try:
        if path.exists():
            records = generator.read_file(path, on_issue)
        else:
            from medllm.datasets import iter_records

            records = iter_records(source, on_issue=on_issue)
        items: list[Record] = []
        for index, record in enumerate(records):
            if isinstance(record, generator.input_types):
                items.append(record)
            else:
                wanted = " or ".join(t.__name__ for t in generator.input_types)
                kind = getattr(record, "kind", type(record).__name__)
                message = f"record {record.id or index} is a {kind}; {generator.name} reads {wanted}"
                on_issue(RowIssue(str(source), None, Reason.INVALID_VALUE, message, item=index))
    except DataError as error:
        raise SynthError(str(error)) from None
    return items
