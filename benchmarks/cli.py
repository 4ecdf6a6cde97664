"""Benchmark the CLI start against the floor every Typer + Pydantic program pays.

The floor imports Typer and Pydantic, defines one model and validates one object; `stackwise
advise --format json` on an example is measured against it in the same run. Counted in CPU
instructions under valgrind's callgrind when it is installed (the machine's load does not move
them), else as the fastest of many wall-clock runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stackwise

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "saas-python-team.yaml"
GOAL_RATIO = 1.3
WALL_RUNS = 30
FLOOR = (
    "import pydantic, typer\n"
    "class Answer(pydantic.BaseModel):\n"
    "    value: int\n"
    "Answer.model_validate({'value': 1})\n"
)


def _instructions(command: list[str]) -> float:
    """CPU instructions the command executes, start to exit (callgrind's total)."""
    with tempfile.NamedTemporaryFile() as out:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", *command],
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no total:\n{done.stderr[-500:]}")
    return float(found[1])


def _fastest_ms(command: list[str]) -> float:
    """The fastest of WALL_RUNS runs: start-up is a floor that noise only adds to."""
    timings = []
    for _ in range(WALL_RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append((time.perf_counter() - start) * 1000)
    return min(timings)


def main() -> None:
    """Print both costs and their ratio, with the goal."""
    # Byte-compile first, as an install does: a run without .pyc files measures the compiler.
    package = str(Path(stackwise.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    floor = [sys.executable, "-c", FLOOR]
    script = str(Path(sys.executable).with_name("stackwise"))  # the installed console script
    cli = [sys.executable, script, "advise", "-p", str(EXAMPLE), "-f", "json"]
    if shutil.which("valgrind"):
        unit, measure = "instructions", _instructions
    else:
        unit, measure = "ms (fastest of 30)", _fastest_ms
    floor_cost, cli_cost = measure(floor), measure(cli)
    ratio = cli_cost / floor_cost
    print(f"CLI start, in {unit}")
    print(f"  floor (import typer + pydantic, one model, one validation): {floor_cost:,.0f}")
    print(f"  stackwise advise --format json:                               {cli_cost:,.0f}")
    print(f"  ratio {ratio:.2f} (goal <= {GOAL_RATIO}) {'ok' if ratio <= GOAL_RATIO else 'OVER'}")


if __name__ == "__main__":
    main()
