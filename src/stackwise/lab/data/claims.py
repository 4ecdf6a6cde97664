"""What the lab measured about each performance claim of the article, as structured verdicts.

Every comparison puts the best app of each family side by side (the fastest, or the leanest for
memory and start-up), because the article's claims are about Node.js and Python, not about one
framework. The ratio is always "how many times better Node.js did", so above 1 means Node.js
ahead and below 1 means Python ahead; its spread pairs the best repeat of one side with the worst
of the other, so a spread that straddles 1 means the repeats do not settle the question.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Literal

from stackwise.lab.data.results import RunResults
from stackwise.lab.data.workloads import BY_NAME, DATABASE_WORKLOADS, of_kind

Outcome = Literal["holds", "partly holds", "does not hold", "not measured"]

SYNTHETIC_WORKLOADS = of_kind("synthetic")
IO_WORKLOADS = of_kind("io")
# Within this factor either way, a difference is small enough to call the stacks even.
EVEN_BAND = 1.25


@dataclass(frozen=True)
class Comparison:
    """Node.js's best against Python's best on one measured quantity."""

    subject: str  # a workload name, "ws_memory", "memory_under_load" or "cold_start"
    node_app: str
    python_app: str
    node_value: float
    python_value: float
    unit: str
    advantage: float  # how many times better Node.js did (> 1: Node.js ahead)
    low: float
    high: float
    # Set when every app was measured on one data layer ("orm" or "raw"), like for like.
    data_access: str | None = None

    @property
    def layer(self) -> str:
        """The like-for-like layer in words, " (ORM against ORM)", or nothing."""
        return f" ({DATA_ACCESS_LABELS[self.data_access]})" if self.data_access else ""

    @property
    def settled(self) -> bool:
        """True when every pairing of repeats puts the same family ahead."""
        return self.low > 1 or self.high < 1


@dataclass(frozen=True)
class Verdict:
    """One claim of the article, what the lab measured about it, and whether it held."""

    claim_id: str
    claim: str
    outcome: Outcome
    finding: str
    comparisons: list[Comparison] = field(default_factory=list)
    caveat: str = ""


def _families(results: RunResults) -> dict[str, list[str]]:
    families: dict[str, list[str]] = {"node": [], "python": []}
    for app, info in results.apps.items():
        if info.status == "measured":
            families.setdefault(info.family, []).append(app)
    return families


def _compare(
    subject: str,
    unit: str,
    samples: dict[str, list[float]],
    families: dict[str, list[str]],
    higher_is_better: bool,
    data_access: str | None = None,
) -> Comparison | None:
    """Pit the best app of each family against each other on per-app samples (repeats)."""

    def best(apps: list[str]) -> str | None:
        measured = [a for a in apps if samples.get(a)]
        if not measured:
            return None
        key = {a: statistics.median(samples[a]) for a in measured}
        return (
            max(measured, key=key.__getitem__)
            if higher_is_better
            else min(measured, key=key.__getitem__)
        )

    node, python = best(families["node"]), best(families["python"])
    if node is None or python is None:
        return None
    n, p = samples[node], samples[python]
    n_mid, p_mid = statistics.median(n), statistics.median(p)
    if min(n_mid, p_mid) <= 0:
        return None

    def ratio(node_value: float, python_value: float) -> float:
        return node_value / python_value if higher_is_better else python_value / node_value

    pairings = [ratio(a, b) for a in (min(n), max(n)) for b in (min(p), max(p)) if min(a, b) > 0]
    return Comparison(
        subject=subject,
        node_app=node,
        python_app=python,
        node_value=round(n_mid, 3),
        python_value=round(p_mid, 3),
        unit=unit,
        advantage=round(ratio(n_mid, p_mid), 3),
        low=round(min(pairings), 3),
        high=round(max(pairings), 3),
        data_access=data_access,
    )


def _throughput(
    results: RunResults,
    workload: str,
    families: dict[str, list[str]],
    data_access: str | None = None,
) -> Comparison | None:
    """Best against best on one workload: each app on its usual data access, or with
    `data_access` every app on that one (its usual or its measured variant), like for like."""
    if data_access is None:
        samples = {
            app: [r.rps for r in results.headline_repeats(app, workload)]
            for apps in families.values()
            for app in apps
        }
        return _compare(workload, "req/s", samples, families, higher_is_better=True)
    samples = {
        m.app: [r.rps for r in m.repeats]
        for m in results.measurements
        if m.workload == workload
        and m.data_access == data_access
        and m.concurrency == results.summary_concurrency
        and m.repeats
    }
    return _compare(workload, "req/s", samples, families, True, data_access)


DATA_ACCESS_LABELS = {"orm": "ORM against ORM", "raw": "raw driver against raw driver"}


def _like_for_like(
    results: RunResults, workload: str, families: dict[str, list[str]]
) -> list[Comparison]:
    """A database workload compared ORM with ORM and raw driver with raw driver, each where both
    families were measured on it; any other workload (or a run without variants) as usual."""
    if workload in DATABASE_WORKLOADS:
        paired = [
            c
            for kind in DATA_ACCESS_LABELS
            if (c := _throughput(results, workload, families, kind))
        ]
        if paired:
            return paired
    usual = _throughput(results, workload, families)
    return [usual] if usual is not None else []


def times(value: float) -> str:
    """A ratio as people say it: 2.1x."""
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def describe(c: Comparison) -> str:
    """One plain sentence on a comparison, naming who was ahead and by how much."""
    node = (f"{c.node_app} (Node.js)", c.node_value)
    python = (f"{c.python_app} (Python)", c.python_value)
    (leader, lead_value), (other, other_value) = (
        (node, python) if c.advantage >= 1 else (python, node)
    )
    factor = c.advantage if c.advantage >= 1 else 1 / c.advantage
    text = (
        f"{leader} ahead of {other} by {times(factor)} "
        f"({lead_value:,.1f} against {other_value:,.1f} {c.unit}"
    )
    if c.low != c.high:
        text += f"; Node.js/Python {times(c.low)} to {times(c.high)} over the runs"
    if c.low != c.high and not c.settled:
        text += "; a tie: the repeats' ranges overlap"
    return text + ")"


def _combine(outcomes: list[bool]) -> Outcome:
    if not outcomes:
        return "not measured"
    if all(outcomes):
        return "holds"
    return "does not hold" if not any(outcomes) else "partly holds"


def node_leads_synthetic(results: RunResults) -> Verdict:
    """Synthetic benchmarks: does Node.js serve more requests per second on /json, /plaintext
    (one at a time and pipelined)?"""
    families = _families(results)
    comparisons = [c for w in SYNTHETIC_WORKLOADS if (c := _throughput(results, w, families))]
    outcome = _combine([c.low > 1 for c in comparisons])
    finding = (
        "; ".join(f"{BY_NAME[c.subject].label}{c.layer}: {describe(c)}" for c in comparisons) + "."
        if comparisons
        else f"None of {', '.join(BY_NAME[w].label for w in SYNTHETIC_WORKLOADS)} was measured "
        "for both families."
    )
    return Verdict(
        "node_leads_synthetic",
        "In synthetic benchmarks Node.js serves more requests per second than Python.",
        outcome,
        finding,
        comparisons,
        "A lead only counts when every pairing of repeats shows it.",
    )


def lead_shrinks_on_io(results: RunResults) -> Verdict:
    """Real work: is Node.js's synthetic lead smaller where the database or an API dominates?"""
    families = _families(results)
    synthetic = [c for w in SYNTHETIC_WORKLOADS if (c := _throughput(results, w, families))]
    io = [c for w in IO_WORKLOADS for c in _like_for_like(results, w, families)]
    claim = (
        "In real applications the gap is negligible: the database and external APIs, not the "
        "runtime, are the bottleneck."
    )
    if not synthetic or not io:
        return Verdict(
            claim_id="lead_shrinks_on_io",
            claim=claim,
            outcome="not measured",
            finding=f"Needs a synthetic workload ({', '.join(SYNTHETIC_WORKLOADS)}) and at least "
            f"one of {', '.join(IO_WORKLOADS)} measured for both families.",
        )
    baseline = math.exp(statistics.mean(math.log(c.advantage) for c in synthetic))
    parts, shrank = [], []
    for c in io:
        # The gap, whichever family leads, is the distance of the ratio from 1 on a log scale.
        smaller = abs(math.log(c.advantage)) < abs(math.log(baseline))
        even = 1 / EVEN_BAND <= c.advantage <= EVEN_BAND
        shrank.append(smaller)
        verdict = "the gap shrinks" if smaller else "the gap does not shrink"
        if even:
            verdict += f", and the two are within {EVEN_BAND:.2f}x of each other"
        parts.append(f"{BY_NAME[c.subject].label}{c.layer}: {describe(c)}: {verdict}")
    finding = (
        f"Against Node.js/Python {times(baseline)} on the synthetic workloads (geometric mean): "
        + "; ".join(parts)
        + "."
    )
    return Verdict(
        "lead_shrinks_on_io",
        claim,
        _combine(shrank),
        finding,
        io,
        f"'Negligible' is read as within {EVEN_BAND:.2f}x either way; 'shrinks' as a ratio "
        "closer to 1 than on the synthetic workloads. Database workloads compare the ORMs with "
        "each other and the raw drivers with each other, never one against the other.",
    )


def memory_per_connection(results: RunResults) -> Verdict:
    """Memory: does Node.js hold connections with less memory?"""
    families = _families(results)
    ws = {app: [v] for app, v in results.ws_rss_per_1000_kb.items()}
    comparisons = []
    if c := _compare("ws_memory", "kB per 1,000 idle WebSockets", ws, families, False):
        comparisons.append(c)
    under_load = {}
    for apps in families.values():
        for app in apps:
            peaks = [r.app_peak_rss_kb for r in results.headline_repeats(app, "json")]
            if peaks:
                under_load[app] = [float(p) for p in peaks]
    if c := _compare("memory_under_load", "kB peak RSS on /json", under_load, families, False):
        comparisons.append(c)
    deciding = comparisons[0] if comparisons else None
    if deciding is None:
        finding = "Neither WebSocket memory nor memory under load was measured for both families."
        outcome: Outcome = "not measured"
    else:
        outcome = _combine([deciding.advantage > 1])
        labels = {
            "ws_memory": "Memory per 1,000 idle WebSocket connections",
            "memory_under_load": f"Peak memory of the whole process tree under /json load at "
            f"{results.summary_concurrency} connections",
        }
        finding = "; ".join(f"{labels[c.subject]}: {describe(c)}" for c in comparisons) + "."
    return Verdict(
        "memory_per_connection",
        "Node.js handles more concurrent connections with less memory.",
        outcome,
        finding,
        comparisons,
        "The verdict follows the WebSocket figure when there is one (it isolates memory per "
        "connection); peak RSS counts every process of the app, shared pages once per process.",
    )


def cold_start(results: RunResults) -> Verdict:
    """Start-up: does a Node.js app answer its first request sooner?"""
    families = _families(results)
    samples = {
        app: [float(s) for s in cold.samples_ms]
        for app, cold in results.cold_start.items()
        if cold.samples_ms
    }
    comparison = _compare("cold_start", "ms to the first 200", samples, families, False)
    if comparison is None:
        return Verdict(
            "cold_start",
            "Node.js starts faster than Python (serverless cold starts).",
            "not measured",
            "Cold start was not measured for both families.",
        )
    return Verdict(
        "cold_start",
        "Node.js starts faster than Python (serverless cold starts).",
        _combine([comparison.low > 1]),
        f"From process spawn to the first 200 on /json (median of "
        f"{len(samples[comparison.node_app])}): {describe(comparison)}.",
        [comparison],
        "Measured as local process start-up of a production server, not on AWS Lambda or "
        "Cloudflare Workers, where the platform adds its own start-up.",
    )


def claim_verdicts(results: RunResults) -> list[Verdict]:
    """Every performance claim of the article with what this results file says about it."""
    return [
        node_leads_synthetic(results),
        lead_shrinks_on_io(results),
        memory_per_connection(results),
        cold_start(results),
    ]


OUTCOME_LABELS: dict[str, str] = {
    "holds": "Holds",
    "partly holds": "Partly holds",
    "does not hold": "Does not hold",
    "not measured": "Not measured",
}
