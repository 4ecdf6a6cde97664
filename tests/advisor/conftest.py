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

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


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
