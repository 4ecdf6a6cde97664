"""Each decision rule of docs/decision-model.md has a profile where it decides."""

from __future__ import annotations

from stackwise.advisor import recommend
from tests.helpers.samples import profile


def _rule(rec, rule_id):  # type: ignore[no-untyped-def]
    return next((r for r in rec.rules if r.id == rule_id), None)


def test_ai_product_gets_python_even_with_a_js_only_team(persona):
    rec = persona("ai-product-js-team")
    assert rec.ranking[0].family == "python"
    assert _rule(rec, "ai_core").overridden_by is None
    assert _rule(rec, "team").overridden_by == "ai_core"
    assert "learning_curve" in {r.id for r in rec.risks}


def test_saas_with_a_python_team_gets_django(persona):
    rec = persona("saas-python-team")
    assert rec.top == "django"
    assert _rule(rec, "batteries") is not None


def test_api_only_service_gets_fastapi(persona):
    rec = persona("api-service-python")
    assert rec.top == "fastapi"
    assert _rule(rec, "api_only") is not None


def test_realtime_first_with_a_typescript_team_gets_nestjs(persona):
    rec = persona("realtime-chat-ts-team")
    assert rec.top == "nestjs"
    assert _rule(rec, "realtime") is not None


def test_js_only_team_gets_nestjs_over_djangos_batteries(persona):
    rec = persona("js-team-business-app")
    assert rec.top == "nestjs"
    assert _rule(rec, "batteries").overridden_by is None  # weighed, and outweighed by the team
    assert _rule(rec, "team").overridden_by is None
    assert "learning_curve" not in {r.id for r in rec.risks}


def test_serverless_first_gets_node(persona):
    rec = persona("serverless-webhooks")
    assert rec.ranking[0].family == "node"
    assert _rule(rec, "serverless") is not None


def test_small_api_gets_express(persona):
    rec = persona("small-api-mixed-team")
    assert rec.top == "express"


def test_a_python_team_building_real_time_stays_in_python_and_a_js_team_goes_node(
    persona, knowledge
):
    python_team = persona("live-dashboard-python-team")
    assert _rule(python_team, "team") is not None
    assert _rule(python_team, "realtime") is not None
    assert python_team.ranking[0].family == "python"
    assert not any(r.startswith("Nothing else decides") for r in python_team.reasons)
    same_for_js = python_team.profile.to_data()
    same_for_js["team"]["languages"] = ["javascript"]
    assert recommend(profile(**same_for_js), knowledge).ranking[0].family == "node"


def test_node_with_ai_possible_later_carries_the_ai_later_risk(persona):
    rec = persona("realtime-chat-ts-team")
    risk = next(r for r in rec.risks if r.id == "ai_later")
    assert "2,000-5,000" in risk.mitigation


def test_node_with_ai_needs_carries_the_wrapper_risk(knowledge):
    rec = recommend(
        profile(
            product="small_api",
            needs=["ai_ml"],
            ai_models="own",
            deployment="serverless",
            team={"languages": ["typescript"]},
        ),
        knowledge,
    )
    assert rec.ranking[0].family == "node"
    assert "ai_wrappers" in {r.id for r in rec.risks}


def test_realtime_product_beside_ai_and_business_logic_gets_a_hybrid(persona):
    rec = persona("saas-realtime-ai-hybrid")
    arch = rec.architecture
    assert arch.kind == "hybrid"
    assert arch.stack == "django"
    assert arch.realtime_service == "nestjs"
    assert "Redis" in (arch.bus or "")
    assert arch.extra_cost_eur is not None and arch.extra_cost_eur.low > 0
    assert "hybrid_complexity" in {r.id for r in rec.risks}


def test_python_on_serverless_carries_the_cold_start_risk(persona):
    rec = persona("data-platform-on-lambda")
    assert rec.ranking[0].family == "python"
    assert "serverless_cold_start" in {r.id for r in rec.risks}


def test_plain_realtime_app_is_not_split_into_a_hybrid(knowledge):
    rec = recommend(profile(product="realtime_app", team={"languages": ["python"]}), knowledge)
    assert rec.architecture.kind == "single"
