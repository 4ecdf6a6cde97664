"""A person in a real browser at desktop (1366 px) and phone (390 px) width: every page fits
without sideways scroll, the questionnaire flows a step at a time with and without JavaScript,
errors are summarised in view, and the result reads, shares and downloads."""

from __future__ import annotations

from typing import Any

import pytest

from stackwise.web.assessments.forms import STEPS
from tests.helpers.documents import pdf_text
from tests.helpers.task_queue import run_queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAAS = {
    "name": "Field service app",
    "product": "saas",
    "needs": ["admin_panel"],
    "team": {"languages": ["python"], "size": 2},
    "budget_eur": 9000,
}


def _stored_assessment() -> Any:
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge
    from stackwise.web.assessments.models import Assessment

    return Assessment.record(recommend(parse_profile(SAAS), load_knowledge()))


def next_until(page: Any, label: str) -> None:
    """Press Next until the step asking this question shows."""
    while not page.get_by_label(label, exact=True).first.is_visible():
        page.get_by_role("button", name="Next").click()


def fits_sideways(page: Any) -> bool:
    """Nothing pushes the page wider than the window."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def in_view(page: Any, selector: str) -> bool:
    """Whether an element's top is inside the visible window."""
    return bool(
        page.evaluate(
            "s => { const r = document.querySelector(s).getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight; }",
            selector,
        )
    )


PAGES = {
    "home": "/",
    "assess": "/assess/",
    "compare": "/compare/",
    "evidence": "/evidence/",
    "lab-app-source": "/evidence/apps/nestjs/",
    "api-docs": "/api/docs",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("name", [*PAGES, "result", "pdf-preparing"])
def test_every_page_fits_the_window_sideways(live_server, page, artifacts, name):
    path = PAGES.get(name) or f"/assessments/{_stored_assessment().id}/"
    if name == "pdf-preparing":  # no worker runs here, so the PDF stays in preparation
        path += "report.pdf"
    page.goto(f"{live_server.url}{path}")
    if name == "api-docs":
        page.wait_for_selector(".swagger-ui .opblock")
    page.screenshot(path=artifacts / f"{name}-{page.size}.png", full_page=True)
    assert fits_sideways(page), f"{name} scrolls sideways at {page.size} width"


def test_questionnaire_a_step_at_a_time_to_the_result_and_the_pdf(live_server, page, artifacts):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Start the assessment").click()
    assert page.get_by_text(f"Step 1 of {len(STEPS)}").is_visible()

    page.get_by_label("Project name").fill("Field service app")
    page.get_by_label("A SaaS product").check()
    page.screenshot(path=artifacts / f"assess-step1-{page.size}.png", full_page=True)
    page.get_by_role("button", name="Next").click()
    assert page.get_by_text(f"Step 2 of {len(STEPS)}").is_visible()
    page.get_by_label("An admin panel").check()
    next_until(page, "We have developers")
    page.get_by_label("We have developers").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Python", exact=True).check()
    while not page.get_by_label("Project name").is_visible():
        page.get_by_role("button", name="Back").click()
    assert page.get_by_label("Project name").input_value() == "Field service app"
    next_until(page, "Python")
    assert page.get_by_label("Python", exact=True).is_checked()
    next_until(page, "Not sure yet")
    page.get_by_label("Not sure yet").first.check()
    page.screenshot(path=artifacts / f"assess-step-load-{page.size}.png", full_page=True)
    next_until(page, "Budget (EUR)")
    page.get_by_label("Budget (EUR)").fill("9000")
    page.get_by_role("button", name="Get my recommendation").click()

    page.wait_for_url("**/assessments/**")
    assert page.locator("#pick").inner_text().startswith("Django")
    runner_up = page.get_by_role("paragraph").filter(has_text="Runner-up")  # not the menu's link
    assert runner_up.first.is_visible()
    page.screenshot(path=artifacts / f"result-flow-{page.size}.png", full_page=True)
    assert fits_sideways(page)

    with page.expect_download() as download:
        with page.expect_response(lambda r: r.url.endswith("report.pdf") and r.status == 202):
            page.get_by_role("link", name="PDF report").click()
        page.get_by_role("link", name="Preparing the PDF…").wait_for()
        assert run_queue() == 1  # the task worker draws it; the page's next poll downloads it
    assert download.value.suggested_filename == "field-service-app-backend-recommendation.pdf"
    assert "Django" in pdf_text(download.value.path().read_bytes())
    page.get_by_text("The PDF is ready").wait_for()


def test_changing_answers_shows_the_new_result_beside_the_old(live_server, page, artifacts):
    assessment = _stored_assessment()
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    page.get_by_role("link", name="Change my answers").click()
    assert page.get_by_label("Project name").input_value() == "Field service app"
    next_until(page, "Python")
    page.get_by_label("Python", exact=True).uncheck()
    page.get_by_label("TypeScript", exact=True).check()
    page.get_by_label("JavaScript", exact=True).check()
    next_until(page, "Budget (EUR)")
    page.get_by_role("button", name="Get my recommendation").click()
    page.wait_for_url("**/assessments/**?was=*")
    assert page.locator("#pick").inner_text().startswith("NestJS")
    whatif = page.locator(".whatif")
    assert "Your new answers change the pick" in whatif.inner_text()
    assert "Django" in whatif.inner_text() and "TypeScript" in whatif.inner_text()
    page.screenshot(path=artifacts / f"result-whatif-{page.size}.png", full_page=True)
    assert fits_sideways(page)


def test_a_bad_answer_brings_the_error_summary_into_view_with_focus(live_server, page, artifacts):
    page.goto(f"{live_server.url}/assess/")
    page.get_by_label("Project name").fill("No product chosen")
    page.get_by_role("button", name="Next").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert in_view(page, "#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "Choose the kind of product." in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_product_0"
    assert page.get_by_label("Project name").input_value() == "No product chosen"
    page.screenshot(path=artifacts / f"assess-error-{page.size}.png")

    page.get_by_label("A SaaS product").check()
    next_until(page, "Deadline (weeks)")
    page.get_by_label("Deadline (weeks)").fill("9999")
    page.get_by_role("button", name="Get my recommendation").click()
    page.locator("#error-summary").wait_for()
    assert in_view(page, "#error-summary")
    assert "from 1 to 520" in page.locator("#error-summary").inner_text()


def test_the_questionnaire_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/assess/")
    page.get_by_role("button", name="Next").click()
    assert page.locator("#error-summary").is_visible()
    page.get_by_label("A real-time application").check()
    page.get_by_role("button", name="Next").click()
    assert page.get_by_text(f"Step 2 of {len(STEPS)}").is_visible()
    next_until(page, "We have developers")
    # Back comes before Next on the screen and for the Tab key alike.
    back, nxt = page.get_by_role("button", name="Back"), page.get_by_role("button", name="Next")
    back_box, next_box = back.bounding_box(), nxt.bounding_box()
    assert back_box is not None and next_box is not None
    assert (back_box["y"], back_box["x"]) < (next_box["y"], next_box["x"])
    back.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Next"
    page.get_by_label("No developers yet").check()
    # No developers, no languages to ask about: the next step has none, with no script to do it.
    page.get_by_role("button", name="Next").click()
    assert not page.locator('[data-field="team_languages"]').is_visible()
    assert page.locator('[data-field="team_size"]').is_visible()
    while not page.get_by_label("A real-time application").is_visible():
        page.get_by_role("button", name="Back").click()
    assert page.get_by_label("A real-time application").is_checked()
    next_until(page, "Budget (EUR)")
    page.get_by_role("button", name="Get my recommendation").click()
    page.wait_for_url("**/assessments/**")
    assert page.locator("#pick").is_visible()

    # The PDF without JavaScript: a page that says it is being prepared, and a button that
    # downloads it once the task worker has drawn it.
    page.get_by_role("link", name="PDF report").click()
    page.get_by_role("heading", name="Preparing your PDF").wait_for()
    assert run_queue() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith("-backend-recommendation.pdf")
    assert "Backend recommendation" in pdf_text(download.value.path().read_bytes())
    context.close()


def test_api_docs_load_with_no_request_leaving_this_machine(live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.get_by_text("/api/assessments").first.is_visible()
    outside = [
        url
        for url in requested
        if not url.startswith(("http://127.0.0.1", "http://localhost", "data:"))
    ]
    assert outside == []
    context.close()


def test_enter_in_a_field_goes_to_the_next_step_not_back(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/assess/")
    page.get_by_label("A real-time application").check()
    next_until(page, "Team size")
    page.get_by_label("Team size").fill("3")
    shown = page.get_by_text(f"of {len(STEPS)}").first.inner_text()
    page.get_by_label("Team size").press("Enter")  # Back is now the first visible button
    number = int(shown.split()[1])
    assert page.get_by_text(f"Step {number + 1} of {len(STEPS)}").is_visible()
    context.close()
