"""WebSocket measurements against a real room server running in its own process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from stackwise.lab.measure_ws import (
    WebSocketMeasurementError,
    measure_broadcast,
    measure_idle_memory,
)

ROOM_SERVER = """
import asyncio, sys
from websockets.asyncio.server import broadcast, serve

room = set()

async def handler(ws):
    room.add(ws)
    try:
        async for message in ws:
            broadcast(room, message)
    finally:
        room.discard(ws)

async def main():
    async with serve(handler, "127.0.0.1", int(sys.argv[1]), ping_interval=None):
        await asyncio.Future()

asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def room() -> Iterator[tuple[str, int]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", ROOM_SERVER, str(port)])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"ws://127.0.0.1:{port}/ws", server.pid
    server.kill()
    server.wait()


def test_holding_idle_connections_shows_up_as_memory_growth(room: tuple[str, int]) -> None:
    url, pid = room
    memory = measure_idle_memory(url, [pid], connections=300)
    assert memory.connections == 300
    assert memory.rss_after_kb > memory.rss_before_kb
    assert memory.rss_per_1000_kb == pytest.approx(
        (memory.rss_after_kb - memory.rss_before_kb) * 1000 / 300, abs=0.1
    )


def test_every_round_reaches_every_client_of_the_room(room: tuple[str, int]) -> None:
    url, _ = room
    latency = measure_broadcast(url, clients=25, rounds=5)
    assert latency.clients == 25
    assert len(latency.rounds_ms) == 5
    assert 0 < latency.median_ms <= latency.max_ms


def test_an_app_without_a_websocket_is_a_clear_measurement_error() -> None:
    with pytest.raises(WebSocketMeasurementError, match="broadcast to 2 clients"):
        measure_broadcast(f"ws://127.0.0.1:{free_port()}/ws", clients=2, rounds=1)
