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
def _no_rate_limit(settings):  # type: ignore[no-untyped-def]
    settings.ASSESSMENT_RATE_LIMIT = None
    settings.BOOKING_RATE_LIMIT = None


@pytest.fixture
def assessment(db):  # type: ignore[no-untyped-def]
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge
    from stackwise.web.assessments.models import Assessment

    return Assessment.record(recommend(parse_profile(SAAS), load_knowledge()))
