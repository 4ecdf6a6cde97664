"""Thirty visitors race for one slot against a live gunicorn: one booking, twenty-nine 409s."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.booking.racing import race_for_one_slot
from tests.helpers.served import served_site

ROOT = Path(__file__).resolve().parents[2]
RACERS = 30
# Each uvicorn worker runs every request it has read at once, each in a thread of its own.
SERVER = {"workers": 3, "env": {"BOOKING_RATE_LIMIT": "off"}}


def test_one_slot_is_booked_once_on_sqlite(tmp_path):
    with served_site(
        tmp_path, database_url=f"sqlite:///{tmp_path / 'race.sqlite3'}", **SERVER
    ) as base:
        assert race_for_one_slot([base], RACERS) == Counter({201: 1, 409: RACERS - 1})


@pytest.mark.postgres
def test_one_slot_is_booked_once_on_postgresql(postgres, tmp_path):
    with served_site(tmp_path, database_url=postgres.create_database("race"), **SERVER) as base:
        assert race_for_one_slot([base], RACERS) == Counter({201: 1, 409: RACERS - 1})
