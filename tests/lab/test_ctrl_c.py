"""Ctrl-C stops a lab run even when Python drops the KeyboardInterrupt inside a `__del__`."""

from __future__ import annotations

import gc
import os
import signal

import pytest

from stackwise.lab.ctrl_c import ctrl_c_stops


class _InterruptedWhileCollected:
    """Like a database connection closing in `__del__` at the moment the user presses Ctrl-C."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)


# Python reports the interrupt it dropped in `__del__` as an unraisable exception: expected here.
dropped_interrupt = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def _collect_during_ctrl_c() -> None:
    _InterruptedWhileCollected()
    gc.collect()


@dropped_interrupt
def test_a_swallowed_ctrl_c_still_stops_the_next_step() -> None:
    steps: list[str] = []
    with pytest.raises(KeyboardInterrupt), ctrl_c_stops() as ctrl_c:
        tick = ctrl_c.checked(lambda what, _s: steps.append(what))
        tick("first workload", 1.0)
        _collect_during_ctrl_c()  # the interrupt is printed and dropped by Python here
        tick("second workload", 1.0)
    assert steps == ["first workload"]


@dropped_interrupt
def test_a_swallowed_ctrl_c_on_the_last_step_still_raises_at_the_end() -> None:
    with pytest.raises(KeyboardInterrupt), ctrl_c_stops():
        _collect_during_ctrl_c()


def test_the_previous_handler_is_back_afterwards() -> None:
    before = signal.getsignal(signal.SIGINT)
    with ctrl_c_stops() as ctrl_c:
        ctrl_c.check()  # nothing pressed: carries on
    assert signal.getsignal(signal.SIGINT) is before
