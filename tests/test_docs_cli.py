"""The CLI and its docs agree both ways: every command and option is documented, and every
option the docs show on a command exists on that command (datasette fails its build the same way).

The command tree is read from the Typer app itself, so a new option fails here until the README
or a page under docs/ mentions it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from stackwise.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _commands(command: Any = None, path: tuple[str, ...] = ("stackwise",)) -> Iterator[Any]:
    """Every command of the tree with its full name, groups included."""
    command = command or typer.main.get_command(app)
    yield " ".join(path), command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands())


def _long_options(command: Any) -> set[str]:
    return {
        flag
        for param in command.params
        if param.param_type_name == "option"
        for flag in (*param.opts, *param.secondary_opts)
        if flag.startswith("--")
    } | {"--help"}


def _documented() -> str:
    return "\n".join(page.read_text() for page in DOCS)


def _shown_invocations(text: str) -> Iterator[tuple[str, str]]:
    """(command, the rest of the line) for each `stackwise ...` the docs show, longest name first."""
    names = sorted(COMMANDS, key=len, reverse=True)
    for match in re.finditer(r"(?<![\w/.-])stackwise(?![\w.\[/-])[^`\n]*", text):
        shown = match.group(0)
        # "stackwise: Team chat ..." (the name in a panel title) is the top command's
        name = next((n for n in names if shown == n or shown.startswith(n + " ")), "stackwise")
        yield name, shown[len(name) :]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented(name):
    assert name in _documented(), f"`{name}` is in no page of the docs"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_a_command_is_documented(name):
    text = _documented()
    undocumented = sorted(o for o in _long_options(COMMANDS[name]) - {"--help"} if o not in text)
    assert undocumented == [], f"`{name}` options in no page of the docs"


def test_every_option_the_docs_show_exists_on_its_command():
    shown = list(_shown_invocations(_documented()))
    assert len(shown) > 20
    wrong = sorted(
        {
            f"{name} {option}"
            for name, rest in shown
            for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", rest)
            if option not in _long_options(COMMANDS[name])
        }
    )
    assert wrong == [], "the docs show options these commands do not have"


def test_a_made_up_option_in_the_docs_would_be_caught():
    ((name, rest),) = _shown_invocations("run `stackwise advise --profile p.yaml --colour red`")
    assert name == "stackwise advise"
    assert "--colour" not in _long_options(COMMANDS[name])
    assert "--profile" in _long_options(COMMANDS[name])
