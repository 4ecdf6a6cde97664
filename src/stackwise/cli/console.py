"""The one place the CLI touches Rich, so output stays consistent and imports stay lazy."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    """Standard output console."""
    from rich.console import Console

    return Console()


@cache
def error_console() -> Console:
    """Standard error console, for messages that must not mix with JSON on stdout."""
    from rich.console import Console

    return Console(stderr=True)


def file_console(file: TextIO) -> Console:
    """A console writing plain text to a file: no colour codes, a fixed width of 100."""
    from rich.console import Console

    return Console(file=file, width=100, force_terminal=False, no_color=True)


def table(title: str) -> Any:
    """A Rich table in the CLI's style."""
    from rich.table import Table

    return Table(title=title)


def progress_bar() -> Any:
    """A Rich progress bar with elapsed time and an ETA (a context manager; add_task, update)."""
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console(),
    )
