"""The risk register: kinds an architect recognises, each with its trigger, mitigation and
source, attached wherever its trigger holds; a profile without risks is told why."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackwise.advisor import ProjectProfile, read_profile_file, recommend
from stackwise.knowledge import load_knowledge

SHIPPED = load_knowledge()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _risks(**answers: object) -> set[str]:
    rec = recommend(
        ProjectProfile.model_validate(answers), SHIPPED, robustness_samples=0, flips=False
    )
    return {r.id for r in rec.risks}


def test_the_register_holds_twenty_kinds_each_with_trigger_mitigation_and_a_known_source():
    assert len(SHIPPED.risks) >= 20
    attached = {r.risk for r in SHIPPED.rules_of("risk")}
    for risk in SHIPPED.risks.values():
        assert risk.trigger and risk.mitigation and risk.detail, risk.id
        assert risk.source in SHIPPED.sources, risk.id
        assert risk.id in attached, f"{risk.id}: no rule attaches it"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"product": "saas", "regulated_data": "health", "team": {"size": 6}}, "regulated_health"),
        ({"product": "ecommerce", "regulated_data": "payments"}, "regulated_payments"),
        ({"product": "saas", "regulated_data": "personal"}, "personal_data"),
        ({"product": "saas", "team": {"hiring": True, "size": 3}}, "hiring_lead_time"),
        ({"product": "small_api", "team": {"size": 1}}, "team_of_one"),
        ({"product": "ai_product"}, "llm_cost_latency"),
        (
            {"product": "realtime_app", "scale": {"concurrent_connections": 100_000}},
            "realtime_scale_out",
        ),
        ({"product": "small_api", "deployment": "edge"}, "edge_runtime_limits"),
        ({"product": "api_service", "deployment": "serverless"}, "serverless_db_connections"),
        (
            {"product": "saas", "team": {"languages": ["python"], "frameworks": ["fastapi"]}},
            "framework_switch",
        ),
        ({"product": "api_service", "scale": {"peak_rps": 20_000}}, "raw_sql_maintenance"),
        ({"product": "saas", "needs": ["background_jobs"]}, "background_jobs_reliability"),
        ({"product": "saas", "needs": ["public_api"]}, "public_api_versioning"),
        ({"product": "marketplace", "needs": ["payments"]}, "payments_webhooks"),
        ({"product": "mobile_backend"}, "mobile_api_versions"),
        ({"product": "business_app", "integrations": 4}, "integrations_fragility"),
        ({"product": "saas", "team": {"size": 35}}, "large_team_coordination"),
    ],
)
def test_a_risk_is_attached_where_its_trigger_holds(answers, expected):
    assert expected in _risks(**answers)


def test_a_quiet_profile_gets_none_of_the_new_risks():
    assert _risks(product="business_app", team={"languages": ["python"], "size": 3}) == set()


def test_every_example_gets_its_risks_or_is_told_why_none_applies():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        rec = recommend(read_profile_file(path), SHIPPED, robustness_samples=0, flips=False)
        if rec.risks:
            assert rec.no_risks is None, path.stem
            assert all(r.trigger for r in rec.risks), path.stem
        else:
            assert rec.no_risks is not None, path.stem
            assert rec.no_risks.startswith(f"None of the {len(SHIPPED.risks)} risks")
