"""The result page in plain words: what a founder reads, shares and downloads."""

from __future__ import annotations

import re

import pytest

from stackwise.advisor import parse_profile, recommend
from stackwise.knowledge import load_knowledge
from stackwise.web.assessments.models import Assessment

pytestmark = pytest.mark.django_db

AI_WITH_A_JS_TEAM = {
    "name": "Müller & Söhne: Seán's assistant",
    "product": "ai_product",
    "needs": ["ai_ml", "realtime"],
    "ai_models": "own",  # own models: Python takes precedence over the team's language
    "team": {"languages": ["javascript"], "size": 3},
    "ai_later": "possible",
    "scale": {"concurrent_connections": 20000},
}


def _stored(profile: dict[str, object]) -> Assessment:
    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


def _visible_text(html: str) -> str:
    """What a visitor reads: the body without tags, scripts or attribute values."""
    body = html[html.index("<body") :]
    return re.sub(r"<[^>]+>", " ", body)


def test_no_internal_id_reaches_the_visitor(client):
    assessment = _stored(AI_WITH_A_JS_TEAM)
    text = _visible_text(client.get(f"/assessments/{assessment.id}/").content.decode())
    rule_ids = {rule.id for rule in assessment.recommendation.rules}
    risk_ids = {risk.id for risk in assessment.recommendation.risks}
    ids = {*rule_ids, *risk_ids, "stackwise_model"}
    for internal in {i for i in ids if "_" in i} | {f"&#x27;{i}&#x27;" for i in ids}:
        assert internal not in text, internal
    assert "re-weightings" not in text and "risk: " not in text
    winner = next(r for r in assessment.recommendation.rules if r.id == "ai_core").title
    assert f"“{winner}” takes precedence" in text


def test_the_pick_and_the_runner_up_come_first_with_cost_and_time(client, assessment):
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    rec = assessment.recommendation
    pick, runner_up, why = (
        page.index("We recommend"),
        page.index("Runner-up"),
        page.index("<h2>Why</h2>"),
    )
    assert pick < runner_up < why
    assert f"EUR {rec.ranking[1].estimate.cost_eur.low:,.0f}" in page[runner_up:why]


def test_the_page_has_preview_tags_and_a_copy_link_button(client, assessment):
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    url = f"http://testserver/assessments/{assessment.id}/"
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:title" content="Invoicing SaaS: Django recommended">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert f'data-copy="{url}"' in page


def test_the_chart_is_a_labelled_svg_with_five_colours_at_most(client, assessment):
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "Django" in svg
    assert len(set(re.findall(r'fill="(#[0-9a-f]{6})"', svg)) - {"#1b2430"}) <= 5


def test_changed_answers_show_the_new_result_beside_the_old_with_what_changed(client):
    before = _stored({"name": "Shop", "product": "saas", "team": {"languages": ["python"]}})
    after = _stored({"name": "Shop", "product": "saas", "team": {"languages": ["typescript"]}})
    page = client.get(f"/assessments/{after.id}/?was={before.id}").content.decode()
    assert "Your new answers change the pick" in page
    assert "<del>" in page and "Python" in page and "TypeScript" in page
    assert f'href="/assessments/{before.id}/"' in page
    plain = client.get(f"/assessments/{after.id}/").content.decode()
    assert "Your new answers" not in plain


def test_downloads_are_named_after_the_project(client):
    assessment = _stored(AI_WITH_A_JS_TEAM)
    base = f"/assessments/{assessment.id}/report"
    names = {
        kind: client.get(f"{base}.{kind}")["Content-Disposition"] for kind in ("md", "adr", "json")
    }
    assert (
        names["md"]
        == 'attachment; filename="muller-sohne-seans-assistant-backend-recommendation.md"'
    )
    assert names["adr"].endswith(
        'filename="0001-choose-backend-stack-for-muller-sohne-seans-assistant.md"'
    )
    assert names["json"].endswith('-backend-recommendation.json"')


def test_a_project_past_an_mvp_gets_no_mvp_price_on_the_page_or_in_the_report(client):
    from stackwise.report.html import render_html

    forty = {"name": "Bank core", "product": "business_app", "team": {"size": 40}}
    assessment = _stored(forty)
    estimate = assessment.recommendation.estimate
    assert not estimate.within_mvp_scope
    page = _visible_text(client.get(f"/assessments/{assessment.id}/").content.decode())
    report = _visible_text(render_html(assessment.recommendation))
    assert estimate.run_rate is not None and estimate.article_quote is None
    for text in (page, report):
        # past an MVP the cost is the team's run rate over a horizon, said as such; no MVP
        # price, no article quote, no "fits"
        assert "no first-version price" in text and "a month" in text
        assert "The article quotes" not in text and "Fits the" not in text


def test_the_sources_are_cited_with_publisher_title_date_and_address(client):
    assessment = _stored(AI_WITH_A_JS_TEAM)
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    sources = page[page.index('<h2 id="sources">') :]
    assert (
        "<li>the consultant who runs the stackwise site (the article names no author), "
        "<em>Python vs Node.js for Backend Development (2026 comparison article)</em>, 2026, "
        "<code>shared/seed/python-vs-nodejs-2026.txt</code> in the stackwise project</li>"
    ) in sources
    assert '<a href="/evidence/">the evidence page</a>' in sources


def test_a_result_stored_before_sources_had_publishers_still_lists_them(client):
    assessment = _stored(AI_WITH_A_JS_TEAM)
    result = dict(assessment.result)
    result["sources"] = [
        {"id": s["id"], "title": s["title"], "document": s["document"]} for s in result["sources"]
    ]
    Assessment.objects.filter(id=assessment.id).update(result=result)
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    assert (
        "<li><em>Python vs Node.js for Backend Development (2026 comparison article)</em>, "
        "<code>shared/seed/python-vs-nodejs-2026.txt</code> in the stackwise project</li>"
    ) in page
