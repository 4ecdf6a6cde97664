"""An SQLite file that was read-only for a while: writes work again as soon as it is writable
(a persistent connection opened while it was read-only kept failing for CONN_MAX_AGE, 60 s)."""

from __future__ import annotations

import subprocess

import httpx
import pytest

from tests.helpers.prerequisites import require
from tests.helpers.samples import SAAS
from tests.helpers.served import served_site

pytestmark = pytest.mark.slow


def immutable(path, on: bool) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """chattr +i: read-only even for root, as a file on a read-only mount would be."""
    return subprocess.run(
        ["chattr", "+i" if on else "-i", str(path)], capture_output=True, text=True, check=False
    )


def test_writes_work_again_as_soon_as_the_file_is_writable(tmp_path):
    database = tmp_path / "stackwise.sqlite3"
    with served_site(tmp_path, workers=1) as base:
        locked = immutable(database, True)
        require(None if locked.returncode == 0 else f"chattr +i ({locked.stderr.strip()})")
        try:
            refused = httpx.post(f"{base}/api/assessments", json=SAAS)
            assert refused.status_code == 500 and "detail" in refused.json()
        finally:
            immutable(database, False)
        assert httpx.post(f"{base}/api/assessments", json=SAAS).status_code == 201
