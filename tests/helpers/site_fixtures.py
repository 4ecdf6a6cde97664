"""Fixtures the web and booking tests share, imported by their conftests (never by tests)."""

from __future__ import annotations

import pytest

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
