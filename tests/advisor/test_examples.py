"""Every example profile gives the pick its comment promises, on synthetic measurements and on
today's lab file alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackwise.advisor import read_profile_file, recommend

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# example -> (top, architecture, what else the advice must say)
EXPECTED: dict[str, tuple[str, str, set[str]]] = {
    "ai-product-js-team": ("django", "single", {"risk:learning_curve", "risk:gpu_cost"}),
    "ai-support-agent-ts-team": ("nestjs", "single", {"risk:llm_cost_latency"}),
    "inference-api-own-models": ("fastapi", "single", {"risk:gpu_cost"}),
    "ts-team-api-at-50000": ("express", "single", set()),
    "api-service-python": ("fastapi", "single", set()),
    "data-platform-on-lambda": ("django", "single", {"risk:serverless_cold_start"}),
    "js-team-business-app": ("nestjs", "single", set()),
    "live-dashboard-python-team": ("django", "single", set()),
    "realtime-chat-ts-team": ("nestjs", "single", {"risk:ai_later"}),
    "saas-python-team": ("django", "single", set()),
    "saas-realtime-ai-hybrid": ("django", "hybrid", {"risk:hybrid_complexity", "decided:fit"}),
    "live-scores-million-followers": (
        "django",
        "hybrid",
        {"risk:second_runtime_learning", "decided:money"},
    ),
    "serverless-webhooks": ("express", "single", set()),
    "small-api-mixed-team": ("express", "single", set()),
    "internal-api-solo-python": ("fastapi", "single", {"performance:separates nothing"}),
    "partner-api-at-scale": ("express", "single", {"flip:scale.peak_rps", "scope"}),
    "ts-team-realtime-ai-hybrid": ("nestjs", "hybrid", {"risk:second_runtime_learning"}),
    "founders-saas-live-updates": ("django", "single", set()),
    "contradictory-edge-small-api": (
        "django",
        "single",
        {
            "warning:python_on_edge",
            "warning:small_api_not_small",
            "warning:budget_below_article_minimum",
        },
    ),
    "enterprise-python-team": ("django", "single", {"scope"}),
    "live-dashboard-django-or-fastapi": ("fastapi", "single", {"tie"}),
    # estimates from the work (docs/decision-model.md, tests/advisor/test_estimates.py)
    "telehealth-gdpr-salaried": ("django", "single", {"risk:over_budget", "risk:over_deadline"}),
    "marketplace-payments-eastern-europe": ("django", "single", {"risk:over_budget"}),
    "shop-with-hiring-uk": ("django", "single", {"risk:over_deadline"}),
    "realtime-game-three-devs": ("nestjs", "single", {"risk:over_budget"}),
}


# Examples about measured speed itself: on a real lab file (which a re-run changes) they must
# keep to what the measurements can decide, and say it, rather than name one stack.
MEASURED: dict[str, set[str]] = {
    "partner-api-at-scale": {"fastapi"},
    "ts-team-api-at-50000": {"fastapi", "express"},
    "live-dashboard-django-or-fastapi": {"django", "fastapi"},
}


def test_every_example_has_an_expected_pick():
    assert {p.stem for p in EXAMPLES.glob("*.yaml")} == set(EXPECTED)


def _said(rec) -> set[str]:  # type: ignore[no-untyped-def]
    said = {f"risk:{r.id}" for r in rec.risks} | {f"warning:{w.id}" for w in rec.warnings}
    said |= {f"flip:{f.field}" for f in rec.flips}
    if rec.tie is not None:
        said.add("tie")
    for reason in ("money", "fit"):
        if rec.architecture.rationale.startswith(f"{reason.capitalize()} decides:"):
            said.add(f"decided:{reason}")
    if not rec.estimate.within_mvp_scope:
        said.add("scope")
    if rec.performance is not None and "separates nothing" in rec.performance.text:
        said.add("performance:separates nothing")
    return said


@pytest.mark.parametrize("evidence", ["synthetic", "today's lab file"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_the_pick_its_comment_promises(name, evidence, knowledge, shipped):
    top, architecture, says = EXPECTED[name]
    rec = recommend(
        read_profile_file(EXAMPLES / f"{name}.yaml"),
        knowledge if evidence == "synthetic" else shipped,
        robustness_samples=0,
    )
    if evidence != "synthetic" and name in MEASURED:
        assert rec.top in MEASURED[name] and rec.architecture.kind == architecture
        assert rec.performance is not None and rec.performance.separates
        return
    assert (rec.top, rec.architecture.kind) == (top, architecture), rec.reasons[0]
    assert says <= _said(rec)
