"""`stackwise compare`: the comparison table behind every recommendation."""

import json
from enum import StrEnum
from typing import Annotated

import typer

from stackwise.cli.options import KnowledgeOption, load

EPILOG = "Example: stackwise compare --format markdown > comparison.md"


class CompareFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def compare(
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.text,
    knowledge: KnowledgeOption = None,
) -> None:
    """Show every factor with each stack's score, rationale and source."""
    kb = load(knowledge)
    if format is CompareFormat.json:
        from stackwise.report.comparison import comparison_data

        typer.echo(json.dumps(comparison_data(kb), indent=2, ensure_ascii=False))
    elif format is CompareFormat.markdown:
        from stackwise.report.comparison import comparison_markdown

        typer.echo(comparison_markdown(kb), nl=False)
    else:
        from stackwise.cli.console import console
        from stackwise.report.text import print_comparison

        print_comparison(kb, console())
