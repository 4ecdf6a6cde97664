"""Where a run happened: hardware, OS and the version of every runtime and framework, read on
the run side (it asks the PostgreSQL binaries, node and wrk) and recorded in the results."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from stackwise.lab.data.results import Machine
from stackwise.lab.postgres import PG_BIN


def _first_line(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float:
    import psutil

    return round(float(psutil.virtual_memory().total) / 1024**3, 1)


def _os_name() -> str:
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
    except OSError:
        return platform.system()


def this_machine(frameworks: dict[str, str | None], note: str) -> Machine:
    """This machine, with the framework versions the run installed and a note on the run."""
    return Machine(
        cpu_model=_cpu_model(),
        cores=os.cpu_count() or 1,
        memory_gb=_memory_gb(),
        os=_os_name(),
        kernel=platform.release(),
        python=sys.version.split()[0],
        node=_first_line(["node", "--version"]),
        postgresql=_first_line([str(PG_BIN / "postgres"), "--version"]),
        wrk=_first_line(["wrk", "-v"]),
        frameworks=frameworks,
        note=note,
    )
