"""Booking fixtures: a free slot; the real SMTP server the site sends through is the shared one."""

from __future__ import annotations

import pytest

from tests.helpers.site_fixtures import _test_settings, assessment, smtp  # noqa: F401 - fixtures


@pytest.fixture
def free_slot(db):  # type: ignore[no-untyped-def]
    from stackwise.booking.availability import open_slots

    return open_slots()[0]


@pytest.fixture(autouse=True)
def _confirm_by_email(settings):  # type: ignore[no-untyped-def]
    """Most of this suite follows a booking through the e-mail confirmation (the
    BOOKING_CONFIRM_BY_EMAIL setting): its holds, links and expiry. The default, a call booked
    at once, is test_booked_at_once.py's, which turns this off."""
    settings.BOOKING_CONFIRM_BY_EMAIL = True
