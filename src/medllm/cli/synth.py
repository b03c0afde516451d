"""``medllm synth NAME``: generate training data with a teacher model (``medllm.synth``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from medllm.cli._common import console, fail, out, print_json

_SHOWN_ISSUES = 20


def _params(values: list[str]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            fail(f"--param {value!r}: expected KEY=VALUE")
        params[key.strip()] = setting.strip()
    return params


def _value(text: str) -> Any:
    """An ``--engine-arg`` value: a JSON number, boolean or null when it reads as one, else the text."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, int | float | bool) or value is None else text


def synth_command(
    name: str = typer.Argument(..., help="Generator: self-instruct, kb-dialogues, rewrite, mcq-to-qa or preferences."),
    input: str = typer.Option(..., "--input", "-i", help="A registry dataset name or a local file."),
    teacher: str = typer.Option(..., help="An OpenAI-compatible base URL (http://host:port/v1) or a local model."),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Run folder: records.jsonl, ledger.json, cache, rejects."),
    teacher_model: str | None = typer.Option(None, help="Model name at the endpoint (default: the one it lists)."),
    limit: int | None = typer.Option(None, help="Items to process (self-instruct: new instructions to keep)."),
    concurrency: int = typer.Option(8, min=1, help="Requests in flight at most."),
    rpm: float | None = typer.Option(None, min=0.001, help="Requests per minute at most."),
    tpm: float | None = typer.Option(None, min=1, help="Tokens per minute at most (prompt estimate + max tokens)."),
    timeout: float = typer.Option(60.0, min=0.001, help="Seconds before a request counts as timed out."),
    max_retries: int = typer.Option(6, min=0, help="Retries per request on 429, 5xx, timeouts, dropped connections."),
    seed: int = typer.Option(0, help="Seeds every sampled choice and the per-request sampling seeds."),
    temperature: float = typer.Option(0.7, min=0.0, help="Sampling temperature."),
    max_tokens: int = typer.Option(1024, min=1, help="Completion limit; replies cut here are recorded and dropped."),
    api_key_env: str = typer.Option("OPENAI_API_KEY", help="Environment variable holding the API key."),
    templates: Path | None = typer.Option(None, help="Folder of NAME.jinja templates overriding the shipped ones."),
    cache: Path | None = typer.Option(None, help="Reply cache file (default OUT/cache.sqlite); share it across runs."),
    price_in: float = typer.Option(0.0, min=0.0, help="US dollars per million prompt tokens, for the ledger."),
    price_out: float = typer.Option(0.0, min=0.0, help="US dollars per million completion tokens, for the ledger."),
    param: list[str] = typer.Option([], "--param", "-p", help="Generator setting KEY=VALUE (repeatable)."),
    engine: str = typer.Option("auto", help="auto (the URL or a local model) or vllm (vLLM's offline engine, GPU)."),
    engine_arg: list[str] = typer.Option([], "--engine-arg", help="vllm.LLM argument KEY=VALUE (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as one JSON object."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show the live progress bar on stderr."),
) -> None:
    """Generate records with a teacher model into OUT/records.jsonl; rerunning the same command resumes.

    Exit 0 when every item was handled, 1 when some requests ran out of retries (rerun to retry only
    those), 2 when the run could not start or the teacher refused every request.
    """
    from medllm.synth import SynthConfig, SynthError, run_synth

    config = SynthConfig(
        generator=name,
        input=input,
        teacher=teacher,
        out=str(out_dir),
        teacher_model=teacher_model,
        limit=limit,
        concurrency=concurrency,
        rpm=rpm,
        tpm=tpm,
        timeout=timeout,
        max_retries=max_retries,
        seed=seed,
        temperature=temperature,
        max_tokens=max_tokens,
        api_key_env=api_key_env,
        templates=str(templates) if templates else None,
        cache=str(cache) if cache else None,
        price_in=price_in,
        price_out=price_out,
        params=_params(param),
        progress=progress and not as_json,
        engine=engine,
        engine_args={key: _value(setting) for key, setting in _params(engine_arg).items()},
    )
    try:
        result = run_synth(config)
    except SynthError as error:
        fail(str(error))
    for issue in result.issues[:_SHOWN_ISSUES]:
        console.print(f"[yellow]skipped bad input row:[/] {issue}", highlight=False, soft_wrap=True)
    if result.input_issues > _SHOWN_ISSUES:
        console.print(f"... {result.input_issues - _SHOWN_ISSUES} more (all in {out_dir / 'input_issues.jsonl'})")
    if as_json:
        print_json(result.to_json())
    else:
        run = result.ledger["runs"][-1]
        table = Table(title=f"medllm synth {name} -> {out_dir}", show_header=False)
        table.add_row("records kept", f"[green]{result.kept}[/]")
        for reason, count in result.dropped.items():
            table.add_row(f"dropped: {reason}", str(count))
        table.add_row("bad input rows (skipped)", str(result.input_issues))
        table.add_row("requests sent / cached", f"{run['requests']} / {run['cache_hits']}")
        table.add_row("retries", ", ".join(f"{k} {v}" for k, v in run["retries"].items()) or "0")
        table.add_row("tokens in / out", f"{run['tokens_in']:,} / {run['tokens_out']:,}")
        table.add_row(
            "cost (this run / all runs)", f"${run['cost_usd']:.4f} / ${result.ledger['totals']['cost_usd']:.4f}"
        )
        table.add_row("wall time", f"{run['wall_seconds']:.1f} s")
        out.print(table)
    if result.teacher_failed:
        console.print(
            f"[bold red]{result.teacher_failed} item(s) failed after retries[/] (listed in rejects.jsonl); "
            "rerun the same command to retry only those."
        )
        raise typer.Exit(1)
