"""Ctrl-C that always stops a lab run, even when Python swallows the interrupt it raised.

Python raises KeyboardInterrupt wherever the main thread happens to be. Inside a `__del__`
(a database connection being collected, say) it is printed and dropped, and the run would carry
on and exit 0. So the signal is also remembered, and checked at every step of the run.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


class CtrlC:
    """Remembers a SIGINT; `check()` raises KeyboardInterrupt once one has arrived."""

    def __init__(self) -> None:
        self.seen = False

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt

    def checked(self, step: Callable[[str, float], None]) -> Callable[[str, float], None]:
        """A progress callback that first stops the run if Ctrl-C was pressed."""

        def tick(what: str, seconds: float) -> None:
            self.check()
            step(what, seconds)

        return tick


@contextmanager
def ctrl_c_stops() -> Iterator[CtrlC]:
    """Install the remembering handler for the block; a swallowed Ctrl-C raises at its end."""
    ctrl_c = CtrlC()
    previous = signal.signal(signal.SIGINT, ctrl_c._handle)
    try:
        yield ctrl_c
        ctrl_c.check()
    finally:
        signal.signal(signal.SIGINT, previous)
