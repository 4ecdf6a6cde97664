"""The lab apps with several workers: the spec still holds, and the Node rooms span the cluster.

`stackwise lab verify` runs each app with one worker; a measurement on a larger machine runs
them with several, so the multi-process paths (gunicorn workers, uvicorn workers, the Node
cluster with its primary relaying WebSocket messages) are checked here.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest

from stackwise.lab.apps import APPS_DIR, Concurrency, RunningApp, install, load_app
from stackwise.lab.upstream import UpstreamStub
from stackwise.lab.verify import Verifier
from tests.helpers.waiting import wait_for

pytestmark = [pytest.mark.lab, pytest.mark.postgres, pytest.mark.slow]
APPS = APPS_DIR


def _failures(name: str, lab_db: str, workers: int) -> dict[str, str]:
    app = load_app(APPS / name)
    install(app)
    with (
        UpstreamStub(delay_ms=10) as upstream,
        RunningApp(app, lab_db, upstream.url, Concurrency(workers, 2, 2)) as running,
    ):
        checks = Verifier(running, lab_db, upstream).run()
    return {c.endpoint: c.detail for c in checks if not c.ok}


@pytest.mark.parametrize("name", ["express", "nestjs", "django"])
def test_the_app_with_two_workers_passes_every_check_including_the_room(name, lab_db, request):
    if name != "django":
        request.getfixturevalue("node")
    assert _failures(name, lab_db, workers=2) == {}


def test_fastapi_with_two_workers_passes_every_check_but_keeps_one_room_per_worker(lab_db):
    # Documented in lab/apps/fastapi/README.md: no broker, so a room is per uvicorn worker.
    assert set(_failures("fastapi", lab_db, workers=2)) <= {"ws"}


async def _until(socket, text: str) -> str:  # type: ignore[no-untyped-def]
    """Read a client's messages until `text` arrives (other clients' joins come first)."""
    while (message := await asyncio.wait_for(socket.recv(), timeout=5)) != text:
        pass
    return message


async def _everyone_hears(url: str, clients: int) -> list[str]:
    import websockets

    tag = uuid.uuid4().hex[:8]
    sockets = [await websockets.connect(url) for _ in range(clients)]
    try:
        # A client that hears its own join back is in its worker's room: no guessing how long.
        for n, s in enumerate(sockets):
            await s.send(f"join {tag} {n}")
            await _until(s, f"join {tag} {n}")
        text = f"hello {tag}"
        await sockets[-1].send(text)
        return [await _until(s, text) for s in sockets]
    finally:
        for s in sockets:
            await s.close()


@pytest.mark.parametrize("name", ["express", "nestjs"])
def test_a_message_reaches_clients_spread_over_three_node_workers(name, lab_db, node):
    app = load_app(APPS / name)
    install(app)
    with (
        UpstreamStub(delay_ms=10) as upstream,
        RunningApp(app, lab_db, upstream.url, Concurrency(3, 0, 2)) as running,
    ):
        # `/json` answered from the first worker; the primary logs each worker that listens.
        wait_for(
            lambda: "listening (3 of 3)" in running.log_path.read_text(),
            "all three workers to listen",
        )
        # The cluster hands connections to workers in turn, so six clients land on all three.
        received = asyncio.run(_everyone_hears(running.ws_url, clients=6))
    assert len(set(received)) == 1 and received[0].startswith("hello ")
