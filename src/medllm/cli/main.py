"""The ``medllm`` command. Sub-commands live in one module per stage and import heavy libraries lazily."""

from __future__ import annotations

import logging

import typer

from medllm.cli import data, datasets, deid, evaluate, models, quickstart, train

app = typer.Typer(
    name="medllm",
    help="Build, evaluate and serve medical LLMs on any open model.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data.app.command("deid")(deid.deid)
app.add_typer(data.app, name="data")
app.add_typer(datasets.app, name="datasets")
app.add_typer(models.app, name="models")
app.add_typer(evaluate.app, name="eval")
app.command("generate")(models.generate)
app.command("quickstart")(quickstart.quickstart)
app.command("train")(train.train)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages.")) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
