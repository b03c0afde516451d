"""``medllm kb``: build, extend, inspect and search knowledge bases for grounded answers."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.table import Table

from medllm.cli._common import console, fail, out, print_json

logger = logging.getLogger(__name__)
T = TypeVar("T")

app = typer.Typer(
    help="Build, extend, inspect and search knowledge bases (BM25, MiniLM, hybrid).", no_args_is_help=True
)
KBArg = Annotated[Path, typer.Argument(help="The knowledge base folder (made by `medllm kb build`).")]
SourcesArg = Annotated[
    list[str],
    typer.Argument(
        help="Registry datasets (chatdoctor-kb, ...), JSONL files of KBEntry records or documents, "
        "Markdown or text files, or folders of them."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ShowOpt = Annotated[int, typer.Option(help="How many bad rows to list (all are counted).")]
_MODES = ("bm25", "dense", "hybrid")


def _guarded(action: Callable[[], T], what: str) -> T:
    """Run ``action``; knowledge-base and data errors become one line, anything else one line naming it."""
    from medllm.io.issues import DataError
    from medllm.knowledge import KBError

    try:
        return action()
    except (KBError, DataError) as error:
        fail(str(error))
    except ValueError as error:
        fail(f"{what}: {error}")
    except OSError as error:
        fail(f"{error.filename or what}: {error.strerror or error}")
    except Exception as error:
        # A bug, not a data problem: keep the one-line contract, keep the traceback for -v.
        logger.debug("%s failed", what, exc_info=True)
        _bug(what, error)


def _bug(what: str, error: Exception) -> NoReturn:
    fail(f"{what} failed: {type(error).__name__}: {error} (`medllm -v ...` shows the traceback)")


def _progress(message: str) -> None:
    console.print(f"[dim]{message}[/]", highlight=False)


def _report(result: dict[str, Any], verb: str, as_json: bool, show: int) -> None:
    if as_json:
        print_json(result)
        return
    for issue in result["issues"][:show]:
        console.print(f"  {issue}", highlight=False, markup=False)
    if result["bad_rows"] > show:
        console.print(f"  ... {result['bad_rows'] - min(show, len(result['issues']))} more bad rows")
    reasons = ", ".join(f"{reason}: {count}" for reason, count in result["by_reason"].items())
    out.print(
        f"{verb} {result['added_documents']} documents ({result['added_chunks']} chunks) in {result['seconds']:.1f} s; "
        f"{result['path']} holds {result['documents']} documents, {result['chunks']} chunks; "
        f"{result['bad_rows']} bad rows skipped" + (f" ({reasons})" if reasons else ""),
        highlight=False,
    )


@app.command()
def build(
    sources: SourcesArg,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="The folder to create.")],
    chunk_tokens: Annotated[int | None, typer.Option(help="Most MiniLM word pieces per chunk [default: 128].")] = None,
    overlap: Annotated[int | None, typer.Option(help="Word pieces shared by consecutive chunks [default: 32].")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a knowledge base already in --out.")] = False,
    as_json: JsonOpt = False,
    show: ShowOpt = 10,
) -> None:
    """Build a knowledge base from SOURCEs: chunks, a BM25 index and MiniLM embeddings, in one folder.

    Bad rows are skipped and listed (file:line: reason); the good ones are kept.
    """
    from medllm.knowledge import DEFAULT_CHUNK_TOKENS, DEFAULT_OVERLAP, build_kb

    result = _guarded(
        lambda: build_kb(
            sources,
            out_dir,
            chunk_tokens=DEFAULT_CHUNK_TOKENS if chunk_tokens is None else chunk_tokens,
            overlap=DEFAULT_OVERLAP if overlap is None else overlap,
            on_progress=_progress,
            force=force,
        ),
        f"building {out_dir}",
    )
    _report(result, "indexed", as_json, show)


@app.command()
def add(kb: KBArg, sources: SourcesArg, as_json: JsonOpt = False, show: ShowOpt = 10) -> None:
    """Add SOURCEs to a knowledge base; what is there is kept as it is (not re-chunked or re-embedded).

    A document id that is already in the knowledge base is an error and nothing is written.
    """
    from medllm.knowledge import add_to_kb

    result = _guarded(lambda: add_to_kb(kb, sources, on_progress=_progress), f"adding to {kb}")
    _report(result, "added", as_json, show)


@app.command()
def stats(kb: KBArg, as_json: JsonOpt = False) -> None:
    """Show what a knowledge base holds and how it was built (verifying every file)."""
    from medllm.knowledge import KnowledgeBase

    data = _guarded(lambda: KnowledgeBase.open(kb).stats(), f"opening {kb}")
    if as_json:
        print_json(data)
        return
    table = Table(title=str(kb), show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("documents", str(data["documents"]))
    table.add_row(
        "chunks", ", ".join(f"{n} {s}" for s, n in data["chunks_by_section"].items()) + f" ({data['chunks']})"
    )
    for source in data["sources"]:
        table.add_row(
            "source",
            f"{source['source']}: {source['documents']} documents, {source['chunks']} chunks ({source['added']})",
        )
    embedding = data["embedding"]
    table.add_row("embedding", f"{embedding['model']} ({embedding['dim']} dimensions, {embedding['package']})")
    table.add_row("chunking", f"{data['chunking']['chunk_tokens']} word pieces, overlap {data['chunking']['overlap']}")
    table.add_row("bm25", f"k1 {data['bm25']['k1']}, b {data['bm25']['b']}, {data['vocabulary']} terms")
    table.add_row("format", f"{data['format_version']} (medllm {data['medllm_version']}), {data['size_bytes']:,} bytes")
    table.add_row("updated", str(data["updated"]))
    out.print(table)


def _query_lines(path: Path) -> Iterator[tuple[int, str | None, str | None]]:
    """``(line, query, error)`` for each non-blank line: JSON Lines with ``query`` or one query per line.

    The file's first non-blank line decides: a JSON object makes it JSON Lines (then every line must be
    one), anything else makes every line a plain query.
    """
    jsonl: bool | None = None
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            except UnicodeDecodeError as error:
                yield number, None, f"invalid UTF-8 at byte {error.start}"
                continue
            if not line:
                continue
            if jsonl is None:
                jsonl = line.startswith("{")
            if not jsonl:
                yield number, line, None
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, None, f"bad JSON: {error.msg} at column {error.colno}"
                continue
            if not isinstance(row, dict) or not isinstance(row.get("query"), str):
                yield number, None, "expected a JSON object with a string field 'query'"
                continue
            yield number, row["query"], None


def _result(retrieval: Any) -> dict[str, Any]:
    return {
        "query": retrieval.query,
        "mode": retrieval.mode,
        "relevance": retrieval.relevance,
        "threshold": retrieval.threshold,
        "relevant": retrieval.relevant,
        "results": [hit.to_json() for hit in retrieval.hits],
    }


def _print_hits(retrieval: Any) -> None:
    verdict = "relevant" if retrieval.relevant else "below the relevance threshold"
    out.print(
        f"[bold]{retrieval.query[:200]}[/] ({retrieval.mode}; relevance {retrieval.relevance:.3f}, {verdict})",
        highlight=False,
    )
    if not retrieval.hits:
        out.print("  no results")
    for hit in retrieval.hits:
        text = hit.text if len(hit.text) <= 300 else hit.text[:297] + "..."
        out.print(f"{hit.rank:>3}. {hit.name} [dim]({hit.id}, {hit.source}, score {hit.score:.4f})[/]", highlight=False)
        out.print(f"     {text}", highlight=False, markup=False)


@app.command()
def search(
    kb: KBArg,
    query: Annotated[str | None, typer.Argument(help="The query (or use --queries).")] = None,
    queries: Annotated[
        Path | None,
        typer.Option("--queries", help="Search every query of this file: JSON Lines with 'query', or one per line."),
    ] = None,
    k: Annotated[int, typer.Option("-k", "--k", help="Results per query.")] = 5,
    mode: Annotated[str, typer.Option(help="bm25, dense or hybrid (reciprocal-rank fusion of both).")] = "hybrid",
    as_json: JsonOpt = False,
) -> None:
    """Search a knowledge base: best passages first, with the relevance gate's verdict.

    With --queries, every query of FILE is searched in one process and one result per query is
    printed in input order (with --json: one JSON object per line); a malformed line gets an error
    object naming it, and the other lines are still searched.
    """
    from medllm.knowledge import KnowledgeBase

    if (query is None) == (queries is None):
        fail("give either a QUERY or --queries FILE")
    if mode not in _MODES:
        fail(f"unknown --mode {mode!r} (expected one of {', '.join(_MODES)})")
    if k < 1:
        fail(f"-k must be at least 1, got {k}")
    opened = _guarded(lambda: KnowledgeBase.open(kb), f"opening {kb}")
    if query is not None:
        found = _guarded(lambda: opened.retrieve(query, k=k, mode=mode), "search")
        if as_json:
            print_json(_result(found))
        else:
            _print_hits(found)
        return
    assert queries is not None
    rows = _guarded(lambda: list(_query_lines(queries)), f"reading {queries}")
    texts = [q for _, q, error in rows if error is None]
    found_all = iter(_guarded(lambda: opened.retrieve_many(texts, k=k, mode=mode), "search"))  # type: ignore[arg-type]
    bad = 0
    for number, _, error in rows:
        if error is not None:
            bad += 1
            item: dict[str, Any] = {"line": number, "error": f"{queries}:{number}: {error}"}
            if as_json:
                sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
            else:
                console.print(f"[bold red]error:[/] {item['error']}", highlight=False)
            continue
        found = next(found_all)
        if as_json:
            sys.stdout.write(json.dumps({"line": number, **_result(found)}, ensure_ascii=False) + "\n")
        else:
            _print_hits(found)
    sys.stdout.flush()
    if bad:
        console.print(f"{bad} of {len(rows)} lines could not be read; the others were searched", highlight=False)
