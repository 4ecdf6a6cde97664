"""What-if on the result page: change an answer, see the pick, cost and time move, beside the
stored result, which stays as it was made; a bad answer is named and nothing is lost."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from stackwise.advisor import parse_profile, recommend
from stackwise.knowledge import load_knowledge
from stackwise.web.assessments.models import Assessment

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def saas(db) -> Assessment:  # type: ignore[no-untyped-def]
    profile = yaml.safe_load((EXAMPLES / "saas-python-team.yaml").read_text())
    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


def _section(page: str) -> str:
    part = page[page.index('id="try"') :]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", part[: part.index("</section>")])))


def test_the_form_starts_from_the_stored_answers_and_shows_no_change_yet(client, saas):
    page = client.get(f"/assessments/{saas.id}/").content.decode()
    assert "Try a change" in page and "The pick changes" not in page
    assert 'name="budget_eur" value="9000"' in page
    assert re.search(r'value="python"[^>]*checked', page)


def test_a_changed_team_and_region_move_the_pick_cost_and_time_and_nothing_is_stored(client, saas):
    query = (
        "try=1&languages=typescript&ai_models=hosted&budget_eur=9000&deadline_weeks=8"
        "&region=eastern_europe"
    )
    response = client.get(f"/assessments/{saas.id}/?{query}")
    assert response.status_code == 200
    text = _section(response.content.decode())
    assert "The pick changes: Django →" in text
    changed = recommend(
        parse_profile(
            {
                **saas.recommendation.profile.to_data(),
                "team": {
                    **saas.recommendation.profile.to_data()["team"],
                    "languages": ["typescript"],
                },
                "region": "eastern_europe",
            }
        ),
        load_knowledge(),
    )
    assert f"EUR {changed.estimate.cost_eur.low:,.0f}" in text
    assert f"EUR {saas.recommendation.estimate.cost_eur.low:,.0f}" in text
    assert Assessment.objects.count() == 1
    assert Assessment.objects.get().result == saas.result  # the stored result as it was made


def test_a_bad_answer_is_named_and_what_was_typed_stays(client, saas):
    response = client.get(f"/assessments/{saas.id}/?try=1&peak_rps=-5&region=mars&ai_models=own")
    assert response.status_code == 400
    text = _section(response.content.decode())
    assert "Ensure this value is greater than or equal to 1" in text
    assert "Select a valid choice. mars is not one of the available choices." in text
    assert 'value="-5"' in response.content.decode()
    assert 'id="pick-title" class="pick">Django</h2>' in response.content.decode()  # still shown
