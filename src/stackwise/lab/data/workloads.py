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
    check: str  # the check (stackwise/lab/verify.py's check_<name>) an app must pass first
    database: bool  # its code differs between the ORM and the raw-driver variant of an app
    label: str  # its short name in tables and charts, apart from the workloads beside it
    description: str  # what one request does, for the report and the evidence page
    kind: Kind = None
    script: str = "report.lua"  # in lab/wrk/; every script prints the figures report.lua does
    # Requests written back to back on a connection before reading the answers (pipeline.lua).
    pipeline: int = 1
    # What the workload stands for in a real product, in words for a visitor of /evidence/.
    explained: str = ""
    # One of the test types TechEmpower publishes, as TechEmpower runs it (docs/lab.md orders the
    # apps on these to compare directions with its rounds).
    techempower: bool = False


# TechEmpower publishes /updates at 20 queries and /plaintext pipelined 16 deep (its
# toolset/wrk/pipeline.lua); the lab measured /updates at 5 and /plaintext one request at a time
# before it measured those, and keeps them beside TechEmpower's under their own names.
WORKLOADS: tuple[Workload, ...] = (
    Workload(
        "json",
        "/json",
        "json",
        False,
        "/json",
        "a JSON response (/json)",
        "synthetic",
        explained=(
            "Returns a small JSON object with no database: the framework and the runtime "
            "alone, the figure most published benchmarks lead with."
        ),
        techempower=True,
    ),
    Workload(
        "plaintext",
        "/plaintext",
        "plaintext",
        False,
        "/plaintext",
        "a plain-text response, one request at a time per connection (/plaintext)",
        "synthetic",
        explained=(
            "Returns 'Hello, World!' as text: the least work a request can cause, so it "
            "measures the server's own overhead."
        ),
    ),
    Workload(
        "plaintext_pipelined",
        "/plaintext",
        "plaintext",
        False,
        "/plaintext (pipelined 16)",
        "a plain-text response, 16 requests pipelined per connection as TechEmpower publishes "
        "it (/plaintext)",
        "synthetic",
        "pipeline.lua",
        pipeline=16,
        explained=(
            "The same text response with 16 requests sent back to back on each connection "
            "before any answer is read, as TechEmpower publishes it: a measure of raw server "
            "throughput that real browsers and API clients rarely produce."
        ),
        techempower=True,
    ),
    Workload(
        "db",
        "/db",
        "db",
        True,
        "/db",
        "one database read (/db)",
        "io",
        explained=(
            "Reads one random row from PostgreSQL and returns it as JSON: what a typical API "
            "endpoint that looks up one record does."
        ),
        techempower=True,
    ),
    Workload(
        "queries",
        "/queries?queries=20",
        "queries",
        True,
        "/queries",
        "twenty database reads (/queries?queries=20)",
        explained=(
            "Reads twenty random rows one query at a time: an endpoint that talks to the "
            "database many times per request, where the data layer's overhead adds up."
        ),
        techempower=True,
    ),
    Workload(
        "updates",
        "/updates?queries=5",
        "updates",
        True,
        "/updates (5 queries)",
        "five database reads and updates (/updates?queries=5)",
        explained=(
            "Reads five random rows, changes each and writes every one back: a write-heavy "
            "endpoint such as saving a form with several records."
        ),
    ),
    Workload(
        "updates_20",
        "/updates?queries=20",
        "updates",
        True,
        "/updates (20 queries)",
        "twenty database reads and updates, as TechEmpower publishes it (/updates?queries=20)",
        explained=(
            "The same with twenty rows per request, as TechEmpower publishes it: heavy write "
            "traffic where the database's work dominates."
        ),
        techempower=True,
    ),
    Workload(
        "fortunes",
        "/fortunes",
        "fortunes",
        True,
        "/fortunes",
        "an HTML page from the database (/fortunes)",
        explained=(
            "Reads a table, adds a row in memory, sorts it and renders an escaped HTML page "
            "from a template: a server-rendered page."
        ),
        techempower=True,
    ),
    Workload(
        "saas",
        "/saas/dashboard",
        "saas",
        True,
        "/saas",
        "a SaaS dashboard query (/saas)",
        "io",
        "saas.lua",
        explained=(
            "Checks an API key, then loads one account's invoice totals by status and its 20 "
            "latest invoices with their customers: production-like work for a business "
            "application."
        ),
    ),
    Workload(
        "upstream",
        "/upstream",
        "upstream",
        False,
        "/upstream",
        "a call to a slow upstream API (/upstream)",
        "io",
        explained=(
            "Waits on another service that answers after a fixed delay: an endpoint that "
            "calls a payment provider or a model API, where the server mostly waits."
        ),
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
