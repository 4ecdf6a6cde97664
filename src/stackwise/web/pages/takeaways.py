"""What the lab's figures mean for someone choosing a stack, in three sentences computed from the
evidence: the load where the gap costs money, the data layer compared like for like, and where
Node.js's memory and start-up lead matters. A visitor reads these before any chart."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stackwise.knowledge.models import Evidence, Interval, Stack, WorkloadCapacity

# The workload the first two sentences use: one read per request is what most API endpoints do.
READ = "db"
LAYER_NAMES = {"orm": "through an ORM", "raw": "through a raw SQL driver"}
# Below this many cores between the fewest and the most a stack needs, the gap is a server or two.
SMALL_GAP_CORES = 4.0


@dataclass(frozen=True)
class Takeaway:
    title: str
    text: str


def _capacity(evidence: Evidence, stack: str, layer: str) -> WorkloadCapacity | None:
    """A stack's /db figure on one data layer, whichever of its variants that is."""
    measured = evidence.capacity[stack]
    if measured.data_access == layer:
        return measured.workloads.get(READ)
    return measured.variants.get(layer, {}).get(READ)


def _times(a: float, b: float) -> str:
    return f"{a / b:.1f} times" if b else "far more than"


def _versus(figures: dict[str, Interval], stacks: dict[str, Stack]) -> str | None:
    """The best Python and the best Node.js figure on one layer, and whether they are a tie."""
    best: dict[str, tuple[str, Interval]] = {}
    for stack, figure in figures.items():
        family = stacks[stack].family
        if family not in best or figure.median > best[family][1].median:
            best[family] = (stack, figure)
    if len(best) < 2:
        return None
    (a, fa), (b, fb) = sorted(best.values(), key=lambda sf: -sf[1].median)
    who = f"{stacks[a].name} {fa.median:,.0f} against {stacks[b].name} {fb.median:,.0f}"
    if fa.overlaps(fb):
        return f"{who} (a tie within the spread of the repeats)"
    return f"{who} ({_times(fa.median, fb.median)} as many)"


def takeaways(evidence: Evidence, stacks: dict[str, Stack], typical_rps: float) -> list[Takeaway]:
    """The three sentences, each from figures the page shows further down."""
    found: list[Takeaway] = []
    usual = {
        s: c.workloads[READ].rps_per_core.median
        for s, c in evidence.capacity.items()
        if READ in c.workloads and c.workloads[READ].rps_per_core.median > 0
    }
    if usual:
        cores = {s: typical_rps / per_core for s, per_core in usual.items()}
        fewest, most = min(cores, key=cores.__getitem__), max(cores, key=cores.__getitem__)
        gap = cores[most] - cores[fewest]
        meaning = (
            "the gap is a server or two, so your team's language and ecosystem weigh more"
            if gap <= SMALL_GAP_CORES
            else "the runtime already shows in the hosting bill"
        )
        found.append(
            Takeaway(
                "At a typical load",
                f"Serving {typical_rps:,.0f} requests a second that each read one database row, "
                f"the apps need from {math.ceil(cores[fewest] * 10) / 10:g} cores "
                f"({stacks[fewest].name}) to {math.ceil(cores[most] * 10) / 10:g} "
                f"({stacks[most].name}) on their usual data layer: {meaning}.",
            )
        )
    layers = []
    for layer, words in LAYER_NAMES.items():
        figures = {
            s: c.rps_per_core
            for s in evidence.capacity
            if (c := _capacity(evidence, s, layer)) is not None
        }
        compared = _versus(figures, stacks)
        if compared:
            layers.append(f"{words}, {compared}")
    if layers:
        found.append(
            Takeaway(
                "Like for like",
                "Requests per core on one database read, "
                + "; ".join(layers)
                + ". Which data layer a team uses moves these figures as much as the language.",
            )
        )
    memory = {
        s: c.ws_memory_per_1000_kb
        for s, c in evidence.capacity.items()
        if c.ws_memory_per_1000_kb is not None
    }
    start = {s: c.cold_start_ms for s, c in evidence.capacity.items() if c.cold_start_ms}
    node = [s for s in memory if stacks[s].family == "node"]
    python = [s for s in memory if stacks[s].family == "python"]
    if node and python:
        n = min(node, key=lambda s: memory[s].median)
        p = min(python, key=lambda s: memory[s].median)
        started = ""
        if n in start and p in start:
            started = (
                f", and starts in {start[n].median / 1000:.1f} s against "
                f"{start[p].median / 1000:.1f} s"
            )
        found.append(
            Takeaway(
                "Connections and start-up",
                f"{stacks[n].name} holds 1,000 idle WebSocket connections in about "
                f"{memory[n].median / 1000:,.0f} MB against {memory[p].median / 1000:,.0f} MB for "
                f"{stacks[p].name}{started}: this matters with tens of thousands of open "
                "connections, or on a platform that starts a process per burst of requests.",
            )
        )
    return found
