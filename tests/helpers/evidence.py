"""Synthetic lab evidence: round figures in the lab's shape, for tests that must not move each
time the lab is re-run."""

from __future__ import annotations

from stackwise.knowledge import Knowledge
from stackwise.knowledge.models import Evidence, Interval, StackCapacity, WorkloadCapacity

# Requests per core (median) on each lab workload: Node ahead on the database workloads, the
# Python stacks behind, FastAPI ahead of Django on the slow upstream call. Round figures of the
# same shape as a real run, so rule tests do not move each time the lab is re-run.
RPS_PER_CORE = {
    "django": {
        "json": 1700,
        "plaintext": 1850,
        "db": 700,
        "queries": 64,
        "updates": 100,
        "fortunes": 600,
        "saas": 160,
        "upstream": 17,
    },
    "fastapi": {
        "json": 5500,
        "plaintext": 5100,
        "db": 540,
        "queries": 72,
        "updates": 170,
        "fortunes": 560,
        "saas": 250,
        "upstream": 1100,
    },
    "express": {
        "json": 5000,
        "plaintext": 4700,
        "db": 2500,
        "queries": 260,
        "updates": 725,
        "fortunes": 1750,
        "saas": 790,
        "upstream": 860,
    },
    "nestjs": {
        "json": 4250,
        "plaintext": 3950,
        "db": 1700,
        "queries": 175,
        "updates": 345,
        "fortunes": 1700,
        "saas": 480,
        "upstream": 950,
    },
}
WS_KB_PER_1000 = {"django": 126000, "fastapi": 125000, "express": 8700, "nestjs": 24000}
COLD_START_MS = {"django": 1150, "fastapi": 1460, "express": 400, "nestjs": 1200}


def spread(median: float, share: float = 0.05, repeats: int = 3) -> Interval:
    """A measured value with repeats `share` either side of its median."""
    return Interval(
        median=median, low=median * (1 - share), high=median * (1 + share), repeats=repeats
    )


def synthetic_evidence(
    rps: dict[str, dict[str, float]] = RPS_PER_CORE, noise: float = 0.05
) -> Evidence:
    """Evidence in the lab's shape from round figures, for tests that must not follow a run."""
    return Evidence(
        document="synthetic",
        date="2026-11-25",
        machine="test",
        cores=1,
        p99_target_ms=500,
        capacity={
            stack: StackCapacity(
                configuration="synthetic",
                data_access="orm",
                workloads={
                    w: WorkloadCapacity(rps_per_core=spread(v, noise), p99_ms=spread(50))
                    for w, v in figures.items()
                },
                ws_memory_per_1000_kb=spread(WS_KB_PER_1000[stack], 0.02),
                cold_start_ms=spread(COLD_START_MS[stack], 0.08),
            )
            for stack, figures in rps.items()
        },
    )


def with_evidence(knowledge: Knowledge, evidence: Evidence | None) -> Knowledge:
    """The same knowledge with other measurements (a new version, as a new lab file would be)."""
    return knowledge.model_copy(
        update={"evidence": evidence, "version": f"{knowledge.version}+{id(evidence):x}"}
    )
