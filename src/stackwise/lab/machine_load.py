"""How busy the machine is: before a measurement (others' work skews it) and on the load cores
during one (a saturated load side caps the figure, whatever the app could do)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil

# Other work using more than this share of the machine counts as busy.
BUSY_SHARE = 0.25
# CPU steal above this share means the hypervisor is taking the cores away.
STEAL_SHARE = 0.05
# A load core busier than this caps the figure.
LOAD_CORE_SATURATED = 0.9


@dataclass(frozen=True)
class MachineState:
    """The machine just before a measurement."""

    load_average_1m: float
    busy_share: float  # of all cores, over the sampling window
    steal_share: float
    waited_s: float

    @property
    def busy(self) -> bool:
        return self.busy_share > BUSY_SHARE or self.steal_share > STEAL_SHARE

    def warning(self) -> str | None:
        """What a reader of the figure should know, or None when the machine was quiet."""
        if not self.busy:
            return None
        return (
            f"the machine was busy before measuring ({self.busy_share:.0%} of the CPU in use, "
            f"{self.steal_share:.0%} stolen, load average {self.load_average_1m:.2f}"
            f"{f', after waiting {self.waited_s:.0f} s' if self.waited_s else ''}): "
            "the figure may be low"
        )


def _shares(before: Any, after: Any) -> tuple[float, float]:
    """Busy and stolen shares of CPU time between two psutil.cpu_times() readings."""
    deltas = {name: getattr(after, name) - getattr(before, name) for name in after._fields}
    total = sum(deltas.values()) or 1.0
    idle = deltas.get("idle", 0.0) + deltas.get("iowait", 0.0)
    return 1 - idle / total, deltas.get("steal", 0.0) / total


def machine_state(window_s: float = 1.0) -> MachineState:
    """CPU in use and stolen over `window_s`, with the 1-minute load average."""
    before = psutil.cpu_times()
    time.sleep(window_s)
    busy, steal = _shares(before, psutil.cpu_times())
    return MachineState(round(os.getloadavg()[0], 2), round(busy, 3), round(steal, 3), 0.0)


def wait_until_quiet(
    max_wait_s: float, check: Callable[[], None] = lambda: None, window_s: float = 1.0
) -> MachineState:
    """Sample until the machine is quiet or `max_wait_s` has passed; `check` runs between samples
    (the run's Ctrl-C check)."""
    started = time.monotonic()
    while True:
        state = machine_state(window_s)
        waited = time.monotonic() - started - window_s  # the first sample is not a wait
        if not state.busy or waited >= max_wait_s:
            return MachineState(
                state.load_average_1m, state.busy_share, state.steal_share, round(waited, 1)
            )
        check()


class CoreUsage:
    """Busy share of chosen cores over a window: `with CoreUsage([1]) as u: ...; u.busy_share`."""

    def __init__(self, cpus: list[int]) -> None:
        self.cpus = cpus
        self.busy_share = 0.0

    def __enter__(self) -> CoreUsage:
        self._before = psutil.cpu_times(percpu=True)
        return self

    def __exit__(self, *exc: object) -> None:
        after = psutil.cpu_times(percpu=True)
        shares = [_shares(self._before[c], after[c])[0] for c in self.cpus if c < len(after)]
        self.busy_share = round(max(shares, default=0.0), 3)

    def warning(self) -> str | None:
        """A warning when the busiest of the cores was saturated."""
        if self.busy_share < LOAD_CORE_SATURATED:
            return None
        return (
            f"the load core(s) were {self.busy_share:.0%} busy (wrk, the upstream stub and "
            "PostgreSQL): the figure may measure the load side, not the app"
        )
