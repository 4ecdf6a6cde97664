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
    check: str  # the conformance check the app must pass first: stackwise/lab/verify.py
    database: bool  # its code differs between the ORM and the raw-driver variant of an app
    description: str  # what one request does, for the report and the evidence page
    kind: Kind = None
    script: str = "report.lua"  # in lab/wrk/; every script prints the figures report.lua does
    # What the workload stands for in a real product, in words for a visitor of /evidence/.
    explained: str = ""


WORKLOADS: tuple[Workload, ...] = (
    Workload(
        "json",
        "/json",
        "json",
        False,
        "a JSON response (/json)",
        "synthetic",
        explained="Returns a small JSON object with no database: the framework and the runtime "
        "alone, the figure most published benchmarks lead with.",
    ),
    Workload(
        "plaintext",
        "/plaintext",
        "plaintext",
        False,
        "a plain-text response (/plaintext)",
        "synthetic",
        explained="Returns 'Hello, World!' as text: the least work a request can cause, so it "
        "measures the server's own overhead.",
    ),
    Workload(
        "db",
        "/db",
        "db",
        True,
        "one database read (/db)",
        "io",
        explained="Reads one random row from PostgreSQL and returns it as JSON: what a typical "
        "API endpoint that looks up one record does.",
    ),
    Workload(
        "queries",
        "/queries?queries=20",
        "queries",
        True,
        "twenty database reads (/queries)",
        explained="Reads twenty random rows one query at a time: an endpoint that talks to the "
        "database many times per request, where the data layer's overhead adds up.",
    ),
    Workload(
        "updates",
        "/updates?queries=5",
        "updates",
        True,
        "five database updates (/updates)",
        explained="Reads random rows, changes each and writes every one back: a write-heavy "
        "endpoint such as saving a form with several records.",
    ),
    Workload(
        "fortunes",
        "/fortunes",
        "fortunes",
        True,
        "an HTML page from the database (/fortunes)",
        explained="Reads a table, adds a row in memory, sorts it and renders an escaped HTML "
        "page from a template: a server-rendered page.",
    ),
    Workload(
        "saas",
        "/saas/dashboard",
        "saas",
        True,
        "a SaaS dashboard query (/saas)",
        "io",
        "saas.lua",
        explained="Checks an API key, then loads one account's invoice totals by status and its "
        "20 latest invoices with their customers: production-like work for a business "
        "application.",
    ),
    Workload(
        "upstream",
        "/upstream",
        "upstream",
        False,
        "a call to a slow upstream API (/upstream)",
        "io",
        explained="Waits on another service that answers after a fixed delay: an endpoint that "
        "calls a payment provider or a model API, where the server mostly waits.",
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
