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

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The shipped knowledge without the lab's measurements: rule tests then pin the rules'
    logic, and do not move each time the lab is re-run (test_evidence.py covers measurements)."""
    import shutil

    from stackwise.knowledge.loader import DATA_DIR, EVIDENCE_FILE

    folder = tmp_path_factory.mktemp("knowledge")
    shutil.copytree(
        DATA_DIR, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(EVIDENCE_FILE)
    )
    return load_knowledge(folder)


@pytest.fixture(scope="session")
def persona(knowledge: Knowledge):  # type: ignore[no-untyped-def]
    """`persona("saas-python-team")` -> the recommendation for that example profile."""
    cache: dict[str, Recommendation] = {}

    def advise(name: str) -> Recommendation:
        if name not in cache:
            cache[name] = recommend(read_profile_file(EXAMPLES / f"{name}.yaml"), knowledge)
        return cache[name]

    return advise
