"""Booking fixtures: the default availability (from the data migration) and a free slot."""

from __future__ import annotations

import pytest

from tests.helpers.site_fixtures import _test_settings, assessment  # noqa: F401 - fixtures


@pytest.fixture
def free_slot(db):  # type: ignore[no-untyped-def]
    from stackwise.booking.availability import open_slots

    return open_slots()[0]
