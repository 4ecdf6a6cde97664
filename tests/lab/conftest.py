"""Lab fixtures: a loaded lab database and the upstream stub, shared by the module's tests."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers.prerequisites import require


@pytest.fixture(scope="module")
def lab_db(postgres):  # type: ignore[no-untyped-def]
    from stackwise.lab.dataset import load

    url = postgres.create_database(f"lab_{id(object())}")
    load(url)
    return url


@pytest.fixture
def node() -> None:
    require(
        None
        if shutil.which("node") and shutil.which("npm")
        else "node and npm (apt-get install nodejs npm)"
    )
