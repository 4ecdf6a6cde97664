"""Benchmark the advisor core on the example profiles, with and without its explanations."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stackwise.advisor import read_profile_file, recommend
from stackwise.knowledge import load_knowledge

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORE_GOAL_MS = 1.0
FULL_GOAL_MS = 50.0


def _median_ms(action: Callable[[], Any], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    """Print per-profile timings with the goals beside them."""
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


if __name__ == "__main__":
    main()
