"""Personas: the example profiles and a few more, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackwise.advisor import (
    Recommendation,
    read_profile_file,
    recommend,
)
from stackwise.knowledge import Knowledge, load_knowledge
from tests.helpers.evidence import synthetic_evidence, with_evidence

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def shipped() -> Knowledge:
    """The shipped knowledge with today's lab file."""
    return load_knowledge()


@pytest.fixture(scope="session")
def knowledge(shipped: Knowledge) -> Knowledge:
    """The shipped knowledge with synthetic measurements: rule tests pin the rules' logic and do
    not move each time the lab is re-run (test_performance.py also reads the real file)."""
    return with_evidence(shipped, synthetic_evidence())


@pytest.fixture(scope="session")
def persona(knowledge: Knowledge):  # type: ignore[no-untyped-def]
    """`persona("saas-python-team")` -> the recommendation for that example profile."""
    cache: dict[str, Recommendation] = {}

    def advise(name: str) -> Recommendation:
        if name not in cache:
            cache[name] = recommend(read_profile_file(EXAMPLES / f"{name}.yaml"), knowledge)
        return cache[name]

    return advise
