"""The results file: its schema accepts what the lab writes and refuses broken documents."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from stackwise.lab.results import (
    ResultsError,
    add_summary,
    load_results,
    machine_block,
    schema_errors,
    write_results,
)

SAMPLE = Path(__file__).with_name("test_results_sample.json")


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
    assert any(p.startswith("machine:") and "'cores'" in p for p in problems)
    assert any(p.startswith("measurements.0.repeats.0.rps:") for p in problems)
    assert any(p.startswith("summary.django.json.rps:") for p in problems)
    with pytest.raises(ResultsError, match="do not fit"):
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


def test_the_advisor_accepts_the_summary_block(results: dict) -> None:
    from stackwise.knowledge.models import Evidence

    evidence = Evidence(
        document="results.json",
        date=results["finished_at"],
        machine=results["machine"]["cpu_model"],
        concurrency=results["summary_concurrency"],
        summary=results["summary"],
        cold_start_ms=results["cold_start_ms"],
    )
    assert evidence.summary["express"]["saas"].rps > 0


def test_the_machine_block_names_this_machine_and_its_runtimes() -> None:
    machine = machine_block({"django": "5.2"}, note="test")
    assert machine["cores"] >= 1
    assert machine["cpu_model"]
    assert machine["python"].startswith("3.")
    assert machine["frameworks"] == {"django": "5.2"}
