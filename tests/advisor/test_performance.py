"""Performance as capacity against need: cores and EUR per month at the profile's own peak."""

from __future__ import annotations

import re

import pytest

from stackwise.advisor import recommend
from stackwise.knowledge.models import STACK_IDS
from tests.helpers.evidence import RPS_PER_CORE, spread, synthetic_evidence, with_evidence
from tests.helpers.samples import profile


def _performance(rec, stack):  # type: ignore[no-untyped-def]
    return next(c for c in rec.stack(stack).contributions if c.factor == "raw_performance")


def test_at_a_small_peak_every_stack_fits_one_instance_and_performance_separates_nothing(
    knowledge,
):
    rec = recommend(profile(product="api_service", scale={"peak_rps": 30}), knowledge)
    assert rec.performance is not None and not rec.performance.separates
    assert "every stack fits one 1-vCPU instance" in rec.performance.text
    assert "performance separates nothing" in rec.performance.text
    assert {_performance(rec, s).score for s in STACK_IDS} == {10}
    assert not any("Raw performance gives" in r for r in rec.reasons)


def test_at_a_large_peak_the_advice_names_cores_and_euros_per_stack(knowledge):
    rec = recommend(profile(product="api_service", scale={"peak_rps": 20_000}), knowledge)
    perf = rec.performance
    assert perf is not None and perf.separates
    assert perf.cores["django"] > 4 * perf.cores["express"]
    assert perf.eur_per_month["django"] > perf.eur_per_month["express"]
    assert re.search(r"Django \d[\d,]* cores on its ORM \(EUR [\d,]+/month\)", perf.text)
    assert perf.text in rec.reasons
    assert _performance(rec, "express").score > _performance(rec, "django").score
    assert "EUR" in _performance(rec, "django").rationale
    assert _performance(rec, "django").source == "lab"


def test_cores_follow_the_measured_capacity_of_the_products_workload_mix(knowledge):
    rec = recommend(profile(product="small_api", scale={"peak_rps": 10_000}), knowledge)
    # small_api: json 0.4, db 0.4, plaintext 0.2; 1.5x headroom
    seconds = sum(
        share / RPS_PER_CORE["django"][w]
        for w, share in {"json": 0.4, "db": 0.4, "plaintext": 0.2}.items()
    )
    assert rec.performance is not None
    assert rec.performance.cores["django"] == pytest.approx(10_000 * 1.5 * seconds, rel=1e-3)


def test_open_connections_cost_memory_measured_per_thousand_websockets(knowledge):
    few = recommend(
        profile(product="realtime_app", scale={"peak_rps": 10, "concurrent_connections": 100}),
        knowledge,
    )
    many = recommend(
        profile(product="realtime_app", scale={"peak_rps": 10, "concurrent_connections": 200_000}),
        knowledge,
    )
    assert few.performance is not None and many.performance is not None
    assert few.performance.eur_per_month["django"] == few.performance.eur_per_month["express"]
    assert many.performance.eur_per_month["django"] > 2 * many.performance.eur_per_month["express"]
    assert "GB" in many.performance.text


def test_unknown_load_uses_the_products_stated_default_and_says_so(knowledge):
    rec = recommend(profile(product="saas"), knowledge)
    assert rec.performance is not None and rec.performance.assumed is not None
    assert rec.performance.text.startswith("No load given: assumed 50 req/s")
    assert rec.performance.peak_rps == 50


def test_serverless_uses_the_measured_cold_start_and_containers_ignore_it(knowledge):
    lambda_rec = recommend(profile(product="api_service", deployment="serverless"), knowledge)
    cold = {
        c.stack: next(x for x in c.contributions if x.factor == "serverless_cold_start")
        for c in lambda_rec.ranking
    }
    assert cold["express"].source == "lab" and cold["express"].score == 10
    assert cold["express"].score > cold["django"].score
    container = recommend(profile(product="api_service"), knowledge)
    weights = {c.factor: c.weight for c in container.ranking[0].contributions}
    assert weights["serverless_cold_start"] == 0


def test_evidence_without_every_stack_leaves_the_articles_scores(knowledge):
    partial = synthetic_evidence({k: v for k, v in RPS_PER_CORE.items() if k != "nestjs"})
    rec = recommend(profile(product="saas"), with_evidence(knowledge, partial))
    assert _performance(rec, "django").source == "article"
    assert rec.performance is None


def test_todays_lab_file_gives_capacity_for_every_stack(shipped):
    rec = recommend(profile(product="api_service", scale={"peak_rps": 5000}), shipped)
    assert rec.performance is not None and rec.performance.separates
    assert set(rec.performance.cores) == set(STACK_IDS)
    assert "lab" in {s["id"] for s in rec.sources}


def test_where_hosting_pays_for_hand_written_sql_a_stack_is_priced_on_its_raw_driver(knowledge):
    evidence = synthetic_evidence()
    assert knowledge.evidence is not None
    fastapi = evidence.capacity["fastapi"]
    raw = {  # the raw driver measured four times as fast as the ORM on the database workloads
        w: f.model_copy(update={"rps_per_core": spread(f.rps_per_core.median * 4, 0.05)})
        for w, f in fastapi.workloads.items()
        if w in {"db", "queries", "updates", "fortunes", "saas"}
    }
    capacity = {
        **evidence.capacity,
        "fastapi": fastapi.model_copy(update={"variants": {"raw": raw}}),
    }
    measured = with_evidence(knowledge, evidence.model_copy(update={"capacity": capacity}))
    busy = profile(
        product="api_service", team={"languages": ["python"]}, scale={"peak_rps": 20_000}
    )
    rec = recommend(busy, measured)
    assert rec.performance is not None and rec.performance.data_access["fastapi"] == "raw"
    assert re.search(r"FastAPI [\d,.]+ cores on its raw SQL driver", rec.performance.text)
    assert "person-weeks of hand-written SQL" in rec.performance.text
    fastapi_total = next(t for t in rec.performance.totals if t.stack == "fastapi")
    assert fastapi_total.raw_sql_eur > 0
    quiet = recommend(profile(product="api_service", scale={"peak_rps": 30}), measured)
    assert quiet.performance is not None and quiet.performance.data_access["fastapi"] == "orm"
    assert "raw SQL driver" not in quiet.performance.text
