"""A consultant's knowledge folder with a mistake: exit 2 with one line naming the file and field."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from stackwise.knowledge.loader import DATA_DIR
from tests.helpers.cli import EXAMPLES, run


def _append(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes((folder / name).read_bytes() + data)


def _replace(name: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(text)


def _folder_named(name: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).mkdir()

    return change


def _cold_start_as_text(folder: Path) -> None:
    """The evidence file the advisor reads, with a cold start written as text."""
    path = folder / "evidence.json"
    data = json.loads(path.read_text())
    data["capacity"]["django"]["cold_start_ms"] = "slow"
    path.write_text(json.dumps(data))


BROKEN = {
    "non-utf8-toml": (_append("sources.toml", b"\xff\xfe"), "sources.toml: not UTF-8 text"),
    "toml-that-is-a-folder": (_folder_named("stacks.toml"), "stacks.toml: is a folder"),
    "sources-is-a-number": (
        _replace("sources.toml", "sources = 5\n"),
        "sources.toml: sources: must be tables",
    ),
    "stack-is-a-number": (
        _replace("stacks.toml", "[stacks]\ndjango = 1\n"),
        "stacks.toml: stacks.django: must be a table",
    ),
    "factor-missing-fields": (
        _replace("factors.toml", "[factors.x]\nscore = 'a'\n"),
        "factors.toml: factors.x.",
    ),
    "evidence-a-list": (
        _replace("evidence.json", "[1, 2]"),
        "evidence.json: expected a JSON object",
    ),
    "evidence-not-json": (_replace("evidence.json", "{nope"), "evidence.json: not valid JSON"),
    "evidence-a-folder": (_folder_named("evidence.json"), "evidence.json: cannot be read"),
    "cold-start-as-text": (
        _cold_start_as_text,
        "evidence.json: capacity.django.cold_start_ms: ",
    ),
    "a-raw-run-instead-of-evidence": (
        lambda folder: (folder / "evidence.json").rename(folder / "lab-results.json"),
        "lab-results.json: a raw lab run is not read as evidence; make evidence.json from it "
        "with `stackwise lab publish",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_knowledge_folder_exits_2_naming_the_file(tmp_path, case):
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    change, expected = BROKEN[case]
    change(folder)
    result = run(
        "advise",
        "-p",
        str(EXAMPLES / "saas-python-team.yaml"),
        "-f",
        "json",
        "--knowledge",
        str(folder),
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], lines
