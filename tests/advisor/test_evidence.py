"""With a lab results file in the knowledge, raw performance comes from measurements."""

from __future__ import annotations

import json
import shutil

from stackwise.advisor import recommend
from stackwise.knowledge import load_knowledge
from stackwise.knowledge.loader import DATA_DIR, EVIDENCE_FILE
from tests.helpers.samples import profile

# Node far ahead on the synthetic test, all four alike on the SaaS read and the upstream call.
SUMMARY = {
    app: {
        "json": {"rps": rps, "p99_ms": 5.0},
        "saas": {"rps": 900.0, "p99_ms": 40.0},
        "db": {"rps": 2000.0, "p99_ms": 10.0},
        "fortunes": {"rps": 1800.0, "p99_ms": 12.0},
        "upstream": {"rps": 300.0, "p99_ms": 80.0},
    }
    for app, rps in (
        ("django", 2000.0),
        ("fastapi", 6000.0),
        ("express", 20000.0),
        ("nestjs", 15000.0),
    )
}


def _knowledge_with_results(tmp_path, summary=SUMMARY):  # type: ignore[no-untyped-def]
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns(EVIDENCE_FILE))
    results = {
        "schema_version": 1,
        "machine": {"cpu_model": "Test CPU", "cores": 2, "os": "Linux"},
        "finished_at": "2026-11-25T00:00:00Z",
        "summary_concurrency": 64,
        "summary": summary,
    }
    (folder / EVIDENCE_FILE).write_text(json.dumps(results))
    return load_knowledge(folder)


def _performance(rec, stack):  # type: ignore[no-untyped-def]
    return next(c for c in rec.stack(stack).contributions if c.factor == "raw_performance")


def test_measured_throughput_replaces_the_articles_judgement_and_cites_the_lab(tmp_path):
    knowledge = _knowledge_with_results(tmp_path)
    rec = recommend(profile(product="small_api"), knowledge)
    express = _performance(rec, "express")
    assert express.source == "lab"
    assert express.score > _performance(rec, "django").score
    assert "lab" in {s["id"] for s in rec.sources}


def test_a_database_heavy_saas_sees_the_gap_shrink(tmp_path):
    knowledge = _knowledge_with_results(tmp_path)
    saas = recommend(profile(product="saas"), knowledge)
    small = recommend(profile(product="small_api"), knowledge)
    saas_gap = _performance(saas, "express").score - _performance(saas, "django").score
    small_gap = _performance(small, "express").score - _performance(small, "django").score
    assert saas_gap < small_gap
    assert "Measured in the lab: " in _performance(saas, "django").rationale
    assert "saas 900 req/s" in _performance(saas, "django").rationale


def test_a_results_file_without_every_app_leaves_the_article_scores(tmp_path):
    partial = {k: v for k, v in SUMMARY.items() if k != "nestjs"}
    knowledge = _knowledge_with_results(tmp_path, partial)
    rec = recommend(profile(product="saas"), knowledge)
    assert _performance(rec, "django").source == "article"


def test_the_results_file_is_part_of_the_knowledge_version(tmp_path):
    assert _knowledge_with_results(tmp_path).version != load_knowledge().version
