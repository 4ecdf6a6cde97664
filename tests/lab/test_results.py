"""The results models: they accept what the lab writes, refuse broken documents by place, and
work out the flat figures and the advisor's evidence from the measurements themselves."""

from __future__ import annotations

import copy
import json
import statistics
from pathlib import Path

import pytest
from pydantic import ValidationError

from stackwise.lab.data.capacity import evidence_of
from stackwise.lab.data.results import (
    Measurement,
    ResultsError,
    RunResults,
    json_schema,
    load_results,
    schema_errors,
    write_results,
)

SAMPLE = Path(__file__).with_name("test_results_sample.json")


@pytest.fixture
def document() -> dict:
    return json.loads(SAMPLE.read_text())


@pytest.fixture
def results(document: dict) -> RunResults:
    return RunResults.model_validate(document)


def test_a_complete_results_document_fits_the_model(document: dict) -> None:
    assert schema_errors(document) == []


def test_a_broken_document_is_refused_with_the_path_of_each_problem(document: dict) -> None:
    broken = copy.deepcopy(document)
    del broken["machine"]["cores"]
    broken["measurements"][0]["repeats"][0]["rps"] = -3
    broken["cold_start"]["django"]["median_ms"] = "slow"
    problems = schema_errors(broken)
    assert "machine.cores: Field required" in problems
    assert any(p.startswith("measurements.0.repeats.0.rps:") for p in problems)
    assert any(p.startswith("cold_start.django.median_ms:") for p in problems)


def test_an_unknown_workload_name_is_refused_naming_the_known_ones(document: dict) -> None:
    document["measurements"][0]["workload"] = "graphql"
    (problem,) = schema_errors(document)
    assert problem.startswith("measurements.0.workload: Value error, unknown workload 'graphql'")
    assert "json, plaintext, plaintext_pipelined, db" in problem


def test_a_bad_figure_is_refused_where_the_run_sets_it() -> None:
    measurement = Measurement(app="django", data_access="orm", workload="json", concurrency=8)
    with pytest.raises(ValidationError, match="concurrency"):
        measurement.concurrency = 0
    with pytest.raises(ValidationError, match="data_access"):
        Measurement(app="django", data_access="odbc", workload="json", concurrency=8)


def test_written_results_read_back_identically(results: RunResults, tmp_path: Path) -> None:
    path = write_results(tmp_path / "run", results)
    assert path.name == "results.json"
    assert load_results(tmp_path / "run") == results


def test_the_database_url_is_never_written(results: RunResults, tmp_path: Path) -> None:
    results.configuration.database_url = "postgresql://lab:secret@db/lab"
    path = write_results(tmp_path, results)
    assert "secret" not in path.read_text()


def test_reading_a_file_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "results.json"
    bad.write_text("{not json")
    with pytest.raises(ResultsError, match="results.json: not valid JSON"):
        load_results(tmp_path)
    with pytest.raises(ResultsError, match="no results file"):
        load_results(tmp_path / "elsewhere")


def test_an_old_results_file_is_refused_by_its_schema_version(
    document: dict, tmp_path: Path
) -> None:
    document["schema_version"] = 2
    (tmp_path / "results.json").write_text(json.dumps(document))
    with pytest.raises(ResultsError, match="schema_version: Input should be 3"):
        load_results(tmp_path)


def test_the_summary_holds_medians_at_the_headline_concurrency_only(
    results: RunResults,
) -> None:
    assert results.summary_concurrency == 64
    results.configuration.concurrency = [16]
    # The constructed repeats at 16 connections: 1800 and 1890 req/s, p99 24.0 and 22.857 ms.
    figures = results.summary["django"]["json"]
    assert figures.rps == 1845.0
    assert figures.p99_ms == pytest.approx(23.43, abs=0.01)
    assert results.cold_start_ms["express"] == 305
    assert results.ws_rss_per_1000_kb["nestjs"] == 12000


def test_the_summary_holds_each_apps_usual_data_access_only(results: RunResults) -> None:
    orm = next(
        m.repeats
        for m in results.measurements
        if (m.app, m.workload, m.data_access, m.concurrency) == ("fastapi", "db", "orm", 64)
    )
    assert results.summary["fastapi"]["db"].rps == pytest.approx(
        statistics.median(r.rps for r in orm), abs=0.1
    )


def test_the_evidence_is_what_the_advisor_reads(results: RunResults) -> None:
    evidence = evidence_of(results, "lab/results/sample/results.json")
    assert evidence.document == "lab/results/sample/results.json"
    assert evidence.cores == 1
    assert evidence.p99_target_ms == results.configuration.p99_target_ms
    assert set(evidence.capacity) == {"django", "fastapi", "express", "nestjs"}
    express = evidence.capacity["express"]
    assert express.data_access == "raw"
    assert "node cluster module" in express.configuration
    assert express.source.endswith("lab/apps/express")
    assert express.workloads["db"].rps_per_core.repeats == 2
    # The other data access rides along on the database workloads only.
    assert set(express.variants) == {"orm"} and set(express.variants["orm"]) == {"db"}
    fastapi = evidence.capacity["fastapi"]
    assert fastapi.data_access == "orm"
    assert (
        fastapi.variants["raw"]["db"].rps_per_core.median
        > fastapi.workloads["db"].rps_per_core.median
    )


def test_an_excluded_app_has_no_evidence(results: RunResults) -> None:
    results.apps["nestjs"].status = "excluded"
    assert "nestjs" not in evidence_of(results, "x").capacity


def test_the_json_schema_is_generated_from_the_models() -> None:
    schema = json_schema()
    assert schema["title"] == "RunResults"
    assert "measurements" in schema["properties"] and "evidence" not in schema["properties"]
    assert (
        "Repeat" in schema["$defs"] and "postgres_cpu_s" in schema["$defs"]["Repeat"]["properties"]
    )


def test_a_pipelined_workload_has_throughput_but_no_latency_and_so_no_capacity(
    results: RunResults,
) -> None:
    # wrk's latency figures mean nothing when it pipelines: the run records none.
    for m in [m for m in results.measurements if m.workload == "plaintext"]:
        results.measurements.append(
            m.model_copy(
                update={
                    "workload": "plaintext_pipelined",
                    "repeats": [r.model_copy(update={"latency_ms": None}) for r in m.repeats],
                }
            )
        )
    figures = results.summary["express"]["plaintext_pipelined"]
    assert figures.rps == results.summary["express"]["plaintext"].rps
    assert figures.p99_ms is None
    # The advisor's capacity is throughput within a p99 target: none without a p99.
    evidence = evidence_of(results, "lab/results/x/results.json")
    assert "plaintext" in evidence.capacity["express"].workloads
    assert "plaintext_pipelined" not in evidence.capacity["express"].workloads
