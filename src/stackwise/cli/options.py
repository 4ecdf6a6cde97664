"""Options several commands share, and the one way the CLI reports a user's mistake."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from stackwise.knowledge import Knowledge

KnowledgeOption = Annotated[
    Path | None,
    typer.Option(
        "--knowledge",
        envvar="STACKWISE_KNOWLEDGE",
        help="A knowledge folder of your own (default: the shipped knowledge).",
        show_default=False,
    ),
]


def fail(message: str) -> NoReturn:
    """Print one clear line to stderr and exit with status 2 (bad input)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def load(path: Path | None) -> "Knowledge":
    """Load the knowledge, turning a broken knowledge folder into one clear line."""
    from stackwise.knowledge import KnowledgeError, load_knowledge

    try:
        return load_knowledge(path)
    except KnowledgeError as exc:
        fail(str(exc))
