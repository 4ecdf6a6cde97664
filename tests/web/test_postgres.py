"""The model and API tests and the schemathesis run again, against a real PostgreSQL instead of
SQLite (where NUL in text was a 500)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


def test_model_api_and_fuzz_tests_pass_on_postgresql(postgres, tmp_path):
    url = postgres.create_database("stackwise_web")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",  # the served-site tests start their own servers
            "tests/web/test_api.py",
            "tests/web/test_pages.py",
            "tests/web/test_openapi_fuzz.py",
            "tests/web/test_limits.py",
            "tests/web/test_reports_served.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
        env={**os.environ, "DATABASE_URL": url, "STACKWISE_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
