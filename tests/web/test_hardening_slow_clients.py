"""Slow clients cannot starve the site: fifty connections trickling a body or headers one byte
a second while /healthz and a real assessment still answer within a second."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.helpers.samples import SAAS
from tests.helpers.served import served_site

pytestmark = pytest.mark.slow
CLIENTS = 50
HELD_SECONDS = 20.0
ANSWER_WITHIN_SECONDS = 1.0


def _opening(kind: int, host: str) -> bytes:
    """Half the clients start a 60 000-byte JSON body, half a request whose headers never end."""
    if kind % 2:
        return (
            f"POST /api/assessments HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"
        ).encode()
    return f"GET /book/ HTTP/1.1\r\nHost: {host}\r\n".encode()


@contextmanager
def slow_clients(base: str, count: int, seconds: float) -> Iterator[list[socket.socket]]:
    """`count` loopback connections, each sending one more byte (or header line) a second until
    `seconds` have passed or the block ends; then all are closed. Bounded and self-stopping."""
    address = urlsplit(base)
    assert address.hostname == "127.0.0.1"  # loopback only
    host = f"{address.hostname}:{address.port}"
    sockets = []
    for kind in range(count):
        conn = socket.create_connection((address.hostname, address.port), timeout=5)
        conn.sendall(_opening(kind, host))
        sockets.append(conn)
    stop = threading.Event()

    def trickle() -> None:
        deadline = time.monotonic() + seconds
        tick = 0
        while not stop.wait(1.0) and time.monotonic() < deadline:
            tick += 1
            for kind, conn in enumerate(sockets):
                more = b" " if kind % 2 else f"X-Slow-{tick}: 1\r\n".encode()
                with contextlib.suppress(OSError):  # closed by the server: that client is done
                    conn.sendall(more)

    sender = threading.Thread(target=trickle, daemon=True)
    sender.start()
    try:
        yield sockets
    finally:
        stop.set()
        sender.join(timeout=5)
        for conn in sockets:
            conn.close()


def probe_while_held(base: str, seconds: float) -> list[float]:
    """Seconds each /healthz and each assessment took while the slow clients are held (a
    request that gets no answer counts as its timeout, 5 s)."""
    timings = []
    deadline = time.monotonic() + seconds
    with httpx.Client(timeout=5) as client:
        while time.monotonic() < deadline:
            for method, path, body in (
                ("GET", "/healthz", None),
                ("POST", "/api/assessments", SAAS),
            ):
                began = time.monotonic()
                try:
                    answer = client.request(method, base + path, json=body)
                    assert answer.status_code in (200, 201), answer.text
                except httpx.TimeoutException:
                    pass
                timings.append(time.monotonic() - began)
            time.sleep(1.0)
    return timings


def test_fifty_slow_clients_leave_health_and_assessments_answering_within_a_second(tmp_path):
    # The body deadline is raised above the hold so that every client stays for the whole test.
    env = {"REQUEST_BODY_TIMEOUT": "60", "ASSESSMENT_RATE_LIMIT": "off"}
    with (
        served_site(tmp_path, workers=2, env=env) as base,
        slow_clients(base, CLIENTS, HELD_SECONDS),
    ):
        time.sleep(2.0)  # every slow client has sent its opening and waits
        timings = probe_while_held(base, HELD_SECONDS - 4)
    assert len(timings) >= 10
    assert max(timings) < ANSWER_WITHIN_SECONDS, timings


def test_a_body_slower_than_the_deadline_is_refused_with_408(tmp_path):
    with served_site(Path(tmp_path), workers=1, env={"REQUEST_BODY_TIMEOUT": "1"}) as base:
        address = urlsplit(base)
        with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
            conn.sendall(_opening(1, f"{address.hostname}:{address.port}"))
            began = time.monotonic()
            answer = conn.recv(4096).decode()
        assert answer.startswith("HTTP/1.1 408") and "within 1 seconds" in answer
        assert time.monotonic() - began < 5
        assert httpx.get(f"{base}/healthz").status_code == 200
