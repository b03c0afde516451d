"""``medllm data``: validate and convert data files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from medllm.cli._common import console, fail, out, print_json
from medllm.io.issues import DataError
from medllm.io.jsonl import DEFAULT_MAX_ROW_BYTES

app = typer.Typer(help="Validate, convert, de-identify and build data.", no_args_is_help=True)

FORMAT_HELP = "auto, alpaca, sharegpt, openai, disc, preference or medllm (native records)"


@app.command()
def validate(
    file: Path = typer.Argument(..., help="A JSON Lines file, or one JSON array."),
    format: str = typer.Option("auto", "--format", "-f", help=FORMAT_HELP),
    rejects: Path | None = typer.Option(None, help="Write every bad row with its reason here (JSON Lines)."),
    valid_out: Path | None = typer.Option(None, "--valid-out", help="Write every good row here as medllm records."),
    max_row_bytes: int = typer.Option(DEFAULT_MAX_ROW_BYTES, help="Reject rows larger than this many bytes."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
    show: int = typer.Option(20, help="How many bad rows to list (all are counted and written to --rejects)."),
    fail_on_invalid: bool = typer.Option(False, help="Exit 1 when any row is invalid (for CI checks)."),
    sft: bool = typer.Option(
        True, "--sft/--no-sft", help="Check conversations as SFT data: no user turn, or the assistant first, is bad."
    ),
) -> None:
    """Stream FILE and report every bad row with its line number and reason; keep every good row.

    Exits 0 when the file was read (bad rows are reported, not fatal), 2 when it cannot be read at all.
    """
    from medllm.io.validate import validate_file

    try:
        with console.status(f"validating {file}", spinner="dots"):
            report = validate_file(
                file, format=format, rejects=rejects, valid_out=valid_out, max_row_bytes=max_row_bytes, sft=sft
            )
    except DataError as error:
        fail(str(error))
    if as_json:
        print_json(report.to_json())
    else:
        _print_report(report, show)
    if fail_on_invalid and report.invalid:
        raise typer.Exit(1)


def _print_report(report, show: int) -> None:
    for issue in report.issues[:show]:
        out.print(f"{issue}", highlight=False, soft_wrap=True)
    if report.invalid > show:
        out.print(
            f"... {report.invalid - show} more bad rows" + (f" (all in {report.rejects})" if report.rejects else "")
        )
    table = Table(title=f"{report.path} ({report.format or 'format not detected'})", show_header=False)
    table.add_row("rows", str(report.rows))
    table.add_row("valid", f"[green]{report.valid}[/]")
    table.add_row("invalid", f"[red]{report.invalid}[/]" if report.invalid else "0")
    for reason, count in report.by_reason.items():
        table.add_row(f"  {reason}", str(count))
    if report.blank_lines:
        table.add_row("blank lines (skipped)", str(report.blank_lines))
    for note, count in report.tolerated.items():
        table.add_row(f"tolerated: {note}", str(count))
    out.print(table)


@app.command()
def convert(
    source: Path = typer.Argument(..., help="Input: JSON Lines / JSON array in any supported format, or .parquet."),
    target: Path = typer.Argument(..., help="Output file: .jsonl in --to format, or .parquet."),
    from_format: str = typer.Option("auto", "--from", help=FORMAT_HELP),
    to_format: str = typer.Option("medllm", "--to", help="alpaca, sharegpt, openai, disc, preference, medllm"),
    rejects: Path | None = typer.Option(None, help="Write bad input rows with their reasons here."),
) -> None:
    """Convert SOURCE to TARGET through medllm records; bad rows are reported and skipped, never lost."""
    from medllm.formats.conversations import RowReader, write_rows
    from medllm.io.issues import IssueLog
    from medllm.io.jsonl import atomic_writer
    from medllm.io.tabular import read_parquet, write_parquet

    try:
        with atomic_writer(rejects) if rejects else _null() as handle:
            log = IssueLog(rejects=handle)
            if source.suffix == ".parquet":
                records = read_parquet(source, on_issue=log)
            else:
                records = iter(RowReader(source, from_format, on_issue=log))
            if target.suffix == ".parquet":
                written = write_parquet(target, records)
            else:
                written = write_rows(target, records, to_format)
    except (DataError, ValueError) as error:
        fail(str(error))
    console.print(
        f"wrote {written} rows to {target}; {log.total} bad rows skipped"
        + (f" (see {rejects})" if rejects and log.total else "")
    )
    for issue in log.issues[:10]:
        console.print(f"  {issue}", highlight=False)


def _null():
    from contextlib import nullcontext

    return nullcontext(None)


@app.command()
def build(
    recipe: Path = typer.Argument(..., help="A data recipe (YAML); see recipes/data/."),
    out: Path = typer.Option(..., "--out", "-o", help="Run folder: outputs, data card, stage files."),
    resume: bool = typer.Option(
        True, "--resume/--no-resume", help="Skip stages whose inputs and settings are unchanged."
    ),
    num_proc: int | None = typer.Option(
        None, help="Processes for per-record steps (default: the recipe's, 'auto' = all cores)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate the recipe and every step's settings, then stop."),
    as_json: bool = typer.Option(False, "--json", help="Print the data card as JSON."),
) -> None:
    """Build a training set from RECIPE: read, clean, de-identify, de-duplicate, decontaminate, mix, split, write.

    Writes OUT/train.* and OUT/validation.*, OUT/data_card.md and .json with plots, and OUT/stages/
    (each stage's kept records, rejects with reasons, and stats). Rerunning skips finished stages.
    """
    from medllm.curate.build import run_build
    from medllm.curate.recipe import load_recipe

    try:
        loaded = load_recipe(recipe)
    except DataError as error:
        fail(str(error))
    if num_proc is not None:
        loaded.num_proc = num_proc
    if dry_run:
        console.print(
            f"{recipe}: valid; {len(loaded.sources)} sources, steps: "
            + (", ".join(name for name, _ in loaded.step_list) or "none")
        )
        return
    try:
        with _RichReporter() as reporter:
            result = run_build(loaded, out, resume=resume, reporter=reporter)
    except (DataError, ImportError) as error:
        fail(str(error))
    card = result.card
    if as_json:
        print_json(card)
        return
    conservation = card["conservation"]
    console.print(
        f"[green]built[/] {out}: {conservation['rows_in']} rows in, {conservation['rows_out']} out, "
        f"{conservation['dropped']} dropped; data card: {out / 'data_card.md'}"
    )


class _RichReporter:
    """Renders pipeline progress: one bar per stage, with kept/dropped counts when it finishes."""

    def __enter__(self) -> _RichReporter:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
        )
        self.progress.__enter__()
        self.task = None
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def start(self, label: str, total: int | None) -> None:
        self.task = self.progress.add_task(label, total=total)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)

    def finish(self, label: str, stats, cached: bool) -> None:
        dropped = sum(stats.dropped.values())
        note = "cached" if cached else f"{stats.seconds:.1f} s"
        text = f"{label}: kept {stats.kept}, dropped {dropped} ({note})"
        if self.task is None:
            self.task = self.progress.add_task(text, total=stats.seen, completed=stats.seen)
        else:
            self.progress.update(self.task, description=text, total=stats.seen, completed=stats.seen)
        self.task = None
