"""Profiles that are mistakes or attacks: each exits 2 with one short line, and reading is fast."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from stackwise.advisor import ProfileError, read_profile_file
from tests.helpers.cli import run

BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["product: saas", "name: *i"]
)


def hostile(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Name -> (profile path, what the one line must say)."""
    files: dict[str, tuple[Path, str]] = {}

    def write(name: str, content: str | bytes, expected: str, suffix: str = ".yaml") -> None:
        path = tmp_path / f"{name}{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        files[name] = (path, expected)

    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    files["symlink-to-dev-zero"] = (zero, "is not a regular file")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    files["fifo"] = (fifo, "is not a regular file")
    write("too-large", "product: saas\n" + "# padding\n" * 8000, "is larger than 64 KB")
    write("alias-bomb", BOMB, "aliases (*name) are not allowed")
    write("deep-yaml", "product: saas\nname: " + "[" * 2000 + "]" * 2000, "nests deeper than")
    write(
        "deep-json",
        '{"product": "saas", "name": ' + "[" * 2000 + "]" * 2000 + "}",
        "nests deeper than",
        ".json",
    )
    write("duplicate-key", "product: saas\nproduct: small_api\n", "the key 'product' appears twice")
    write(
        "duplicate-json-key",
        '{"product": "saas", "product": "saas"}',
        "the key 'product' appears twice",
        ".json",
    )
    write(
        "boolean-size",
        "product: saas\nteam:\n  size: true\n",
        "team.size: must be a whole number, not True",
    )
    write("yes-for-ai-later", "product: saas\nai_later: yes\n", "'yes' is not allowed")
    write(
        "yes-for-a-boolean",
        "product: saas\nteam:\n  fullstack_js: yes\n",
        "must be true or false, not 'yes'",
    )
    write("huge-name", "product: saas\nname: " + "n" * 50_000 + "\n", "(50002 chars)")
    write("not-utf8", b"product: saas\nname: \xff\xfe\n", "is not UTF-8 text")
    return files


CASES = [
    "symlink-to-dev-zero",
    "fifo",
    "too-large",
    "alias-bomb",
    "deep-yaml",
    "deep-json",
    "duplicate-key",
    "duplicate-json-key",
    "boolean-size",
    "yes-for-ai-later",
    "yes-for-a-boolean",
    "huge-name",
    "not-utf8",
]


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_profile_is_refused_within_a_second(tmp_path, case):
    path, expected = hostile(tmp_path)[case]
    start = time.perf_counter()
    with pytest.raises(ProfileError) as refused:
        read_profile_file(path)
    assert time.perf_counter() - start < 1.0
    assert expected in str(refused.value)
    assert len(str(refused.value)) < 400


@pytest.mark.parametrize("case", ["symlink-to-dev-zero", "fifo", "alias-bomb", "huge-name"])
def test_the_cli_exits_2_with_one_line(tmp_path, case):
    path, expected = hostile(tmp_path)[case]
    result = run("advise", "--profile", str(path), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and len(lines[0]) < 400
