"""Thirty visitors race for one slot against a live gunicorn: one booking, twenty-nine 409s."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.helpers.served import served_site

ROOT = Path(__file__).resolve().parents[2]
RACERS = 30
SERVER = {"workers": 3, "threads": 4, "env": {"BOOKING_RATE_LIMIT": "off"}}


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
    with served_site(
        tmp_path, database_url=f"sqlite:///{tmp_path / 'race.sqlite3'}", **SERVER
    ) as base:
        assert race(base) == Counter({201: 1, 409: RACERS - 1})


@pytest.mark.postgres
def test_one_slot_is_booked_once_on_postgresql(postgres, tmp_path):
    with served_site(tmp_path, database_url=postgres.create_database("race"), **SERVER) as base:
        assert race(base) == Counter({201: 1, 409: RACERS - 1})
