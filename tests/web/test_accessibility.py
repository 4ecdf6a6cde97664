"""axe-core on every page the site owns, at desktop and phone width: no serious or critical
violation (axe's own impact levels), including the questionnaire showing its errors."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.accessibility import serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/",
    "assess": "/assess/",
    "compare": "/compare/",
    "evidence": "/evidence/",
    "lab-app-source": "/evidence/apps/nestjs/",
    "api-docs": "/api/docs",
    "not-found": "/no-such-page/",
}


def _stored_assessment() -> Any:
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge
    from stackwise.web.assessments.models import Assessment

    profile = {
        "name": "Chat with AI",
        "product": "ai_product",
        "needs": ["ai_ml", "realtime"],
        "team": {"languages": ["javascript"], "size": 3},
        "scale": {"concurrent_connections": 20000},
    }
    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


@pytest.mark.parametrize("name", [*PAGES, "result", "result-what-if", "pdf-preparing"])
def test_no_serious_or_critical_violation(live_server, page, axe, name):
    if name.startswith(("result", "pdf")):
        assessment = _stored_assessment()
        path = f"/assessments/{assessment.id}/"
        if name == "result-what-if":
            path += f"?was={_stored_assessment().id}"
        if name == "pdf-preparing":  # no worker runs here: the PDF stays in preparation
            path += "report.pdf"
    else:
        path = PAGES[name]
    page.goto(f"{live_server.url}{path}")
    if name == "api-docs":
        page.wait_for_selector(".swagger-ui .opblock")
    assert serious(axe, page) == []


def test_the_questionnaire_with_errors_has_no_serious_violation(live_server, page, axe):
    page.goto(f"{live_server.url}/assess/")
    page.get_by_role("button", name="Next").click()
    page.locator("#error-summary").wait_for()
    assert serious(axe, page) == []
    page.get_by_label("A SaaS product").check()
    page.get_by_role("button", name="Next").click()
    assert serious(axe, page) == []
