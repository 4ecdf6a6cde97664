"""Personas: the example profiles and a few more, loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stackwise.advisor import (
    ProjectProfile,
    Recommendation,
    parse_profile,
    read_profile_file,
    recommend,
)
from stackwise.knowledge import Knowledge, load_knowledge
from stackwise.knowledge.models import Evidence, Interval, StackCapacity, WorkloadCapacity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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


@pytest.fixture(scope="session")
def shipped() -> Knowledge:
    """The shipped knowledge with today's lab file."""
    return load_knowledge()


@pytest.fixture(scope="session")
def knowledge(shipped: Knowledge) -> Knowledge:
    """The shipped knowledge with synthetic measurements: rule tests pin the rules' logic and do
    not move each time the lab is re-run (test_evidence.py covers the real file)."""
    return with_evidence(shipped, synthetic_evidence())


def with_evidence(knowledge: Knowledge, evidence: Evidence | None) -> Knowledge:
    """The same knowledge with other measurements (a new version, as a new lab file would be)."""
    return knowledge.model_copy(
        update={"evidence": evidence, "version": f"{knowledge.version}+{id(evidence):x}"}
    )


@pytest.fixture(scope="session")
def persona(knowledge: Knowledge):  # type: ignore[no-untyped-def]
    """`persona("saas-python-team")` -> the recommendation for that example profile."""
    cache: dict[str, Recommendation] = {}

    def advise(name: str) -> Recommendation:
        if name not in cache:
            cache[name] = recommend(read_profile_file(EXAMPLES / f"{name}.yaml"), knowledge)
        return cache[name]

    return advise


def profile(**data: Any) -> ProjectProfile:
    """A profile from keyword data, validated like any input."""
    return parse_profile(data)
