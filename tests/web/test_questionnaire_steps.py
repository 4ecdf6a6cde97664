"""The questionnaire's steps as a visitor meets them: short steps of at most three questions that
fit a phone, every question asked once, answers kept on the way back and forth, no languages
asked of a team with no developers yet, even choice cards, and Back before Next on every step."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms

from stackwise.web.assessments.forms import ASKED, STEPS, AssessmentForm, form_name
from stackwise.web.assessments.models import Assessment
from stackwise.web.knowledge import regions

ANSWERS = {
    "name": "Invoicing SaaS",
    "product": "saas",
    "needs": ["admin_panel"],
    "integrations": "2",
    "team_status": "developers",
    "team_languages": ["python"],
    "team_size": "2",
    "scale_peak_rps_estimate": "100",
    "region": "western_europe",
    "budget_eur": "9000",
    "deadline_months": "3",
}
LAST = len(STEPS) - 1


def _steps_of(page: str) -> list[str]:
    """Each step's HTML, in order."""
    return page.split('<fieldset class="step"')[1:]


def _names_in(step: str) -> set[str]:
    return set(re.findall(r'<(?:input|select)[^>]* name="([^"]+)"', step))


@pytest.mark.django_db
def test_no_step_asks_more_than_three_questions(client):
    steps = _steps_of(client.get("/assess/").content.decode())
    assert len(steps) == len(STEPS)
    counts = [step.count('<div class="question') for step in steps]
    assert all(1 <= count <= 3 for count in counts), counts


@pytest.mark.django_db
def test_every_profile_question_is_asked_on_exactly_one_step(client):
    steps = _steps_of(client.get("/assess/").content.decode())
    for field in ASKED:
        holding = [i for i, step in enumerate(steps) if form_name(field.path) in _names_in(step)]
        assert len(holding) == 1, f"{field.path} is asked on steps {holding}"


@pytest.mark.django_db
def test_a_long_section_keeps_its_title_with_which_part_this_is(client):
    page = client.get("/assess/").content.decode()
    assert '<h2 tabindex="-1">Your product (1 of 3)</h2>' in page
    assert '<h2 tabindex="-1">Your product (3 of 3)</h2>' in page
    assert '<h2 tabindex="-1">Budget and time</h2>' in page


@pytest.mark.django_db
def test_answers_survive_next_to_the_last_step_and_back_to_the_first(client):
    kept = ['value="Invoicing SaaS"', 'value="9000"', 'value="3"', 'value="2"']
    for step in range(LAST):
        page = client.post("/assess/", {**ANSWERS, "step": step, "go": "next"}).content.decode()
        assert f"Step <span data-step-number>{step + 2}</span>" in page
        assert all(answer in page for answer in kept)
    for step in range(LAST, 0, -1):
        page = client.post("/assess/", {**ANSWERS, "step": step, "go": "back"}).content.decode()
        assert f"Step <span data-step-number>{step}</span>" in page
        assert all(answer in page for answer in kept)
        assert re.search(r'value="saas"[^>]* checked', page)
        assert re.search(r'value="python"[^>]* checked', page)
    client.post("/assess/", {**ANSWERS, "step": LAST, "go": "finish"})
    profile = Assessment.objects.get().profile
    assert profile["name"] == "Invoicing SaaS" and profile["deadline_weeks"] == 13


@pytest.mark.django_db
def test_a_team_with_no_developers_is_asked_no_languages(client):
    steps = _steps_of(client.get("/assess/").content.decode())
    asking = next(i for i, step in enumerate(steps) if "team_status" in _names_in(step))
    # The answer is given before the languages' step is reached, so the page hides them then.
    assert all("team_languages" not in _names_in(step) for step in steps[: asking + 1])
    hired = {**ANSWERS, "team_status": "none", "team_fullstack_js": "on"}
    client.post("/assess/", {**hired, "step": LAST, "go": "finish"})
    team = Assessment.objects.get().profile["team"]
    assert team["languages"] == [] and team["fullstack_js"] is False and team["hiring"] is True


# In a browser: the steps measured at a phone's and a desktop's width.
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}
TALLEST_ON_A_PHONE = 1_600

UNEVEN_CARDS = """() => {
  const uneven = [];
  for (const list of document.querySelectorAll("fieldset.step:not([hidden]) .choices")) {
    const rows = {};
    for (const card of list.querySelectorAll(":scope > li > label")) {
      const box = card.getBoundingClientRect();
      if (box.height === 0) continue;
      (rows[Math.round(box.top)] ||= []).push([box.width, box.height]);
    }
    for (const row of Object.values(rows)) {
      const sizes = new Set(row.map(([w, h]) => `${Math.round(w)}x${Math.round(h)}`));
      if (sizes.size > 1) uneven.push(list.parentElement.dataset.field + ": " + [...sizes]);
    }
  }
  return uneven;
}"""


def _visible_step(page: Any) -> Any:
    return page.locator("fieldset.step:not([hidden])")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", WIDTHS)
def test_every_step_is_short_even_and_orders_back_before_next(
    live_server, browser, artifacts, size
):
    width, height = WIDTHS[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{live_server.url}/assess/")
    assert page.get_by_text("About 2 minutes").is_visible()
    page.get_by_label("A SaaS product").check()
    for number in range(1, len(STEPS) + 1):
        assert page.get_by_text(f"Step {number} of {len(STEPS)}").is_visible()
        page.screenshot(path=artifacts / f"questionnaire-step{number}-{width}.png", full_page=True)
        tall = page.evaluate("document.documentElement.scrollHeight")
        if size == "phone":
            assert tall < TALLEST_ON_A_PHONE, f"step {number} is {tall} px tall on a phone"
        assert _visible_step(page).locator(".question").count() <= 3
        assert page.evaluate(UNEVEN_CARDS) == [], f"step {number}"
        forward = page.locator("[data-next]" if number < len(STEPS) else "[data-finish]")
        if number > 1:
            back = page.locator("[data-back]")
            back_box, forward_box = back.bounding_box(), forward.bounding_box()
            assert back_box is not None and forward_box is not None
            middle = [box["y"] + box["height"] / 2 for box in (back_box, forward_box)]
            assert back_box["x"] < forward_box["x"] and abs(middle[0] - middle[1]) < 2
            back.focus()
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent.trim()") == (
                forward.inner_text().strip()
            )
        if number < len(STEPS):
            forward.click()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_no_developers_yet_never_sees_the_languages_question(live_server, browser, script):
    context = browser.new_context(
        java_script_enabled=script, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/assess/")
    page.get_by_label("A SaaS product").check()
    seen: list[str] = []
    for number in range(1, len(STEPS) + 1):
        if page.get_by_label("No developers yet").is_visible():
            page.get_by_label("No developers yet").check()
        if page.locator('[data-field="team_languages"]').is_visible():
            seen.append(f"step {number}")
        if number < len(STEPS):
            page.get_by_role("button", name="Next").click()
    assert seen == []
    # Changing the answer on the way back brings the question back.
    while not page.get_by_label("We have developers").is_visible():
        page.get_by_role("button", name="Back").click()
    page.get_by_label("We have developers").check()
    page.get_by_role("button", name="Next").click()
    assert page.get_by_label("Python", exact=True).is_visible()
    context.close()


def test_no_question_offers_a_single_answer():
    form = AssessmentForm(regions=regions())
    for name, field in form.fields.items():
        if isinstance(field, forms.ChoiceField):
            assert len(field.choices) >= 2, f"{name} offers {list(field.choices)}"
