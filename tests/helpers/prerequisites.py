"""Skip a test whose prerequisite is missing, or fail it in CI where everything must run."""

from __future__ import annotations

import os

import pytest


def require(missing: str | None) -> None:
    """Skip when a prerequisite is missing, but fail in CI (STACKWISE_REQUIRE_ALL=1)."""
    if not missing:
        return
    if os.environ.get("STACKWISE_REQUIRE_ALL") == "1":
        pytest.fail(f"prerequisite missing: {missing}")
    pytest.skip(f"prerequisite missing: {missing}")
