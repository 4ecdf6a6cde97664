"""The lab's workloads, each defined once: what wrk requests, how, what verifies it, and its name
for readers. Everything else (the run's options, the results model, the report, the evidence
page) reads this list, so a new workload is one entry here, as a test type is in TechEmpower's
toolset. Pure data: the site imports it without the lab's runtime.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a workload says about the article's claims: "synthetic" answers without real work (the
# benchmarks' own favourite), "io" waits on the database or another service (where the article
# says the runtime stops mattering); None is neither.
Kind = Literal["synthetic", "io"] | None


@dataclass(frozen=True)
class Workload:
    """One workload: a path, the wrk script that shapes its requests, and how it is judged."""

    name: str
    path: str  # with its query string, requested on the app's base URL
    check: str  # the conformance check (lab/verify.py's `check_<name>`) the app must pass first
    database: bool  # its code differs between the ORM and the raw-driver variant of an app
    description: str  # what one request does, for the report and the evidence page
    kind: Kind = None
    script: str = "report.lua"  # in lab/wrk/; every script prints the figures report.lua does


WORKLOADS: tuple[Workload, ...] = (
    Workload("json", "/json", "json", False, "a JSON response (/json)", "synthetic"),
    Workload(
        "plaintext",
        "/plaintext",
        "plaintext",
        False,
        "a plain-text response (/plaintext)",
        "synthetic",
    ),
    Workload("db", "/db", "db", True, "one database read (/db)", "io"),
    Workload("queries", "/queries?queries=20", "queries", True, "twenty database reads (/queries)"),
    Workload("updates", "/updates?queries=5", "updates", True, "five database updates (/updates)"),
    Workload(
        "fortunes", "/fortunes", "fortunes", True, "an HTML page from the database (/fortunes)"
    ),
    Workload(
        "saas", "/saas/dashboard", "saas", True, "a SaaS dashboard query (/saas)", "io", "saas.lua"
    ),
    Workload(
        "upstream",
        "/upstream",
        "upstream",
        False,
        "a call to a slow upstream API (/upstream)",
        "io",
    ),
)

BY_NAME: dict[str, Workload] = {w.name: w for w in WORKLOADS}
WORKLOAD_NAMES: tuple[str, ...] = tuple(BY_NAME)
DATABASE_WORKLOADS: tuple[str, ...] = tuple(w.name for w in WORKLOADS if w.database)


def known_workload(name: str) -> str:
    """A workload name the lab defines, or a ValueError listing the ones it does."""
    if name not in BY_NAME:
        raise ValueError(f"unknown workload {name!r}; the lab has {', '.join(WORKLOAD_NAMES)}")
    return name


def of_kind(kind: Kind) -> tuple[str, ...]:
    """The workloads that speak to one kind of claim, in the lab's order."""
    return tuple(w.name for w in WORKLOADS if w.kind == kind)
