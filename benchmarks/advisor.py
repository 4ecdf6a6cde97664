"""Benchmark the advisor core and the CLI start, as ratios to baselines of the same run."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import stackwise
from stackwise.advisor.engine import recommend
from stackwise.advisor.errors import read_profile_file
from stackwise.knowledge import load_knowledge

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORE_GOAL_MS = 1.0
FULL_GOAL_MS = 50.0
CLI_GOAL_RATIO = 2.0
ONE_MODEL = (
    "import pydantic, typer\nclass Answer(pydantic.BaseModel):\n    value: int\nAnswer(value=1)"
)


def _median_ms(action: object, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def _wall_ms(command: list[str], runs: int) -> float:
    """The fastest of several runs: start-up time is a floor that noise only adds to."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append((time.perf_counter() - start) * 1000)
    return min(timings)


def main() -> None:
    """Print per-profile timings and the CLI ratio, with the goals beside them."""
    knowledge = load_knowledge()
    profiles = sorted(EXAMPLES.glob("*.yaml"))
    print(f"advisor core, {len(profiles)} example profiles (median ms)")
    print(f"{'profile':34} {'core':>8} {'full':>8}")
    core_all, full_all = [], []
    for path in profiles:
        profile = read_profile_file(path)
        core = _median_ms(
            lambda p=profile: recommend(p, knowledge, robustness_samples=0, flips=False), 300
        )
        full = _median_ms(lambda p=profile: recommend(p, knowledge), 20)
        core_all.append(core)
        full_all.append(full)
        print(f"{path.stem:34} {core:8.3f} {full:8.2f}")
    print(
        f"worst core {max(core_all):.3f} ms (goal <= {CORE_GOAL_MS}), "
        f"worst with robustness and flips {max(full_all):.2f} ms (goal <= {FULL_GOAL_MS})"
    )
    # Byte-compile first, as an install does: a run without .pyc files measures the compiler.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(stackwise.__file__).parent)],
        check=True,
        capture_output=True,
    )
    command = str(Path(sys.executable).with_name("stackwise"))
    baseline = _wall_ms([sys.executable, "-c", "import pydantic, typer"], 15)
    one_model = _wall_ms([sys.executable, "-c", ONE_MODEL], 15)
    cli = _wall_ms([command, "advise", "--profile", str(profiles[0]), "--format", "json"], 15)
    print(
        f"CLI advise --format json (fastest of 15): {cli:.0f} ms; `import pydantic, typer`: {baseline:.0f} ms; "
        f"ratio {cli / baseline:.2f} (goal <= {CLI_GOAL_RATIO})"
    )
    # `import pydantic` is lazy: the first model class pulls in the rest of it. This floor shows
    # how much of the ratio any program that validates with Pydantic pays before its own work.
    print(
        f"floor for comparison: the same imports plus one validated one-field model: {one_model:.0f} ms, "
        f"ratio {one_model / baseline:.2f}; CLI against that floor: {cli / one_model:.2f}"
    )


if __name__ == "__main__":
    main()
