"""The busy-machine check and the load-core saturation check read the real CPU counters."""

from __future__ import annotations

import os
import time

from stackwise.lab.machine_load import CoreUsage, MachineState, machine_state, wait_until_quiet


def test_the_machine_state_reports_shares_and_the_load_average() -> None:
    state = machine_state(window_s=0.2)
    assert 0 <= state.busy_share <= 1 and 0 <= state.steal_share <= 1
    assert state.load_average_1m >= 0


def test_a_busy_machine_is_named_in_a_warning_and_a_quiet_one_is_not() -> None:
    busy = MachineState(load_average_1m=9.5, busy_share=0.8, steal_share=0.0, waited_s=30)
    assert busy.busy
    assert "80% of the CPU in use" in (busy.warning() or "")
    assert "after waiting 30 s" in (busy.warning() or "")
    assert MachineState(0.1, 0.05, 0.0, 0.0).warning() is None


def test_waiting_gives_up_after_the_limit_and_says_how_long_it_waited() -> None:
    started = time.monotonic()
    state = wait_until_quiet(max_wait_s=0, window_s=0.2)
    assert time.monotonic() - started < 2
    assert state.waited_s <= 0.5


def test_a_core_kept_busy_is_reported_saturated() -> None:
    core = sorted(os.sched_getaffinity(0))[0]
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, [core])
    try:
        with CoreUsage([core]) as usage:
            deadline = time.monotonic() + 0.5
            while time.monotonic() < deadline:
                pass
    finally:
        os.sched_setaffinity(0, before)
    assert usage.busy_share >= 0.9
    assert "load core(s) were" in (usage.warning() or "")
