"""The workload registry: each workload defined once, and everything the lab does reads it."""

from __future__ import annotations

import re

import pytest

from stackwise.lab.data.results import Measurement
from stackwise.lab.data.workloads import (
    BY_NAME,
    DATABASE_WORKLOADS,
    WORKLOAD_NAMES,
    WORKLOADS,
    Workload,
    of_kind,
)
from stackwise.lab.location import LAB_DIR
from stackwise.lab.verify import Verifier


def test_every_workload_has_a_script_a_check_and_a_description() -> None:
    assert WORKLOAD_NAMES == (
        "json",
        "plaintext",
        "plaintext_pipelined",
        "db",
        "queries",
        "updates",
        "updates_20",
        "fortunes",
        "saas",
        "upstream",
    )
    for workload in WORKLOADS:
        assert (LAB_DIR / "wrk" / workload.script).is_file(), workload.name
        assert callable(getattr(Verifier, f"check_{workload.check}")), workload.name
        assert workload.path.startswith("/")
        assert workload.description and workload.name.isidentifier()
        # Only the pipeline script reads a depth; every other script sends one at a time.
        assert (workload.pipeline > 1) == (workload.script == "pipeline.lua"), workload.name
    assert BY_NAME["queries"].path == "/queries?queries=20"
    assert BY_NAME["updates"].path == "/updates?queries=5"


def test_techempower_s_published_workloads_are_entries_beside_the_lab_s_own() -> None:
    updates, pipelined = BY_NAME["updates_20"], BY_NAME["plaintext_pipelined"]
    assert (updates.path, updates.check, updates.database) == (
        "/updates?queries=20",
        "updates",
        True,
    )
    assert (pipelined.path, pipelined.check, pipelined.pipeline) == ("/plaintext", "plaintext", 16)
    assert BY_NAME["plaintext"].pipeline == 1
    # Readers tell them apart by their labels and descriptions.
    labels = [w.label for w in WORKLOADS]
    assert len(set(labels)) == len(labels)
    assert "TechEmpower" in updates.description and "TechEmpower" in pipelined.description


def test_the_database_workloads_and_the_claims_kinds_come_from_the_entries() -> None:
    assert DATABASE_WORKLOADS == ("db", "queries", "updates", "updates_20", "fortunes", "saas")
    assert of_kind("synthetic") == ("json", "plaintext", "plaintext_pipelined")
    assert of_kind("io") == ("db", "saas", "upstream")


def test_a_new_workload_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workload added as one entry: the results model takes it."""
    import stackwise.lab.data.workloads as registry

    added = Workload(
        "queries_5", "/queries?queries=5", "queries", True, "/queries (5)", "five reads (/queries)"
    )
    monkeypatch.setitem(registry.BY_NAME, added.name, added)
    measurement = Measurement(app="django", data_access="orm", workload="queries_5", concurrency=8)
    assert measurement.workload == "queries_5"


def test_the_docs_list_every_workload() -> None:
    docs = (LAB_DIR.parent / "docs" / "lab.md").read_text()
    table = docs[docs.index("## The workloads") :]
    for workload in WORKLOADS:
        assert re.search(rf"`{re.escape(workload.path.split('?')[0])}", table), workload.name
