"""Web fixtures: a valid profile, a posted assessment, no rate limit unless a test sets one."""

from __future__ import annotations

import pytest

SAAS = {
    "name": "Invoicing SaaS",
    "product": "saas",
    "needs": ["admin_panel"],
    "team": {"languages": ["python"], "size": 2},
    "budget_eur": 9000,
    "deadline_weeks": 8,
}


@pytest.fixture(autouse=True)
def _test_settings(settings):  # type: ignore[no-untyped-def]
    """No rate limits unless a test sets one; static files served from the source folders
    (the hashed manifest of `make run` is checked by test_serving.py)."""
    settings.ASSESSMENT_RATE_LIMIT = None
    settings.BOOKING_RATE_LIMIT = None
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def assessment(db):  # type: ignore[no-untyped-def]
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge
    from stackwise.web.assessments.models import Assessment

    return Assessment.record(recommend(parse_profile(SAAS), load_knowledge()))
