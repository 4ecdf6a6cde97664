"""axe-core on every page the site owns, at desktop and phone width: no serious or critical
violation (axe's own impact levels), including the questionnaire showing its errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.prerequisites import require

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1366, 800), "phone": (390, 844)}
PAGES = {
    "home": "/",
    "assess": "/assess/",
    "compare": "/compare/",
    "evidence": "/evidence/",
    "api-docs": "/api/docs",
    "not-found": "/no-such-page/",
}


@pytest.fixture(scope="module")
def axe() -> Any:
    """axe-core as shipped in axe-playwright-python (no network: the script is in the wheel)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require("axe-playwright-python (pip install axe-playwright-python)")
    return Axe()


@pytest.fixture(params=list(SIZES))
def page(request: Any, browser: Any) -> Iterator[Any]:
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


def serious(axe: Any, page: Any) -> list[str]:
    """The serious and critical violations, each with the first offending element."""
    violations = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


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


@pytest.mark.parametrize("name", [*PAGES, "result", "result-what-if"])
def test_no_serious_or_critical_violation(live_server, page, axe, name):
    if name.startswith("result"):
        assessment = _stored_assessment()
        path = f"/assessments/{assessment.id}/"
        if name == "result-what-if":
            path += f"?was={_stored_assessment().id}"
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
