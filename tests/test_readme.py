"""The README's examples are printed by running them, so what it shows is what users get.

Each example sits in a cog block that runs the command it shows (docs/_generate.py's `console`);
`make lint` re-runs every block with `cog --check` and fails when the output has changed. These
tests hold the README to that shape, so no example can be typed by hand and rot.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# A cog block: its code (in an HTML comment) and the output generated from it.
COG_BLOCK = re.compile(r"<!-- \[\[\[cog(.*?)\]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\] -->", re.S)


def _generated(text: str) -> list[tuple[str, str]]:
    return [(code, output) for code, output in COG_BLOCK.findall(text)]


def test_every_console_example_is_generated_by_running_the_command_it_shows():
    readme = (ROOT / "README.md").read_text()
    examples = re.findall(r"```console\n\$ (.*)\n", readme)
    generated = {
        command: code
        for code, output in _generated(readme)
        for command in re.findall(r"```console\n\$ (.*)\n", output)
    }
    assert len(examples) >= 2
    for command in examples:
        assert command in generated, f"README console example typed by hand: {command!r}"
        assert f'g.console("{command}"' in generated[command], (
            f"the cog block shows {command!r} but runs something else"
        )


def test_the_example_profile_is_the_file_in_examples():
    readme = (ROOT / "README.md").read_text()
    profiles = re.findall(r"```yaml\n# (examples/\S+\.yaml)\n", readme)
    assert profiles
    for code, output in _generated(readme):
        for path in re.findall(r"```yaml\n# (examples/\S+\.yaml)\n", output):
            assert f'g.example_file("{Path(path).stem}")' in code
            profiles.remove(path)
    assert profiles == [], f"profiles copied by hand into the README: {profiles}"
