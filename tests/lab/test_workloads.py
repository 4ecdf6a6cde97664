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
        "db",
        "queries",
        "updates",
        "fortunes",
        "saas",
        "upstream",
    )
    for workload in WORKLOADS:
        assert (LAB_DIR / "wrk" / workload.script).is_file(), workload.name
        assert callable(getattr(Verifier, f"check_{workload.check}")), workload.name
        assert workload.path.startswith("/")
        assert workload.description and workload.name.isidentifier()
    assert BY_NAME["queries"].path == "/queries?queries=20"
    assert BY_NAME["updates"].path == "/updates?queries=5"


def test_the_database_workloads_and_the_claims_kinds_come_from_the_entries() -> None:
    assert DATABASE_WORKLOADS == ("db", "queries", "updates", "fortunes", "saas")
    assert of_kind("synthetic") == ("json", "plaintext")
    assert of_kind("io") == ("db", "saas", "upstream")


def test_a_new_workload_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """TechEmpower's updates at 20 queries, added as one entry: the results model takes it."""
    import stackwise.lab.data.workloads as registry

    added = Workload(
        "updates20", "/updates?queries=20", "updates", True, "twenty updates (/updates)"
    )
    monkeypatch.setitem(registry.BY_NAME, added.name, added)
    measurement = Measurement(app="django", data_access="orm", workload="updates20", concurrency=8)
    assert measurement.workload == "updates20"


def test_the_docs_list_every_workload() -> None:
    docs = (LAB_DIR.parent / "docs" / "lab.md").read_text()
    table = docs[docs.index("## The workloads") :]
    for workload in WORKLOADS:
        assert re.search(rf"`{re.escape(workload.path.split('?')[0])}", table), workload.name
