"""Claim verdicts, the Markdown report and the charts, on a constructed results file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stackwise.lab.data.claims import claim_verdicts
from stackwise.lab.data.report import render_markdown, write_report
from stackwise.lab.data.results import RunResults

SAMPLE = Path(__file__).with_name("test_results_sample.json")


@pytest.fixture
def results() -> RunResults:
    return RunResults.model_validate(json.loads(SAMPLE.read_text()))


def set_rps(results: RunResults, app: str, workload: str, values: list[float]) -> None:
    """Overwrite one app's repeats on one workload at the headline concurrency."""
    usual = results.apps[app].configuration.usual_data_access
    for m in results.measurements:
        if (m.app, m.workload, m.concurrency, m.data_access) == (app, workload, 64, usual):
            for repeat, value in zip(m.repeats, values, strict=True):
                repeat.rps = value


def verdict(results: RunResults, claim_id: str):
    return next(v for v in claim_verdicts(results) if v.claim_id == claim_id)


def test_node_lead_on_json_holds_when_every_repeat_shows_it(results: RunResults) -> None:
    v = verdict(results, "node_leads_synthetic")
    assert v.outcome == "holds"
    json_cmp = next(c for c in v.comparisons if c.subject == "json")
    # Best of each family: express (12,200 median) against fastapi (6,100 median).
    assert (json_cmp.node_app, json_cmp.python_app) == ("express", "fastapi")
    assert json_cmp.advantage == pytest.approx(2.0)
    assert json_cmp.low == pytest.approx(12000 / 6200, abs=0.001)
    assert json_cmp.high == pytest.approx(12400 / 6000, abs=0.001)
    assert "express (Node.js) ahead of fastapi (Python) by 2.00x" in v.finding


def test_overlapping_repeats_make_the_synthetic_lead_only_partly_hold(results: RunResults) -> None:
    set_rps(results, "fastapi", "plaintext", [12000, 14000])
    v = verdict(results, "node_leads_synthetic")
    assert v.outcome == "partly holds"
    plaintext = next(c for c in v.comparisons if c.subject == "plaintext")
    assert plaintext.low < 1 < plaintext.high


def test_python_ahead_everywhere_means_the_lead_does_not_hold(results: RunResults) -> None:
    set_rps(results, "fastapi", "json", [20000, 21000])
    set_rps(results, "fastapi", "plaintext", [20000, 21000])
    v = verdict(results, "node_leads_synthetic")
    assert v.outcome == "does not hold"
    assert "fastapi (Python) ahead of express (Node.js)" in v.finding


def test_database_workloads_compare_orm_with_orm_and_raw_driver_with_raw_driver(
    results: RunResults,
) -> None:
    v = verdict(results, "lead_shrinks_on_io")
    assert [c.subject + c.layer for c in v.comparisons] == [
        "db (ORM against ORM)",
        "db (raw driver against raw driver)",
        "saas (ORM against ORM)",  # only express's raw /saas was measured: no raw pair
        "upstream",
    ]
    orm, raw = v.comparisons[0], v.comparisons[1]
    assert (orm.node_app, orm.python_app) == ("nestjs", "fastapi")  # express's ORM is slower
    assert (raw.node_app, raw.python_app) == ("express", "fastapi")
    # FastAPI's raw driver leads Express's by 2.5x: on raw drivers the gap does not shrink
    assert raw.advantage < 1 / 2 and v.outcome == "partly holds"
    assert "within 1.25x of each other" in v.finding
    assert "the ORMs with each other and the raw drivers with each other" in v.caveat


def test_a_lead_that_grows_on_upstream_is_reported_as_not_shrinking(results: RunResults) -> None:
    set_rps(results, "express", "upstream", [9000, 9100])
    v = verdict(results, "lead_shrinks_on_io")
    assert v.outcome == "partly holds"
    assert "/upstream: express (Node.js) ahead of fastapi (Python)" in v.finding
    assert "the gap does not shrink" in v.finding


def test_memory_verdict_compares_the_leanest_app_of_each_family(results: RunResults) -> None:
    v = verdict(results, "memory_per_connection")
    assert v.outcome == "holds"
    ws = v.comparisons[0]
    assert (ws.subject, ws.node_app, ws.python_app) == ("ws_memory", "express", "fastapi")
    assert ws.advantage == pytest.approx(2.5)


def test_memory_claim_fails_when_python_holds_connections_more_cheaply(results: RunResults) -> None:
    results.websocket["fastapi"].rss_per_1000_kb = 5000
    assert verdict(results, "memory_per_connection").outcome == "does not hold"


def test_cold_start_verdict_uses_every_sample(results: RunResults) -> None:
    v = verdict(results, "cold_start")
    assert v.outcome == "holds"
    (c,) = v.comparisons
    assert (c.node_app, c.python_app) == ("express", "fastapi")
    assert c.low == pytest.approx(700 / 320, abs=0.001)
    assert "not on AWS Lambda" in v.caveat


def test_claims_without_both_families_are_reported_as_not_measured(results: RunResults) -> None:
    for app in ("express", "nestjs"):
        results.apps[app].status = "excluded"
        results.apps[app].reason = "failed verification: /db"
    verdicts = claim_verdicts(results)
    assert {v.outcome for v in verdicts} == {"not measured"}
    text = render_markdown(results, verdicts, [])
    assert "## Apps not measured" in text
    assert "**express**: failed verification: /db" in text


def test_the_markdown_report_states_each_claim_and_the_headline_figures(
    results: RunResults,
) -> None:
    text = render_markdown(results, claim_verdicts(results), ["throughput.png"])
    assert text.count("**Holds.**") == 3  # the I/O claim partly holds, raw driver to raw driver
    assert "at 64 connections" in text
    assert "| express | 12,200 (" in text
    assert "documented production concurrency" in text
    assert "| 3 | 4 | 1 per thread | Django ORM |" in text  # gunicorn's formula at 1 core
    assert "![throughput](throughput.png)" in text


def test_the_report_separates_the_data_layer_from_the_framework(results: RunResults) -> None:
    text = render_markdown(results, claim_verdicts(results), [])
    assert "## Data access: ORM against the raw driver" in text
    # The constructed fastapi raw /db is three times its ORM figure, on the same framework.
    assert "| fastapi | /db |" in text and "| 3.00x |" in text


def test_the_report_names_every_workload_and_the_ones_this_run_did_not_measure(
    results: RunResults,
) -> None:
    # The sample run predates TechEmpower's pipelined /plaintext and /updates at 20 queries.
    text = render_markdown(results, claim_verdicts(results), [])
    workloads = text[text.index("## Workloads") :]
    assert (
        "| /updates (20 queries) | twenty database reads and updates, as TechEmpower publishes it "
        "(/updates?queries=20) | not measured in this run |"
    ) in workloads
    assert "| /plaintext (pipelined 16) | a plain-text response, 16 requests pipelined" in workloads
    assert "| /json | a JSON response (/json) | measured |" in workloads
    # Its figures are never shown as zeros: the throughput table has no column for them.
    assert "| app | /json | /plaintext | /db | /saas | /upstream |" in text


def test_a_pipelined_plaintext_counts_towards_the_synthetic_claim_by_its_label(
    results: RunResults,
) -> None:
    for m in [m for m in results.measurements if m.workload == "plaintext"]:
        repeats = [r.model_copy(update={"latency_ms": None}) for r in m.repeats]
        results.measurements.append(
            m.model_copy(update={"workload": "plaintext_pipelined", "repeats": repeats})
        )
    workloads = results.configuration.workloads
    at = workloads.index("plaintext") + 1
    results.configuration.workloads = [*workloads[:at], "plaintext_pipelined", *workloads[at:]]
    v = verdict(results, "node_leads_synthetic")
    assert [c.subject for c in v.comparisons] == ["json", "plaintext", "plaintext_pipelined"]
    assert "/plaintext (pipelined 16): express (Node.js) ahead" in v.finding
    text = render_markdown(results, claim_verdicts(results), [])
    assert "| /plaintext | /plaintext (pipelined 16) |" in text
    assert "(no p99: pipelined)" in text


def test_the_report_draws_png_charts_beside_report_md(results: RunResults, tmp_path: Path) -> None:
    report = write_report(results, tmp_path)
    charts = sorted(p.name for p in tmp_path.glob("*.png"))
    assert charts == [
        "cold_start.png",
        "latency_p99.png",
        "memory_under_load.png",
        "memory_websocket.png",
        "throughput.png",
    ]
    for chart in charts:
        assert (tmp_path / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"({chart})" in report.read_text()
