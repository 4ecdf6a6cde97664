"""The result's first screen says what a founder needs in ten seconds: the pick (or "too close to
call" with what decides it), one sentence why, cost and time with what they assume, the budget
and deadline in a phrase, the next step; the mechanics are behind "Show the working". Looked at
in a real browser at desktop and phone width, for three founders."""

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
MECHANICS = ("draws", "points", "weight", "knowledge version", "rule ")


def _stored(example: str, peak_rps: int | None = None) -> Assessment:
    profile = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text())
    if peak_rps is not None:
        profile.setdefault("scale", {})["peak_rps"] = peak_rps
    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


def _hero_text(client, assessment: Assessment) -> str:  # type: ignore[no-untyped-def]
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    hero = page[page.index('<section class="hero-result') : page.index("</section>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", hero))).strip()


def test_a_clear_pick_reads_as_a_recommendation_with_its_reason_cost_and_basis(client):
    assessment = _stored("saas-python-team")
    text = _hero_text(client, assessment)
    estimate = assessment.recommendation.estimate
    assert text.startswith("We recommend Django")
    assert "Your team already writes Python; Django's admin" in text
    assert f"EUR {estimate.cost_eur.low:,.0f}" in text and "weeks" in text
    assert "Over the budget by EUR" in text and "Over the deadline by" in text
    assert "For 2 contracted developers in Western Europe, full time" in text
    assert "Book a free discovery call" in text and "Change my answers" in text
    assert not [word for word in MECHANICS if word in text.lower()]


def test_a_close_call_names_both_and_what_decides_between_them(client):
    # Past the load where Python's cheaper hosting pays for a TypeScript team's learning, the
    # two families are too close to call.
    text = _hero_text(client, _stored("ts-team-api-at-50000", peak_rps=300_000))
    assert text.startswith("Too close to call Express or FastAPI"), text
    assert "What decides it: The trade-off: Express for its developer availability" in text
    assert "FastAPI for its raw performance" in text and "FastAPI would rank first" in text
    assert "% of the draws" not in text  # the share is the working's


def test_a_hybrid_is_named_as_one_wherever_the_pick_is_named(client):
    assessment = _stored("saas-realtime-ai-hybrid")
    text = _hero_text(client, assessment)
    assert text.startswith("We recommend Django + NestJS (hybrid)")
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    assert '<p class="pick" id="pick">Django + NestJS (hybrid)</p>' in page


def test_the_working_is_one_click_away_not_on_the_first_screen(client):
    assessment = _stored("saas-python-team")
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    working = page[page.index('id="working"') :]
    assert "We re-ran the scoring 500 times" in working
    assert assessment.recommendation.knowledge_version in working
    assert 'href="#working">Show the working</a>' in page


FOUNDERS = {
    "solo-founder-no-developers": "shop-with-hiring-uk",
    "typescript-cto-real-time": "realtime-chat-ts-team",
    "python-team-5000-rps-api": "partner-api-at-scale",
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("founder", FOUNDERS)
def test_the_first_screen_holds_the_pick_cost_and_next_step_at_both_widths(
    live_server, browser, artifacts, founder
):
    assessment = _stored(FOUNDERS[founder])
    for width, height in ((1280, 800), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"{live_server.url}/assessments/{assessment.id}/")
        page.screenshot(path=artifacts / f"hero-{founder}-{width}.png")
        pick = page.locator(".hero-result .pick").bounding_box()
        cost = page.locator(".hero-facts dd").first.bounding_box()
        assert pick is not None and cost is not None
        assert pick["y"] + pick["height"] < height and cost["y"] < height  # above the fold
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
