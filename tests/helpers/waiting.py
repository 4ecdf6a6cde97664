"""Waiting for something that happens on another process's time, without a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(check: Callable[[], bool], what: str, seconds: float = 90) -> None:
    """Poll until the check holds; fail naming what never happened."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)  # a poll interval
