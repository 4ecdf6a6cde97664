"""`stackwise lab run --quick` measures all four apps into a valid results file, and publishes it
into the folders it is given."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from stackwise.knowledge.loader import DATA_DIR, EVIDENCE_FILE, load_knowledge
from stackwise.lab.data.claims import claim_verdicts
from stackwise.lab.data.results import load_results
from tests.helpers.prerequisites import require

pytestmark = [pytest.mark.lab, pytest.mark.slow]
STACKWISE = str(Path(sys.executable).with_name("stackwise"))


def lab_prerequisites_missing() -> str | None:
    from stackwise.lab.prereqs import missing_prerequisites

    missing = missing_prerequisites(measuring=True)
    return "; ".join(f"{m.what} ({m.install})" for m in missing) or None


def test_quick_run_measures_every_app_into_a_valid_results_file(tmp_path: Path) -> None:
    require(lab_prerequisites_missing())
    out, knowledge, runs = tmp_path / "quick", tmp_path / "knowledge", tmp_path / "runs"
    shutil.copytree(DATA_DIR, knowledge)
    done = subprocess.run(
        [
            STACKWISE,
            "lab",
            "run",
            "--quick",
            "--out",
            str(out),
            "--update-knowledge",
            "--knowledge-dir",
            str(knowledge),
            "--runs-dir",
            str(runs),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = load_results(out)
    assert results.apps["django"].configuration.workers >= 3  # gunicorn's formula
    assert results.apps["fastapi"].packages["fastapi"]  # exact versions recorded
    variants = {(m.app, m.data_access) for m in results.measurements}
    assert ("fastapi", "raw") in variants and ("express", "orm") in variants
    assert results.configuration.quick is True
    assert results.configuration.workloads == ["json", "saas"]
    assert set(results.apps) == {"django", "fastapi", "express", "nestjs"}
    measured = {a for a, info in results.apps.items() if info.status == "measured"}
    excluded = {a: i.reason for a, i in results.apps.items() if a not in measured}
    assert measured == set(results.apps), f"not measured: {excluded}"
    for app in measured:
        assert results.summary[app]["json"].rps > 0
        assert results.summary[app]["saas"].rps > 0
        assert results.cold_start_ms[app] > 0
    assert (out / "report.md").read_text().startswith("# Evidence lab report")
    # Published: the raw run under the runs folder, its evidence in the given knowledge folder.
    assert load_results(runs / "default") == results
    evidence = load_knowledge(knowledge).evidence
    assert evidence is not None and evidence.cores == results.configuration.app_cores
    assert set(evidence.capacity) == measured
    assert json.loads((knowledge / EVIDENCE_FILE).read_text())["document"].endswith(
        "runs/default/results.json"
    )
    assert (out / "throughput.png").exists()
    assert {v.outcome for v in claim_verdicts(results)} <= {
        "holds",
        "partly holds",
        "does not hold",
    }


@pytest.mark.postgres
def test_a_run_uses_an_existing_postgresql_when_given_its_url(postgres, tmp_path: Path) -> None:
    require(lab_prerequisites_missing())
    url = postgres.create_database("lab_existing")
    out = tmp_path / "existing"
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
            "--database-url",
            url,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = load_results(out)
    assert results.configuration.database.startswith("existing server")
    assert results.apps["express"].status == "measured"
    # The data set went into the given server, and the run left it there.
    import psycopg

    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM world").fetchone() == (10000,)


def processes_with_marker(marker: str) -> list[int]:
    """Pids whose environment carries the marker (every process the run started inherits it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _command_names(pids: list[int]) -> list[str]:
    names = []
    for pid in pids:
        try:
            names.append(Path(f"/proc/{pid}/comm").read_text().strip())
        except OSError:
            continue
    return names


# Interrupt at three stages of a run, each recognised by the process it starts: the throw-away
# PostgreSQL, the app under test, and the load generator.
@pytest.mark.parametrize("stage", ["postgres", "node", "wrk"])
def test_ctrl_c_stops_the_run_and_leaves_no_process_behind(stage: str) -> None:
    require(lab_prerequisites_missing())
    marker = f"STACKWISE_TEST_MARKER={uuid.uuid4().hex}"
    name, _, value = marker.partition("=")
    run = subprocess.Popen(
        [STACKWISE, "lab", "run", "--apps", "express", "--quick", "--out", "/nonexistent/x"],
        env={**os.environ, name: value},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    while stage not in _command_names(processes_with_marker(marker)):
        assert run.poll() is None, f"the run ended before it started {stage}"
        assert time.monotonic() < deadline, f"the run never started {stage}"
        time.sleep(0.05)  # a poll interval
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "interrupted" in stderr
    deadline = time.monotonic() + 10  # a SIGKILLed group may take a moment to be reaped
    while processes_with_marker(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with_marker(marker) == []
