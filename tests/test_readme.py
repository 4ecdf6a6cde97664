"""The README's examples are run, so what it shows is what users get."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STACKWISE = str(Path(sys.executable).with_name("stackwise"))


def _console_examples() -> list[tuple[str, list[str]]]:
    text = (ROOT / "README.md").read_text()
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        lines = block.rstrip("\n").split("\n")
        command = lines[0].removeprefix("$ ")
        examples.append((command, [line.rstrip() for line in lines[1:]]))
    return examples


def test_readme_console_examples_print_what_the_readme_shows(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "typo.yaml").write_text("product: saass\n")
    examples = _console_examples()
    assert len(examples) >= 2
    for command, expected in examples:
        args = shlex.split(command)
        assert args[0] == "stackwise"
        result = subprocess.run(
            [STACKWISE, *args[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "100"},
        )
        shown = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
        for line in expected:
            # The knowledge version is a content hash: it changes with every knowledge edit.
            if line.strip() and line.strip() != "..." and not line.startswith("Knowledge version"):
                assert line in shown, f"README line not printed by `{command}`: {line!r}"


def test_readme_documents_every_cli_command():
    readme = (ROOT / "README.md").read_text()
    for command in (
        "stackwise advise",
        "stackwise compare",
        "stackwise knowledge check",
        "stackwise lab verify",
        "stackwise lab run",
        "--knowledge",
        "--save",
        "--format",
        "--output",
    ):
        assert command in readme
