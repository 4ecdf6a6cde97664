"""The smallest honest program that does what `stackwise advise -p FILE -f json` does for a user.

One Typer command reads a YAML file into a Pydantic model and prints it as JSON: every cost a
Typer + Pydantic + PyYAML command-line tool pays to answer, without the advice itself.
`benchmarks.cli` runs it as a baseline; it is not part of the package.
"""

from pathlib import Path
from typing import Annotated

import pydantic
import typer
import yaml

app = typer.Typer(add_completion=False)


class Team(pydantic.BaseModel):
    languages: tuple[str, ...] = ()
    size: int = 1


class Profile(pydantic.BaseModel):
    name: str = ""
    product: str
    needs: tuple[str, ...] = ()
    team: Team = Team()


@app.command()
def advise(
    profile: Annotated[Path, typer.Option("--profile", "-p")],
    format: Annotated[str, typer.Option("--format", "-f")] = "json",
) -> None:
    """Read the profile and print it back as JSON."""
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    typer.echo(Profile.model_validate(data).model_dump_json(indent=2))


@app.command()
def version() -> None:
    """A second command, so that Typer builds a group as stackwise's does."""
    typer.echo("0")


if __name__ == "__main__":
    app()
