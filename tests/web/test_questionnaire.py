"""The questionnaire as a flow of steps, without JavaScript: a plain form post per step."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from stackwise.web.assessments.forms import STEPS
from stackwise.web.assessments.models import Assessment

pytestmark = pytest.mark.django_db

ANSWERS = {
    "name": "Invoicing SaaS",
    "product": "saas",
    "needs": ["admin_panel"],
    "team_languages": ["python"],
    "team_size": "2",
    "region": "western_europe",
    "budget_eur": "9000",
    "deadline_weeks": "8",
}
LAST = str(len(STEPS) - 1)


class _Ids(HTMLParser):
    """Every id in a page, every aria-describedby reference, and the inputs shown as checked."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: list[str] = []
        self.checked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        self.described_by += (found.get("aria-describedby") or "").split()
        if "checked" in found:
            self.checked.append(f"{found.get('name')}={found.get('value')}")


def _parsed(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def test_it_opens_at_step_one_with_a_progress_bar(client):
    page = client.get("/assess/").content.decode()
    assert f"Step <span data-step-number>1</span> of {len(STEPS)}" in page
    assert f'<progress max="{len(STEPS)}" value="1"' in page
    assert page.count('class="step"') == len(STEPS) and page.count("hidden>") >= len(STEPS) - 1
    assert 'value="next"' in page


def test_nothing_is_chosen_in_advance(client):
    page = client.get("/assess/").content.decode()
    assert _parsed(page).checked == []


def test_every_aria_describedby_points_at_an_id_that_exists(client):
    for response in (
        client.get("/assess/"),
        client.post("/assess/", {**ANSWERS, "product": "", "team_size": "0", "go": "finish"}),
    ):
        page = _parsed(response.content.decode())
        assert page.described_by, "no field is described"
        assert [ref for ref in page.described_by if ref not in page.ids] == []


def test_next_without_a_product_stays_on_step_one_with_a_summary_that_links_to_it(client):
    response = client.post("/assess/", {"name": "No product", "step": "0", "go": "next"})
    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="error-summary"' in page and 'href="#id_product_0"' in page
    assert "Choose the kind of product." in page
    assert "Step <span data-step-number>1</span>" in page
    assert 'value="No product"' in page


def test_next_and_back_move_a_step_and_carry_every_answer(client):
    second = client.post("/assess/", {**ANSWERS, "step": "0", "go": "next"}).content.decode()
    assert "Step <span data-step-number>2</span>" in second
    assert 'value="Invoicing SaaS"' in second and 'value="9000"' in second
    assert "error-summary" not in second
    first = client.post("/assess/", {**ANSWERS, "step": "1", "go": "back"}).content.decode()
    assert "Step <span data-step-number>1</span>" in first
    assert "saas=saas" not in _parsed(first).checked  # radios are named product
    assert "product=saas" in _parsed(first).checked


def test_errors_read_in_one_plain_voice(client):
    response = client.post(
        "/assess/",
        {
            **ANSWERS,
            "team_size": "0",
            "budget_eur": "99999999999999999999999",
            "deadline_weeks": "eight",
            "go": "finish",
        },
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Enter the number of developers as a whole number from 1 to 500, like 3." in page
    assert "Enter the budget in euros as a whole number from 0 to 100,000,000, like 9,000." in page
    assert "Enter the deadline in weeks as a whole number from 1 to 520, like 8." in page
    assert "Ensure this value" not in page and "input should be" not in page.lower()
    assert "3 answers need another look" in page
    assert not Assessment.objects.exists()


def test_the_final_step_stores_the_assessment_and_opens_its_result(client):
    response = client.post("/assess/", {**ANSWERS, "step": LAST, "go": "finish"})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.id}/"
    assert assessment.profile["team"]["languages"] == ["python"]


def test_no_developers_yet_is_kept_estimated_as_hires_and_restored_on_change(client):
    client.post(
        "/assess/",
        {
            "product": "saas",
            "team_status": "none",
            "team_languages": ["javascript"],
            "team_size": "2",
        },
    )
    assessment = Assessment.objects.get()
    team = assessment.profile["team"]
    assert team["languages"] == [] and team["hiring"] is True and team["size"] == 2
    result = client.get(f"/assessments/{assessment.id}/").content.decode()
    assert "No developers yet: 2 developers who already write" in result
    again = client.get(f"/assess/?from={assessment.id}").content.decode()
    assert "team_status=none" in _parsed(again).checked


def test_not_sure_gives_no_figure_and_an_estimate_gives_its_figure(client):
    client.post(
        "/assess/",
        {
            "product": "realtime_app",
            "scale_peak_rps_estimate": "unsure",
            "scale_connections_estimate": "10000",
        },
    )
    scale = Assessment.objects.get().profile["scale"]
    assert scale["peak_rps"] is None and scale["concurrent_connections"] == 10_000


def test_a_typed_figure_wins_over_a_chosen_estimate(client):
    client.post(
        "/assess/", {"product": "saas", "scale_peak_rps_estimate": "10", "scale_peak_rps": "250"}
    )
    assert Assessment.objects.get().profile["scale"]["peak_rps"] == 250


def test_change_my_answers_reopens_the_questionnaire_filled_in(client, assessment):
    page = client.get(f"/assess/?from={assessment.id}").content.decode()
    assert "Change your answers" in page
    assert 'value="Invoicing SaaS"' in page
    assert "product=saas" in _parsed(page).checked
    assert f'name="from" value="{assessment.id}"' in page


def test_a_changed_answer_opens_the_new_result_beside_the_old_one(client, assessment):
    response = client.post(
        "/assess/", {**ANSWERS, "team_languages": ["typescript"], "from": str(assessment.id)}
    )
    newer = Assessment.objects.exclude(id=assessment.id).get()
    assert response["Location"] == f"/assessments/{newer.id}/?was={assessment.id}"


def test_change_with_a_bad_id_opens_an_empty_questionnaire(client):
    response = client.get("/assess/?from=not-a-uuid")
    assert response.status_code == 200 and "Describe your project" in response.content.decode()


def test_a_deadline_in_months_or_as_a_date_is_stored_as_weeks(client):
    months = {**ANSWERS, "deadline_weeks": "", "deadline_months": "4"}
    client.post("/assess/", {**months, "step": LAST, "go": "finish"})
    assert Assessment.objects.get().profile["deadline_weeks"] == 18
    Assessment.objects.all().delete()
    dated = {**ANSWERS, "deadline_weeks": "", "deadline_date": "2099-01-01"}
    page = client.post("/assess/", {**dated, "step": LAST, "go": "finish"}).content.decode()
    assert "must be between a week and ten years from today" in page
    both = {**ANSWERS, "deadline_months": "4"}
    response = client.post("/assess/", {**both, "step": LAST, "go": "finish"})
    assert response.status_code == 422 and "give one deadline" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_what_if_shows_the_cost_and_time_an_answer_moved(client):
    client.post("/assess/", {**ANSWERS, "step": LAST, "go": "finish"})
    first = Assessment.objects.get()
    changed = {
        **ANSWERS,
        "integrations": "3",
        "regulated_data": "health",
        "region": "eastern_europe",
        "team_engagement": "salaried",
        "from": str(first.id),
    }
    response = client.post("/assess/", {**changed, "step": LAST, "go": "finish"})
    page = client.get(response["Location"]).content.decode()
    after = Assessment.objects.exclude(id=first.id).get().recommendation.estimate
    before = first.recommendation.estimate
    assert after.cost_eur != before.cost_eur and after.weeks.high > before.weeks.high
    whatif = page[page.index('class="card whatif"') : page.index("<h2>Why</h2>")]
    for shown in (before, after):
        assert f"EUR {shown.cost_eur.low:,.0f}" in whatif
        assert f"{shown.weeks.high:g} weeks" in whatif
    assert "Integrations and data" in whatif and "Eastern Europe" in whatif


def test_the_questionnaire_says_how_long_it_takes(client):
    page = client.get("/assess/").content.decode()
    assert (
        f"About 2 minutes in {len(STEPS)} short steps; only the kind of product is required."
        in page
    )
