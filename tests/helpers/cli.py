"""Run the `stackwise` command as an engineer does: a real subprocess, from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STACKWISE = str(Path(sys.executable).with_name("stackwise"))


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`stackwise ARGS` with the shipped knowledge and a 100-column terminal."""
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("STACKWISE_KNOWLEDGE", None)
    return subprocess.run(
        [STACKWISE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd or ROOT,
    )
