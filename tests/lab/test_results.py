"""The results file: its schema accepts what the lab writes and refuses broken documents."""

from __future__ import annotations

import copy
import json
import statistics
from pathlib import Path

import pytest

from stackwise.lab.results import (
    ResultsError,
    add_summary,
    json_schema,
    load_results,
    machine_block,
    schema_errors,
    write_results,
)

SAMPLE = Path(__file__).with_name("test_results_sample.json")
FIRST_SCHEMA = Path(__file__).parent / "fixtures" / "results-schema-1.json"


@pytest.fixture
def results() -> dict:
    return json.loads(SAMPLE.read_text())


def test_a_complete_results_document_fits_the_schema(results: dict) -> None:
    assert schema_errors(results) == []


def test_a_broken_document_is_refused_with_the_path_of_each_problem(
    results: dict, tmp_path: Path
) -> None:
    broken = copy.deepcopy(results)
    del broken["machine"]["cores"]
    broken["measurements"][0]["repeats"][0]["rps"] = -3
    broken["summary"]["django"]["json"]["rps"] = "fast"
    problems = schema_errors(broken)
    assert "machine.cores: Field required" in problems
    assert any(p.startswith("measurements.0.repeats.0.rps:") for p in problems)
    assert any(p.startswith("summary.django.json.rps:") for p in problems)
    with pytest.raises(ResultsError, match="do not fit the results model"):
        write_results(tmp_path, broken)
    assert not (tmp_path / "results.json").exists()


def test_an_unknown_workload_name_is_refused(results: dict) -> None:
    results["summary"]["django"]["graphql"] = {"rps": 1.0, "p99_ms": 1.0}
    assert any("graphql" in p for p in schema_errors(results))


def test_written_results_read_back_identically(results: dict, tmp_path: Path) -> None:
    path = write_results(tmp_path / "run", results)
    assert path.name == "results.json"
    assert load_results(tmp_path / "run") == results


def test_reading_a_file_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "results.json"
    bad.write_text("{not json")
    with pytest.raises(ResultsError, match="results.json: not valid JSON"):
        load_results(tmp_path)
    with pytest.raises(ResultsError, match="no results file"):
        load_results(tmp_path / "elsewhere")


def test_summary_holds_medians_at_the_headline_concurrency_only(results: dict) -> None:
    results["configuration"]["headline_concurrency"] = 16
    add_summary(results)
    assert results["summary_concurrency"] == 16
    # The constructed repeats at 16 connections: 1800 and 1890 req/s, p99 24.0 and 22.857 ms.
    assert results["summary"]["django"]["json"] == {
        "rps": 1845.0,
        "p99_ms": pytest.approx(23.43, abs=0.01),
    }
    assert results["cold_start_ms"]["express"] == 305
    assert results["ws_rss_per_1000_kb"]["nestjs"] == 12000


def test_the_evidence_block_is_what_the_advisor_reads(results: dict, tmp_path: Path) -> None:
    from stackwise.knowledge.evidence import read_evidence

    path = write_results(tmp_path / "lab-results.json", results)
    evidence = read_evidence(path)
    assert evidence is not None
    assert evidence.cores == 1
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


def test_the_flat_summary_holds_each_apps_usual_data_access_only(results: dict) -> None:
    orm = next(
        m["repeats"]
        for m in results["measurements"]
        if (m["app"], m["workload"], m["data_access"], m["concurrency"])
        == ("fastapi", "db", "orm", 64)
    )
    assert results["summary"]["fastapi"]["db"]["rps"] == pytest.approx(
        statistics.median(r["rps"] for r in orm), abs=0.1
    )


def test_a_first_schema_file_is_read_in_the_current_shape() -> None:
    results = load_results(FIRST_SCHEMA)
    assert results["schema_version"] == 2
    assert {m["data_access"] for m in results["measurements"] if m["app"] == "express"} == {"raw"}
    assert results["evidence"]["capacity"]["django"]["data_access"] == "orm"


def test_the_json_schema_is_generated_from_the_models() -> None:
    schema = json_schema()
    assert schema["title"] == "RunResults"
    assert "evidence" in schema["required"]
    assert (
        "Repeat" in schema["$defs"] and "postgres_cpu_s" in schema["$defs"]["Repeat"]["properties"]
    )


def test_the_machine_block_names_this_machine_and_its_runtimes() -> None:
    machine = machine_block({"django": "5.2"}, note="test")
    assert machine["cores"] >= 1
    assert machine["cpu_model"]
    assert machine["python"].startswith("3.")
    assert machine["frameworks"] == {"django": "5.2"}
