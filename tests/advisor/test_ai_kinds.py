"""AI kinds: Python's precedence for own models only; hosted model APIs leave the team its
language; an inference API for own models prefers FastAPI; the article's claim is judged."""

from __future__ import annotations

from stackwise.advisor import ProjectProfile, recommend
from stackwise.knowledge import load_knowledge

SHIPPED = load_knowledge()


def _advise(**answers: object):  # type: ignore[no-untyped-def]
    return recommend(ProjectProfile.model_validate(answers), SHIPPED, robustness_samples=0)


def test_a_typescript_team_on_hosted_models_keeps_its_language():
    rec = _advise(product="ai_product", ai_models="hosted", team={"languages": ["typescript"]})
    assert rec.ranking[0].family == "node"
    assert not any(r.id == "ai_core" and r.overridden_by is None for r in rec.rules)


def test_own_models_take_precedence_over_a_javascript_team():
    rec = _advise(product="ai_product", ai_models="own", team={"languages": ["javascript"]})
    assert rec.ranking[0].family == "python"
    assert any(r.id == "learning_curve" for r in rec.risks)
    assert any(r.id == "gpu_cost" for r in rec.risks)


def test_an_inference_api_for_own_models_prefers_fastapi():
    rec = _advise(product="api_service", needs=["ai_ml"], ai_models="own")
    assert rec.top == "fastapi"
    rec = _advise(product="ai_product", needs=["ai_ml", "public_api"], ai_models="own")
    assert rec.top == "fastapi"


def test_the_articles_claim_is_shown_with_a_verdict_and_its_sources():
    for kind, verdict in (("hosted", "Does not hold"), ("own", "Holds")):
        rec = _advise(product="ai_product", ai_models=kind, team={"languages": ["typescript"]})
        shown = [r for r in rec.reasons if "Python is the only practical choice" in r]
        assert shown and f"Our verdict: {verdict}" in shown[0]
        assert "openai_node_sdk" in {s["id"] for s in rec.sources}


def test_own_models_price_the_gpu_they_run_on_beside_every_stack():
    own = _advise(product="ai_product", ai_models="own")
    hosted = _advise(product="ai_product", ai_models="hosted")
    assert own.performance is not None and hosted.performance is not None
    gpu = SHIPPED.costs.hosting.gpu_instance_month_eur.value
    assert (
        own.performance.gpu_eur_per_month == gpu
        and f"EUR {gpu:,.0f} a month" in own.performance.text
    )
    assert hosted.performance.gpu_eur_per_month is None
