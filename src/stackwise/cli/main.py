"""The `stackwise` command: one Typer app, command groups in their own modules."""

from __future__ import annotations

from typing import Annotated

import typer

from stackwise import __version__
from stackwise.cli import advise, compare, knowledge, lab

app = typer.Typer(
    name="stackwise",
    help=(
        "Python (Django, FastAPI) or Node.js (Express, NestJS) for your backend? "
        "A ranked, explained recommendation.\n\n"
        "Example: stackwise advise --profile examples/saas-python-team.yaml"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
app.command(name="advise", epilog=advise.EPILOG)(advise.advise)
app.command(name="compare", epilog=compare.EPILOG)(compare.compare)
app.add_typer(knowledge.app, name="knowledge")
app.add_typer(lab.app, name="lab")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stackwise {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Python or Node.js for your backend, answered with reasons and evidence."""


def run() -> None:
    """Console-script entry point."""
    app()
