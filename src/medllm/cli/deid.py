"""``medllm data deid`` (replace identifiers in a JSON Lines file) and ``medllm data deid-eval`` (measure recall).

Each text is routed by language (``--language``, a row's ``language`` field, or detection; mixed
text span by span): English and Chinese have recognizers; text in any other language gets only
the language-neutral ones (e-mail, URL, IP), and the report counts it per language, so nothing
passes as de-identified without saying so. ``--unsupported reject`` rejects such rows instead.

Which text is de-identified in each row:

- ``--field PATH`` given: only that field (a dotted path such as ``text`` or ``meta.note``). Its
  value may be a string, a list of strings, or a list of chat turns (objects with ``content``,
  ``value`` or ``text``), as in ``--field messages``.
- ``--field`` not given: a conversation row (one with a ``messages``, ``conversations`` or
  ``conversation`` list) has every turn's ``content`` / ``value`` / ``text`` de-identified, system
  prompt included; any other row has its top-level ``text`` field de-identified.

A row where that text is missing or is not text is never copied through unchanged: it is
rejected, reported with its line number, and written to ``--rejects`` if given, as are rows that
are not valid JSON objects. The output is written atomically.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from medllm.cli._common import console, fail, out, print_json
from medllm.io.issues import DataError, IssueLog, RowIssue
from medllm.io.jsonl import DEFAULT_MAX_ROW_BYTES, JsonRow
from medllm.records.errors import Reason

CONVERSATION_KEYS = ("messages", "conversations", "conversation")
TURN_TEXT_KEYS = ("content", "value", "text")
CHUNK_TEXTS = 256  # texts per call to the de-identifier (it batches them through spaCy)


def deid(
    input: Path = typer.Argument(..., help="JSON Lines file to de-identify."),
    output: Path = typer.Argument(..., help="Where to write the de-identified JSON Lines."),
    field: str | None = typer.Option(
        None,
        "--field",
        "-f",
        help="Dotted path of the field to de-identify. Default: every turn of a conversation row, else 'text'.",
    ),
    rejects: Path | None = typer.Option(None, help="Write every rejected row with its reason here (JSON Lines)."),
    types: str | None = typer.Option(
        None, "--types", help="Comma-separated identifier types to remove (default: all of them)."
    ),
    language: str | None = typer.Option(
        None, "--language", help="Language of every row (en, zh); default: the row's 'language' field, else detected."
    ),
    unsupported: str = typer.Option(
        "keep", "--unsupported", help="Rows with text in a language without recognizers: keep (counted) or reject."
    ),
    mode: str = typer.Option("tag", help="Replacement: tag ([NAME]), hash or surrogate (hash/surrogate need --salt)."),
    salt: str | None = typer.Option(None, help="Secret for --mode hash/surrogate (16+ characters)."),
    placeholder: str = typer.Option("[{type}]", help="Replacement text; {type} becomes NAME, DATE, ..."),
    min_score: float = typer.Option(0.4, min=0.0, max=1.0, help="Presidio confidence threshold."),
    batch_size: int = typer.Option(64, min=1, help="Texts per spaCy batch."),
    max_row_bytes: int = typer.Option(DEFAULT_MAX_ROW_BYTES, help="Reject rows larger than this many bytes."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
) -> None:
    """De-identify INPUT into OUTPUT: names, places, dates, ages over 89, contact details and ID numbers.

    Prints how many identifiers of each type were replaced. Exits 0 when the file was processed
    (bad rows are reported and skipped), 2 when it cannot be read or the options are invalid.
    """
    from medllm.io.jsonl import atomic_writer, iter_json_lines

    path = field.split(".") if field else None
    if path is not None and not all(path):
        fail(f"--field {field!r} is not a dotted path")
    if unsupported not in ("keep", "reject"):
        fail(f"--unsupported {unsupported!r}: choose keep or reject")
    started = time.perf_counter()
    try:
        with console.status("loading the de-identifier (Presidio)", spinner="dots"):
            from medllm.deid import Deidentifier

            engine = Deidentifier(
                types.split(",") if types else None,
                min_score=min_score,
                mode=mode,
                placeholder=placeholder,
                salt=salt,
                batch_size=batch_size,
            )
    except (ValueError, ImportError, OSError) as error:
        fail(str(error))
    report = _Report(input=str(input), output=str(output))
    try:
        total = _count_lines(input)
        with (
            atomic_writer(rejects) if rejects else _null() as reject_handle,
            atomic_writer(output) as handle,
            _progress(total) as advance,
        ):
            log = IssueLog(rejects=reject_handle)
            rows = iter_json_lines(input, on_issue=log, max_row_bytes=max_row_bytes)
            for chunk in _chunks(rows, path, log, str(input)):
                tags = [language or _row_language(row.value) for row, targets in chunk for _ in targets]
                results = engine.deidentify_many([text for _, targets in chunk for _, _, text in targets], tags)
                cursor = 0
                for row, targets in chunk:
                    row_results = results[cursor : cursor + len(targets)]
                    cursor += len(targets)
                    languages = sorted({lang for r in row_results for lang in r.languages})
                    missing = sorted({lang for r in row_results for lang in r.unsupported})
                    report.rows_by_language.update(languages)
                    report.unsupported.update(missing)
                    if missing and unsupported == "reject":
                        message = f"text in {', '.join(missing)}, which has no recognizers (use --unsupported keep)"
                        log(RowIssue(str(input), row.line, Reason.INVALID_VALUE, message, None, raw=row.raw))
                        continue
                    for (container, key, _), result in zip(targets, row_results, strict=True):
                        container[key] = result.text
                        report.texts += 1
                        report.texts_changed += bool(result.replacements)
                        report.identifiers.update(result.counts)
                    handle.write(_dumps(row.value))
                    report.written += 1
                advance(chunk[-1][0].line if chunk else None)
    except (DataError, OSError) as error:
        fail(str(error))
    report.rejected = log.total
    report.rejected_by_reason = dict(log.counts)
    report.issues = [str(issue) for issue in log.issues[:10]]
    report.seconds = time.perf_counter() - started
    if as_json:
        print_json(report.to_json())
    else:
        _print_report(report, rejects)


class _Report:
    def __init__(self, input: str, output: str) -> None:
        self.input, self.output = input, output
        self.written = self.rejected = self.texts = self.texts_changed = 0
        self.rejected_by_reason: dict[str, int] = {}
        self.identifiers: Counter[str] = Counter()
        self.rows_by_language: Counter[str] = Counter()
        self.unsupported: Counter[str] = Counter()
        self.issues: list[str] = []
        self.seconds = 0.0

    def to_json(self) -> dict[str, Any]:
        from medllm.deid import ENTITY_TYPES

        return {
            "input": self.input,
            "output": self.output,
            "rows_written": self.written,
            "rows_rejected": self.rejected,
            "rejected_by_reason": self.rejected_by_reason,
            "texts": self.texts,
            "texts_changed": self.texts_changed,
            "identifiers": {t: self.identifiers.get(t, 0) for t in ENTITY_TYPES},
            "identifiers_total": sum(self.identifiers.values()),
            "rows_by_language": dict(sorted(self.rows_by_language.items())),
            "rows_in_languages_without_recognizers": dict(sorted(self.unsupported.items())),
            "seconds": round(self.seconds, 2),
            "issues": self.issues,
        }


def _chunks(
    rows: Iterator[JsonRow], path: list[str] | None, log: IssueLog, name: str
) -> Iterator[list[tuple[JsonRow, list[tuple[Any, Any, str]]]]]:
    """Rows with their text slots ``(container, key, text)``, grouped so each group holds ~CHUNK_TEXTS texts."""
    chunk: list[tuple[JsonRow, list[tuple[Any, Any, str]]]] = []
    texts = 0
    for row in rows:
        try:
            targets = _targets(row.value, path)
        except _RowProblem as problem:
            log(RowIssue(name, row.line, problem.reason, problem.message, problem.field, raw=row.raw))
            continue
        chunk.append((row, targets))
        texts += len(targets)
        if texts >= CHUNK_TEXTS:
            yield chunk
            chunk, texts = [], 0
    if chunk:
        yield chunk


class _RowProblem(Exception):
    def __init__(self, reason: Reason, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.reason, self.message, self.field = reason, message, field


def _targets(value: Any, path: list[str] | None) -> list[tuple[Any, Any, str]]:
    """Where the row's text to de-identify is: ``(container, key, text)`` for each piece."""
    if not isinstance(value, dict):
        raise _RowProblem(Reason.NOT_AN_OBJECT, f"expected a JSON object, found {type(value).__name__}")
    if path is None:
        key = next((k for k in CONVERSATION_KEYS if isinstance(value.get(k), list)), None)
        if key is not None:
            return _turn_targets(value[key], key)
        path = ["text"]
    container: Any = value
    for i, part in enumerate(path[:-1]):
        container = container.get(part) if isinstance(container, dict) else None
        if not isinstance(container, dict):
            raise _RowProblem(Reason.MISSING_FIELD, f"no object at {'.'.join(path[: i + 1])!r}", ".".join(path))
    dotted, last = ".".join(path), path[-1]
    if last not in container:
        raise _RowProblem(Reason.MISSING_FIELD, f"field {dotted!r} is missing", dotted)
    item = container[last]
    if isinstance(item, str):
        return [(container, last, item)]
    if isinstance(item, list):
        if all(isinstance(x, str) for x in item):
            return [(item, i, x) for i, x in enumerate(item)]
        return _turn_targets(item, dotted)
    raise _RowProblem(Reason.WRONG_TYPE, f"field {dotted!r} is {type(item).__name__}, not text", dotted)


def _turn_targets(turns: list[Any], where: str) -> list[tuple[Any, Any, str]]:
    targets = []
    for i, turn in enumerate(turns):
        key = next((k for k in TURN_TEXT_KEYS if isinstance(turn, dict) and k in turn), None)
        if key is None or not isinstance(turn[key], str):
            raise _RowProblem(Reason.WRONG_TYPE, f"turn {i} of {where!r} has no text content", f"{where}.{i}")
        targets.append((turn, key, turn[key]))
    return targets


def _row_language(value: Any) -> str | None:
    tag = value.get("language") if isinstance(value, dict) else None
    return tag if isinstance(tag, str) and tag.strip() else None


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False) + "\n"


def _count_lines(path: Path) -> int | None:
    try:
        with open(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None  # the reader reports the problem with a proper message


def _null():
    from contextlib import nullcontext

    return nullcontext(None)


def _progress(total: int | None):
    """A stderr progress bar over input lines; yields ``advance(line_number)``."""
    from contextlib import contextmanager

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    @contextmanager
    def bar():
        with Progress(
            TextColumn("de-identifying"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("lines", total=total)

            def advance(line: int | None) -> None:
                if line is not None:
                    progress.update(task, completed=line)

            yield advance
            progress.update(task, completed=total)

    return bar()


def _print_report(report: _Report, rejects: Path | None) -> None:
    from rich.table import Table

    from medllm.deid import ENTITY_TYPES

    for issue in report.issues:
        out.print(issue, highlight=False, soft_wrap=True)
    if report.rejected > len(report.issues):
        more = report.rejected - len(report.issues)
        out.print(f"... {more} more rejected rows" + (f" (see {rejects})" if rejects else ""))
    summary = Table(title=f"{report.input} -> {report.output}", show_header=False)
    summary.add_row("rows written", str(report.written))
    summary.add_row("rows rejected", f"[red]{report.rejected}[/]" if report.rejected else "0")
    for reason, count in sorted(report.rejected_by_reason.items()):
        summary.add_row(f"  {reason}", str(count))
    summary.add_row("texts de-identified", f"{report.texts} ({report.texts_changed} changed)")
    summary.add_row(
        "rows by language", ", ".join(f"{k}: {v}" for k, v in sorted(report.rows_by_language.items())) or "-"
    )
    if report.unsupported:
        missing = ", ".join(f"{k}: {v}" for k, v in sorted(report.unsupported.items()))
        summary.add_row(
            "[yellow]rows in languages without recognizers[/]", f"[yellow]{missing}[/] (only e-mail, URL, IP removed)"
        )
    summary.add_row("time", f"{report.seconds:.1f} s")
    out.print(summary)
    counts = Table(title="identifiers replaced")
    counts.add_column("type")
    counts.add_column("count", justify="right")
    for kind in ENTITY_TYPES:
        counts.add_row(kind, str(report.identifiers.get(kind, 0)))
    counts.add_row("[bold]total[/]", f"[bold]{sum(report.identifiers.values())}[/]")
    out.print(counts)


def deid_eval(
    split: str = typer.Option(
        "dev",
        help="dev (the texts the rules were tuned on), heldout (studied since, development data too) or blind "
        "(medllm.deid's evaluation/data/blind_*.jsonl, written by an independent author and not yet studied) or "
        "studied (blind batches whose misses have been read: development data).",
    ),
    presidio: int = typer.Option(600, help="English sentences from presidio-evaluator's generator."),
    messages: int = typer.Option(600, help="English patient messages."),
    sentences: int = typer.Option(400, help="Annotated PubMed sentences from BC5CDR and NCBI-disease, each."),
    chinese: int = typer.Option(600, "--zh", help="Chinese messages and notes."),
    out: Path | None = typer.Option(None, help="Write the full result (every set, misses and losses) as JSON here."),
    record: bool = typer.Option(
        False, "--record", help="Store the summary in medllm.deid's recorded evaluation, which data cards cite."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
) -> None:
    """Measure de-identification on text written independently of the rules, in English and Chinese.

    Prints recall per identifier class and the survival of medical terms per language. Exits 0 when
    every class reaches 0.95 and unlisted medical terms 0.97, 1 when not, 2 when it cannot run
    (presidio-evaluator or the dataset mirror missing).
    """
    import json

    if split not in ("dev", "heldout", "blind", "studied"):
        fail(f"--split {split!r}: choose dev, heldout, blind or studied")
    try:
        with console.status(f"evaluating de-identification on the {split} split", spinner="dots"):
            from medllm.deid import Deidentifier
            from medllm.deid.evaluation.run import evaluate_split, markdown

            sizes = {"presidio": presidio, "messages": messages, "sentences": sentences, "zh": chinese}
            result = evaluate_split(Deidentifier(), split, sizes)
    except (ImportError, DataError, OSError) as error:
        fail(str(error))
    if out is not None:
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    if record:
        from medllm.deid.evaluation.recorded import record as store

        store(result)
    if as_json:
        print_json(result)
    else:
        out_lines = markdown(result)
        for line in out_lines:
            console.print(line, markup=False, highlight=False)
        for failure in result["failures"]:
            console.print(f"[red]below target[/]: {failure}")
    if not result["passes"]:
        raise typer.Exit(1)
