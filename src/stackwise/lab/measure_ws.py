"""WebSocket room measurements: memory per idle connection and broadcast latency to N clients.

Both open real connections from one asyncio client process, in bounded batches and with
timeouts, so a slow or broken app makes a measurement fail rather than hang the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from stackwise.lab.measure_process import tree_rss_kb

CONNECT_BATCH = 100
CONNECT_TIMEOUT_S = 10.0
MESSAGE_TIMEOUT_S = 10.0
SETTLE_S = 1.0


class WebSocketMeasurementError(RuntimeError):
    """The app's WebSocket room did not accept the connections or deliver the messages."""


@dataclass(frozen=True)
class IdleMemory:
    """Memory of the app's process tree before and after holding idle connections."""

    connections: int
    rss_before_kb: int
    rss_after_kb: int

    @property
    def rss_per_1000_kb(self) -> float:
        """Growth per 1,000 connections (can be slightly negative when the runtime frees memory)."""
        return round((self.rss_after_kb - self.rss_before_kb) * 1000 / self.connections, 1)


@dataclass(frozen=True)
class BroadcastLatency:
    """Time from one client's send until every client in the room has the message."""

    clients: int
    rounds_ms: list[float]

    @property
    def median_ms(self) -> float:
        return round(statistics.median(self.rounds_ms), 3)

    @property
    def max_ms(self) -> float:
        return round(max(self.rounds_ms), 3)


async def _open(url: str, count: int) -> list[ClientConnection]:
    opened: list[ClientConnection] = []
    try:
        for start in range(0, count, CONNECT_BATCH):
            batch = min(CONNECT_BATCH, count - start)
            opened += await asyncio.gather(
                *(
                    connect(url, open_timeout=CONNECT_TIMEOUT_S, ping_interval=None, max_queue=None)
                    for _ in range(batch)
                )
            )
    except BaseException:
        await _close(opened)
        raise
    return opened


async def _close(connections: Sequence[ClientConnection]) -> None:
    async def close_one(ws: ClientConnection) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.close(), 5)

    await asyncio.gather(*(close_one(ws) for ws in connections))


async def _idle_memory(url: str, root_pids: list[int], connections: int) -> IdleMemory:
    await asyncio.sleep(SETTLE_S)
    before = tree_rss_kb(root_pids)
    opened = await _open(url, connections)
    try:
        await asyncio.sleep(SETTLE_S)
        after = tree_rss_kb(root_pids)
    finally:
        await _close(opened)
    return IdleMemory(connections, before, after)


async def _broadcast(url: str, clients: int, rounds: int) -> BroadcastLatency:
    room = await _open(url, clients)
    try:
        rounds_ms: list[float] = []
        for number in range(rounds):
            message = f"stackwise-round-{number}"
            started = time.perf_counter()
            await room[0].send(message)

            async def receive(ws: ClientConnection, expected: str = message) -> None:
                # Skip anything else the room carries (nothing should, but a stray echo must not
                # be mistaken for this round's message).
                while await ws.recv() != expected:
                    pass

            await asyncio.wait_for(asyncio.gather(*(receive(ws) for ws in room)), MESSAGE_TIMEOUT_S)
            rounds_ms.append((time.perf_counter() - started) * 1000)
    finally:
        await _close(room)
    return BroadcastLatency(clients, rounds_ms)


def _run(coroutine: Any, what: str) -> Any:
    try:
        return asyncio.run(coroutine)
    except Exception as exc:  # refused, timed out, or websockets' handshake and protocol errors
        raise WebSocketMeasurementError(f"{what}: {type(exc).__name__}: {exc}") from None


def measure_idle_memory(url: str, root_pids: list[int], connections: int) -> IdleMemory:
    """Open `connections` idle clients and read how much the app's process tree grew."""
    result: IdleMemory = _run(
        _idle_memory(url, root_pids, connections), f"{connections} idle connections to {url}"
    )
    return result


def measure_broadcast(url: str, clients: int, rounds: int) -> BroadcastLatency:
    """Send `rounds` messages into a room of `clients` and time delivery to all of them."""
    result: BroadcastLatency = _run(
        _broadcast(url, clients, rounds), f"broadcast to {clients} clients at {url}"
    )
    return result
