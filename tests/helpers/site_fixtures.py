"""Fixtures the web and booking tests share, imported by their conftests (never by tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from tests.booking.mailbox import Inbox
from tests.helpers.network import free_port
from tests.helpers.samples import SAAS


@pytest.fixture(autouse=True)
def _test_settings(settings):  # type: ignore[no-untyped-def]
    """No rate limits unless a test sets one; static files served from the source folders
    (the hashed manifest of `make run` is checked by test_serving.py)."""
    settings.ASSESSMENT_RATE_LIMIT = None
    settings.BOOKING_RATE_LIMIT = None
    settings.REPORT_MAIL_RATE_LIMIT = None
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def assessment(db):  # type: ignore[no-untyped-def]
    """A stored assessment of the SaaS sample profile."""
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge
    from stackwise.web.assessments.models import Assessment

    return Assessment.record(recommend(parse_profile(SAAS), load_knowledge()))


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
