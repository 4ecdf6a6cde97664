"""`stackwise advise`: a recommendation for a profile file, or for answers typed in."""

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from stackwise.cli.options import KnowledgeOption, fail, load

if TYPE_CHECKING:
    from stackwise.advisor import Recommendation

EPILOG = (
    "Examples: stackwise advise --profile examples/saas-python-team.yaml --format json | "
    "stackwise advise --profile p.yaml --format adr --output docs/decisions/0001-backend.md | "
    "stackwise advise --save my-project.yaml (asks the questions)"
)


class AdviseFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    adr = "adr"


class AdrStyleOption(StrEnum):
    """report.adr.AdrStyle's layouts, named here so that the CLI starts without the reports."""

    madr = "madr"
    log4brains = "log4brains"
    adr_viewer = "adr-viewer"


def advise(
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            "-p",
            help="Profile file (YAML or JSON). Without it, asks.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        AdviseFormat, typer.Option("--format", "-f", help="Output format.")
    ] = AdviseFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", show_default=False
        ),
    ] = None,
    adr_style: Annotated[
        AdrStyleOption | None,
        typer.Option(
            "--adr-style",
            help="With --format adr: where the status and date go, for the ADR tool you use "
            "(madr: front matter; log4brains; adr-viewer).",
            show_default="madr",
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", help="Save the typed-in answers as a profile file (YAML).", show_default=False
        ),
    ] = None,
    knowledge: KnowledgeOption = None,
) -> None:
    """Rank Django, FastAPI, Express and NestJS for a project and explain the answer."""
    from stackwise.advisor import ProfileError, parse_profile, read_profile_file, recommend

    if adr_style is not None and format is not AdviseFormat.adr:
        fail("--adr-style: applies to --format adr only")
    try:  # the profile first: a mistake in it is reported before the knowledge is loaded
        if profile is not None:
            project = read_profile_file(profile)
        else:
            found = load(knowledge)
            project = parse_profile(
                _ask({r: region.name for r, region in found.costs.regions.items()})
            )
            if save is not None:
                _save(save, project.to_data())
    except ProfileError as exc:
        fail(str(exc))
    try:  # what only the knowledge can judge: a region it has no rates for
        recommendation = recommend(project, load(knowledge))
    except ProfileError as exc:
        fail(str(exc))

    if format is AdviseFormat.text:
        _print_text(recommendation, output)
        return
    if format is AdviseFormat.json:
        from stackwise.report.json import render_json

        text = render_json(recommendation)
    elif format is AdviseFormat.adr:
        from stackwise.report.adr import AdrStyle, render_adr

        text = render_adr(recommendation, style=AdrStyle(adr_style or AdrStyleOption.madr))
    else:
        from stackwise.report.markdown import render_markdown

        text = render_markdown(recommendation)
    if output is None:
        typer.echo(text, nl=False)
        return
    _write(output, lambda file: file.write(text))


def _print_text(recommendation: "Recommendation", output: Path | None) -> None:
    """The terminal report, on stdout or as plain text (no colour codes) in a file."""
    from stackwise.cli.console import console, file_console
    from stackwise.report.text import print_recommendation

    if output is None:
        print_recommendation(recommendation, console())
        return
    _write(output, lambda file: print_recommendation(recommendation, file_console(file)))


def _write(output: Path, write: Callable[[TextIO], object]) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as file:
            write(file)
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror})")
    typer.echo(f"wrote {output}", err=True)


def _ask(regions: dict[str, str]) -> dict[str, object]:
    from stackwise.cli.questions import ask_profile

    try:
        return ask_profile(regions)
    except (typer.Abort, EOFError, KeyboardInterrupt):
        typer.echo("\nCancelled; nothing was saved.", err=True)
        raise typer.Exit(130) from None


def _save(path: Path, data: dict[str, object]) -> None:
    import yaml

    try:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot write ({exc.strerror})")
    typer.echo(f"saved your answers to {path}", err=True)
