"""The `stackwise` command: one Typer app, command groups in their own modules.

Command modules evaluate their annotations eagerly (no `from __future__ import annotations`):
Typer reads every command's signature on each run, and string annotations would be compiled anew.
"""

import sys
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
    """Console-script entry point: a command whose extra is not installed says which to install."""
    try:
        app()
    except ModuleNotFoundError as exc:
        extras = extras_providing(exc.name or "")
        if not extras:
            raise
        # A command group named after an extra that provides the module (`lab`) needs that one.
        command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
        if command in extras:
            extras = [command]
        install = " or ".join(f"pip install 'stackwise[{extra}]'" for extra in extras)
        typer.echo(
            f"error: this command needs {exc.name}, which is not installed: {install}", err=True
        )
        raise SystemExit(2) from None


def extras_providing(module: str) -> list[str]:
    """The optional extras (web, lab) that install the distribution named like `module`."""
    import re
    from importlib.metadata import PackageNotFoundError, requires

    wanted = module.partition(".")[0].lower().replace("_", "-")
    try:
        requirements = requires("stackwise") or []
    except PackageNotFoundError:
        return []
    extras = []
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        extra = re.search(r"extra\s*==\s*['\"]([a-z]+)['\"]", requirement)
        if name and extra and extra[1] != "dev" and name[0].lower().replace("_", "-") == wanted:
            extras.append(extra[1])
    return extras
