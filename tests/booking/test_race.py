"""Twenty visitors race for one slot against a live gunicorn: one booking, nineteen 409s."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from stackwise.lab.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
RACERS = 20


@contextmanager
def live_site(database_url: str, data_dir: Path) -> Iterator[str]:
    """Migrate a database and serve the site from it with several gunicorn workers and threads."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(data_dir),
        "BOOKING_RATE_LIMIT": "off",
        "ASSESSMENT_RATE_LIMIT": "off",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "createcachetable"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "stackwise.web.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "4",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def race(base: str) -> Counter[int]:
    slot = httpx.get(f"{base}/api/slots").json()["slots"][0]["start"]
    barrier = threading.Barrier(RACERS)
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        body = {
            "start": slot,
            "name": f"Visitor {i}",
            "email": f"v{i}@example.com",
            "consent": True,
        }
        with httpx.Client(timeout=60) as client:
            barrier.wait()
            status = client.post(f"{base}/api/bookings", json=body).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(statuses)


def test_one_slot_is_booked_once_on_sqlite(tmp_path):
    with live_site(f"sqlite:///{tmp_path / 'race.sqlite3'}", tmp_path) as base:
        assert race(base) == Counter({201: 1, 409: RACERS - 1})


@pytest.mark.postgres
def test_one_slot_is_booked_once_on_postgresql(postgres, tmp_path):
    with live_site(postgres.create_database("race"), tmp_path) as base:
        assert race(base) == Counter({201: 1, 409: RACERS - 1})
