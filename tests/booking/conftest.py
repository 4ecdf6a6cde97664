"""Booking fixtures: a free slot, a real SMTP server the site sends through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from tests.booking.mailbox import Inbox
from tests.helpers.network import free_port
from tests.helpers.site_fixtures import _test_settings, assessment  # noqa: F401 - fixtures


@pytest.fixture
def free_slot(db):  # type: ignore[no-untyped-def]
    from stackwise.booking.availability import open_slots

    return open_slots()[0]


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback (aiosmtpd) that the site sends through."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    settings.BOOKING_MAIL_RETRY_SECONDS = 0  # retries due at once, so the batch worker runs them
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _confirm_by_email(settings):  # type: ignore[no-untyped-def]
    """Most of this suite follows a booking through the e-mail confirmation (the
    BOOKING_CONFIRM_BY_EMAIL setting): its holds, links and expiry. The default, a call booked
    at once, is test_booked_at_once.py's, which turns this off."""
    settings.BOOKING_CONFIRM_BY_EMAIL = True
