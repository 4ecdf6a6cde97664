"""docs/operating.md keeps up with the code: every setting and every variable the code reads."""

from __future__ import annotations

import re
from pathlib import Path

from stackwise.web.config import SiteSettings, settings_table

ROOT = Path(__file__).resolve().parents[2]
OPERATING = ROOT / "docs" / "operating.md"
# How the code reads a variable outside the settings object: os.environ.get("NAME", ...),
# a module's ENV_VAR = "NAME", or a Typer option's envvar="NAME".
READS = re.compile(r'environ\.get\(\s*"([A-Z_]+)"|ENV_VAR = "([A-Z_]+)"|envvar="([A-Z_]+)"')


def documented() -> dict[str, str]:
    """Variable -> its default, from the tables in docs/operating.md."""
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \| ([^|]+) \|", OPERATING.read_text(), re.M)
    return {name: default.strip() for name, default in rows}


def test_every_setting_is_documented():
    missing = set(SiteSettings.model_fields) - set(documented())
    assert not missing, f"missing from docs/operating.md (run cog -r on it): {sorted(missing)}"


def test_the_settings_table_is_the_generated_one():
    assert settings_table() in OPERATING.read_text(), "run: cog -r docs/operating.md"


def test_every_variable_the_code_reads_is_documented():
    source = ROOT / "src" / "stackwise"
    read = {
        name
        for path in source.rglob("*.py")
        if "lab/apps" not in path.as_posix()
        for match in READS.finditer(path.read_text())
        for name in match.groups()
        if name
    }
    assert read, "the pattern found no environment reads: has the code's way of reading changed?"
    missing = read - set(documented())
    assert not missing, f"read by the code but not in docs/operating.md: {sorted(missing)}"
