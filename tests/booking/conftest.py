"""Booking fixtures: the default availability (from the data migration) and a free slot."""

from __future__ import annotations

import pytest
from tests.web.conftest import _test_settings, assessment  # noqa: F401 - shared with the web tests


@pytest.fixture
def free_slot(db):  # type: ignore[no-untyped-def]
    from stackwise.booking.availability import open_slots

    return open_slots()[0]


def form_data(slot, **changes):  # type: ignore[no-untyped-def]
    data = {
        "start": slot.start.isoformat(),
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "company": "Analytical Engines",
        "message": "We are choosing between Django and NestJS.",
        "consent": "on",
        "timezone": "Europe/London",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
