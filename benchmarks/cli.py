"""Benchmark the CLI start against the floor every Typer + Pydantic program pays.

The issue's floor imports Typer and Pydantic, defines one model and validates one object;
`stackwise advise --format json` on an example is measured against it in the same run (goal 1.3).
Two more lines say where the difference goes: `advise --help` is the start-up alone (every
import and the command's options, no profile read), and the proposed measure compares the run
with what any tool doing the same job pays: a minimal Typer + Pydantic + PyYAML command on the
same file (`cli_floor.py`) plus the advice itself, counted in-process. Counted in CPU
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
TOOL_FLOOR = Path(__file__).with_name("cli_floor.py")
GOAL_RATIO = 1.3
WALL_RUNS = 30
FLOOR = (
    "import pydantic, typer\n"
    "class Answer(pydantic.BaseModel):\n"
    "    value: int\n"
    "Answer.model_validate({'value': 1})\n"
)
# The advice alone: the same program with and without `recommend`, so imports cancel out.
ADVICE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from stackwise.advisor import read_profile_file, recommend\n"
    "from stackwise.knowledge import load_knowledge\n"
    "profile, knowledge = read_profile_file(Path(sys.argv[1])), load_knowledge()\n"
    "if sys.argv[2] == 'advise':\n"
    "    recommend(profile, knowledge)\n"
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
    """Print each cost and the ratios, with the goal."""
    # Byte-compile first, as an install does: a run without .pyc files measures the compiler.
    package = str(Path(stackwise.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    script = str(Path(sys.executable).with_name("stackwise"))  # the installed console script
    cli = [sys.executable, script, "advise"]
    if shutil.which("valgrind"):
        unit, measure = "instructions", _instructions
    else:
        unit, measure = "ms (fastest of 30)", _fastest_ms
    floor = measure([sys.executable, "-c", FLOOR])
    run = measure([*cli, "-p", str(EXAMPLE), "-f", "json"])
    start = measure([*cli, "--help"])
    tool = measure([sys.executable, str(TOOL_FLOOR), "advise", "-p", str(EXAMPLE)])
    without, with_advice = (
        measure([sys.executable, "-c", ADVICE, str(EXAMPLE), step]) for step in ("load", "advise")
    )
    advice = with_advice - without
    ratio = run / floor
    print(f"CLI start, in {unit}")
    print(f"  floor (import typer + pydantic, one model, one validation): {floor:,.0f}")
    print(f"  stackwise advise --format json:                               {run:,.0f}")
    print(f"  ratio {ratio:.2f} (goal <= {GOAL_RATIO}) {'ok' if ratio <= GOAL_RATIO else 'OVER'}")
    print(f"  start-up alone, stackwise advise --help: {start:,.0f} = {start / floor:.2f}x floor")
    print("  proposed measure: the run against a minimal tool doing the same job plus the advice")
    print(f"    Typer + Pydantic + PyYAML command reading the same file: {tool:,.0f}")
    print(f"    the advice itself (recommend, in-process):                {advice:,.0f}")
    print(f"    ratio {run / (tool + advice):.2f}")


if __name__ == "__main__":
    main()
