"""`lab serve APP` on one machine and `lab run --target URL` on another, here over loopback:
the same code paths as the three-machine recipe in docs/lab.md."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from stackwise.lab.configuration import RunInputError, build_config
from stackwise.lab.data.capacity import evidence_of
from stackwise.lab.data.results import load_results
from tests.helpers.prerequisites import require

pytestmark = [pytest.mark.lab, pytest.mark.postgres, pytest.mark.slow]
STACKWISE = str(Path(sys.executable).with_name("stackwise"))


def lab_prerequisites_missing() -> str | None:
    from stackwise.lab.prereqs import missing_prerequisites

    missing = missing_prerequisites(measuring=True)
    return "; ".join(f"{m.what} ({m.install})" for m in missing) or None


def test_a_served_app_is_verified_and_measured_from_another_run(postgres, tmp_path: Path) -> None:
    require(lab_prerequisites_missing())
    url = postgres.create_database("lab_served")
    serve = subprocess.Popen(
        [STACKWISE, "lab", "serve", "express", "--database-url", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serve.stdout is not None
        line = serve.stdout.readline()  # blocks until the app answers, or the command ends
        served = re.search(r"at (http://127\.0\.0\.1:\d+)", line)
        assert served, line + serve.stderr.read() if serve.stderr else line
        done = subprocess.run(
            [
                STACKWISE,
                "lab",
                "run",
                "--quick",
                "--apps",
                "express",
                "--workloads",
                "json",
                "--workloads",
                "db",
                "--target",
                served[1],
                "--database-url",
                url,
                "--out",
                str(tmp_path / "run"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    finally:
        serve.send_signal(signal.SIGINT)
        serve.communicate(timeout=60)
    assert serve.returncode == 130
    results = load_results(tmp_path / "run")
    assert results.configuration.target == served[1]
    assert results.apps["express"].status == "measured"
    assert {m.workload for m in results.measurements} == {"json", "db"}
    evidence = evidence_of(results, "run")
    assert evidence.capacity["express"].workloads["db"].rps_per_core.median > 0
    assert results.cold_start == {}  # a served app's start-up is not this machine's to time


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"target": "http://127.0.0.1:9", "database_url": "postgresql://h/lab"}, "--apps"),
        ({"target": "http://127.0.0.1:9", "apps": ["express"]}, "--database-url"),
        ({"target": "ftp://x", "apps": ["express"]}, "--target"),
        ({"target_cores": 2}, "--target"),
    ],
)
def test_a_target_without_what_it_needs_is_refused_by_name(options: dict, named: str) -> None:
    with pytest.raises(RunInputError, match=named):
        build_config(**options)
