"""``medllm keys``: create, list and revoke the API keys ``medllm serve --api-keys FILE`` accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medllm.cli._common import console, fail, out, print_json

app = typer.Typer(help="API keys for `medllm serve`: only their argon2 hashes are stored.", no_args_is_help=True)
KeysFileOpt = Annotated[Path, typer.Option("--keys-file", help="The keys file (JSON, created when missing).")]


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A name for the key (who or what uses it).")],
    keys_file: KeysFileOpt,
    models: Annotated[
        str | None, typer.Option("--models", help="Comma-separated models the key may use (default: all).")
    ] = None,
) -> None:
    """Create a key and print it once: it is not stored, only its hash is."""
    from medllm.serve.keys import KeyFileError, add_key

    allowed = [m.strip() for m in models.split(",") if m.strip()] if models else None
    if models is not None and not allowed:
        fail("--models: name at least one model")
    try:
        key = add_key(keys_file, name, allowed)
    except KeyFileError as error:
        fail(str(error))
    out.print(key, highlight=False, markup=False)
    console.print(f"[dim]key {name!r} added to {keys_file}; it is shown only this once.[/]", highlight=False)


@app.command("list")
def list_command(
    keys_file: KeysFileOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every key's name, id, models and dates (never the key or its hash)."""
    from medllm.serve.keys import KeyFileError, list_keys

    if not keys_file.exists():
        fail(f"{keys_file}: no such keys file")
    try:
        keys = list_keys(keys_file)
    except KeyFileError as error:
        fail(str(error))
    if as_json:
        print_json(keys)
        return
    table = Table("name", "id", "models", "created", "revoked")
    for key in keys:
        table.add_row(key["name"], key["id"], ",".join(key["models"] or ["all"]), key["created"], key["revoked"] or "")
    out.print(table)


@app.command("revoke")
def revoke(
    name: Annotated[str, typer.Argument(help="The key's name.")],
    keys_file: KeysFileOpt,
) -> None:
    """Revoke a key; a running server refuses it within about a second."""
    from medllm.serve.keys import KeyFileError, revoke_key

    if not keys_file.exists():
        fail(f"{keys_file}: no such keys file")
    try:
        revoked = revoke_key(keys_file, name)
    except KeyFileError as error:
        fail(str(error))
    if not revoked:
        fail(f"{keys_file}: no live key named {name!r}")
    console.print(f"key {name!r} revoked", highlight=False)
