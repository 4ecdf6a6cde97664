"""Every point of a score is explained, and estimates say what they assume."""

from __future__ import annotations

import math

import pytest

from stackwise.advisor import ProfileError, recommend
from stackwise.advisor.robustness import DEFAULT_SAMPLES
from tests.helpers.samples import profile


def test_contributions_and_rule_points_add_up_to_each_score(persona):
    rec = persona("saas-realtime-ai-hybrid")
    for stack in rec.ranking:
        factor_points = sum(c.points for c in stack.contributions)
        rule_points = sum(r.points for r in stack.rules)
        assert math.isclose(factor_points + rule_points, stack.score, abs_tol=0.1)
        assert math.isclose(sum(c.weight for c in stack.contributions), 100, abs_tol=0.1)


def test_every_stack_is_ranked_best_first_with_its_own_estimate(persona):
    rec = persona("saas-python-team")
    assert sorted(s.stack for s in rec.ranking) == ["django", "express", "fastapi", "nestjs"]
    scores = [s.score for s in rec.ranking]
    assert scores == sorted(scores, reverse=True)
    assert {s.estimate.stack for s in rec.ranking} == {s.stack for s in rec.ranking}


def test_estimate_is_hours_times_rate_and_says_so(persona):
    est = persona("saas-python-team").estimate
    assert est.cost_eur.low <= est.cost_eur.high and est.weeks.low <= est.weeks.high
    assert any("Cost = hours x rate" in a and "EUR 40-90/h" in a for a in est.assumptions)
    assert est.rate_used_eur_per_hour == 65  # the midpoint of the article's EUR 40-90/h
    # paid hours are the paid person-weeks (rounded to a tenth) x 40 hours
    assert math.isclose(est.cost_eur.low, est.hours.low * 65, abs_tol=150)
    assert math.isclose(est.cost_eur.high, est.hours.high * 65, abs_tol=150)
    # A SaaS with an admin and background jobs is 20-37 person-weeks (16-28 + 2-5 + 2-4); two
    # Python developers at Django's pace work like 2 / 1.1 = 1.82, so 11-20.4 weeks and
    # EUR 57,200-105,800 at 40 h x EUR 65: a budget of EUR 9,000 is over by EUR 48,200, and
    # even the low end passes 8 weeks.
    assert (est.effort_person_weeks.low, est.effort_person_weeks.high) == (20, 37)
    assert est.budget.verdict == "over" and est.budget.gap == 48200
    assert "smaller first version" in est.budget.text
    assert est.deadline.limit == 8 and est.deadline.verdict == "over"
    assert any("larger team" in c for c in est.deadline.closers)


def test_an_unfamiliar_language_makes_the_estimate_longer(knowledge):
    known = recommend(profile(product="saas", team={"languages": ["python"]}), knowledge)
    unknown = recommend(profile(product="saas", team={"languages": ["other"]}), knowledge)
    assert unknown.stack("django").estimate.weeks.high > known.stack("django").estimate.weeks.high


def test_a_bigger_team_ships_sooner_and_costs_more(knowledge):
    one = recommend(profile(product="saas", team={"size": 1}), knowledge).stack("django").estimate
    four = recommend(profile(product="saas", team={"size": 4}), knowledge).stack("django").estimate
    assert four.weeks.high < one.weeks.high
    assert four.cost_eur.low > one.cost_eur.low and four.person_weeks.low > one.person_weeks.low


def test_one_developer_on_a_saas_is_estimated_from_the_work_beside_the_articles_quote(knowledge):
    est = recommend(profile(product="saas", team={"size": 1}), knowledge).stack("django").estimate
    # 16-28 person-weeks at Django's pace, alone: 16-28 weeks, at 40 h x EUR 65 a week
    assert (est.weeks.low, est.weeks.high) == (16, 28)
    assert (est.cost_eur.low, est.cost_eur.high) == (41600, 72800)
    assert est.article_quote is not None
    assert "The article quotes EUR 3,000-8,000 for a Django SaaS MVP in 6-8 weeks" in (
        est.article_quote
    )
    assert "part-time" in est.article_quote


def test_past_an_mvps_scope_the_estimate_is_a_run_rate_with_no_fit(knowledge):
    big = recommend(
        profile(product="saas", team={"size": 40}, budget_eur=300_000), knowledge
    ).estimate
    assert not big.within_mvp_scope and big.scope_note is not None
    assert "no first-version price" in big.scope_note and "40 developers" in big.scope_note
    assert big.run_rate is not None and big.run_rate.months == 12
    assert big.article_quote is None
    assert big.budget.verdict == "over"  # 40 developers for a year cost millions
    loud = recommend(profile(product="api_service", scale={"peak_rps": 50_000}), knowledge)
    assert not loud.estimate.within_mvp_scope
    assert loud.estimate.run_rate is not None
    assert loud.estimate.run_rate.hosting_eur_per_month is not None
    assert recommend(profile(product="saas", team={"size": 3}), knowledge).estimate.within_mvp_scope


def test_a_typescript_team_learning_django_is_not_estimated_faster_than_nestjs(knowledge):
    rec = recommend(profile(product="saas", team={"languages": ["typescript"]}), knowledge)
    django, nestjs = rec.stack("django").estimate, rec.stack("nestjs").estimate
    assert django.weeks.low >= nestjs.weeks.low
    assert django.cost_eur.low >= nestjs.cost_eur.low


def test_over_budget_and_deadline_become_risks(persona):
    rec = persona("data-platform-on-lambda")
    assert rec.estimate.budget.verdict in {"tight", "over"}
    assert {"over_budget", "over_deadline"} <= {r.id for r in rec.risks}


def test_an_unknown_region_is_refused_naming_the_field(knowledge):
    with pytest.raises(ProfileError) as error:
        recommend(profile(product="saas", region="mars"), knowledge)
    assert error.value.problems[0].field == "region"
    assert "western_europe" in str(error.value)


def test_flips_name_a_change_that_really_changes_the_top_pick(persona, knowledge):
    rec = persona("saas-python-team")
    assert rec.flips, "a SaaS for a Python team has answers that would change the pick"
    js = next(f for f in rec.flips if f.field == "team.languages")
    assert js.top == "nestjs"
    assert (
        js.text
        == "With a JavaScript/TypeScript-only team, NestJS would rank first instead of Django."
    )
    changed = rec.profile.to_data()
    changed["team"]["languages"] = js.value
    assert recommend(profile(**changed), knowledge, robustness_samples=0).top == "nestjs"


def test_robustness_is_high_for_a_clear_pick_and_lower_for_a_close_one(persona):
    clear = persona("saas-python-team").robustness
    close = persona("live-dashboard-python-team").robustness
    assert clear is not None and close is not None
    assert clear.label == "high"
    assert close.share < clear.share
    assert sum(close.wins.values()) == close.samples == DEFAULT_SAMPLES


def test_reasons_explain_the_lead_in_words(persona):
    reasons = persona("saas-python-team").reasons
    assert reasons[0].startswith("Django scores")
    assert any("admin, ORM, auth and migrations" in r for r in reasons)


def test_sources_cover_everything_cited(persona):
    rec = persona("saas-realtime-ai-hybrid")
    cited = {r.source for r in rec.rules} | {c.source for c in rec.ranking[0].contributions}
    assert cited <= {s["id"] for s in rec.sources}
