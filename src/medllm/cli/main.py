"""The ``medllm`` command. Sub-commands live in one module per stage and import heavy libraries lazily."""

from __future__ import annotations

import logging
import sys

import typer

from medllm.cli import assistant, data, datasets, deid, evaluate, kb, keys, models, quickstart, serve, train
from medllm.cli import run as run_cli
from medllm.cli import synth as synth_cli
from medllm.cli._common import console

app = typer.Typer(
    name="medllm",
    help="Build, evaluate and serve medical LLMs on any open model.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data.app.command("deid")(deid.deid)
data.app.command("deid-eval")(deid.deid_eval)
app.add_typer(data.app, name="data")
app.add_typer(datasets.app, name="datasets")
app.add_typer(models.app, name="models")
app.add_typer(evaluate.app, name="eval")
app.add_typer(kb.app, name="kb")
app.add_typer(keys.app, name="keys")
app.command("generate")(models.generate)
app.command("triage")(assistant.triage_command)
app.command("ask")(assistant.ask)
app.command("chat")(assistant.chat)
app.command("serve")(serve.serve)
app.command("quickstart")(quickstart.quickstart)
app.command("train")(train.train)
app.command("run")(run_cli.run_command)
app.command("synth")(synth_cli.synth_command)


_verbose = False


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages.")) -> None:
    global _verbose
    _verbose = verbose
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
    try:
        app()
    except OSError as error:
        # A path that cannot be read or written (a missing folder, a file where a folder should be, no
        # permission) is the user's to fix, not a bug: one line naming it. -v keeps the traceback.
        if error.filename is None or _verbose:
            raise
        console.print(f"[bold red]error:[/] {os_error_line(error)}", highlight=False, soft_wrap=True)
        sys.exit(1)


def os_error_line(error: OSError) -> str:
    """``PATH: reason`` (both paths for a rename or copy), with a hint for -v."""
    where = str(error.filename) + (f" -> {error.filename2}" if error.filename2 is not None else "")
    return f"{where}: {error.strerror or error} (run with -v for the traceback)"


if __name__ == "__main__":
    main()
