"""The one wait-until-ready helper: poll a probe until it answers, a process dies or time runs out."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Sequence

import httpx


class NotReady(RuntimeError):
    """What was started exited or never answered; the message says which."""


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts TCP connections on host:port."""
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def answers_200(url: str) -> bool:
    """True when GET url answers 200 (a refused or reset connection is simply not ready yet)."""
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def wait_until_ready(
    probe: Callable[[], bool],
    processes: Sequence[subprocess.Popen[bytes]],
    timeout_s: float,
    what: str,
) -> None:
    """Return once `probe()` is true; raise NotReady when a process exits first or on timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        crashed = [p for p in processes if p.poll() is not None]
        if crashed:
            raise NotReady(f"{what} exited with {crashed[0].returncode}")
        if probe():
            return
        time.sleep(0.05)
    raise NotReady(f"{what} did not answer within {timeout_s:.0f} s")
