"""`stackwise lab verify`: all four apps implement the spec; a wrong app is caught; nothing is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stackwise.lab.apps import RunningApp, load_app
from stackwise.lab.upstream import UpstreamStub
from stackwise.lab.verify import Check, Verifier

pytestmark = [pytest.mark.lab, pytest.mark.postgres]
STACKWISE = str(Path(sys.executable).with_name("stackwise"))
BROKEN = Path(__file__).parent / "fixtures" / "broken"
TECHEMPOWER_LIKE = Path(__file__).parent / "fixtures" / "techempower_like"


def _app_processes() -> set[str]:
    """Lab app processes running now, as "pid args" lines."""
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    patterns = ("server.js", "dist/main.js", "labapp.wsgi", "labapp.asgi", "uvicorn app:app")
    return {line.strip() for line in ps.splitlines() if any(p in line for p in patterns)}


def test_all_four_apps_pass_the_conformance_check_with_both_data_accesses(node):
    before = _app_processes()  # another lab run on this machine is not ours to count
    result = subprocess.run(
        [STACKWISE, "lab", "verify"],
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # 10 endpoints per app on its usual data access, the 5 database ones on the other.
    assert "lab verify: 60 passed, 0 failed" in result.stdout
    assert "django/raw" in result.stdout and "express/orm" in result.stdout
    assert not _app_processes() - before


def test_a_wrong_implementation_fails_with_the_first_difference(lab_db, tmp_path, monkeypatch):
    monkeypatch.setenv("STACKWISE_LAB_CACHE", str(tmp_path))
    with (
        UpstreamStub(delay_ms=10) as upstream,
        RunningApp(load_app(BROKEN), lab_db, upstream.url) as running,
    ):
        checks = {c.endpoint: c for c in Verifier(running, lab_db, upstream).run()}
    assert not checks["json"].ok and "Hello, world" in checks["json"].detail
    assert not checks["db"].ok and "randomNumber" in checks["db"].detail
    assert checks["404"].ok
    assert not checks["ws"].ok


def _techempower_like(
    breaks: str, lab_db: str, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Check]:
    """The fixture app's /json and /updates checks, the app breaking the rule `breaks` names."""
    monkeypatch.setenv("BREAKS_RULE", breaks)  # the app inherits the environment
    with (
        UpstreamStub(delay_ms=10) as upstream,
        RunningApp(load_app(TECHEMPOWER_LIKE), lab_db, upstream.url) as app,
    ):
        return {
            c.endpoint: c for c in Verifier(app, lab_db, upstream).run(None, ("json", "updates"))
        }


def test_an_app_that_follows_the_rules_passes_the_header_and_query_count_checks(
    lab_db, tmp_path, monkeypatch
):
    monkeypatch.setenv("STACKWISE_LAB_CACHE", str(tmp_path))
    checks = _techempower_like("", lab_db, monkeypatch)
    assert checks["json"].ok, checks["json"].detail
    assert checks["updates"].ok, checks["updates"].detail


def test_an_app_that_writes_an_id_drawn_twice_once_fails_the_update_count(
    lab_db, tmp_path, monkeypatch
):
    # 8 requests of 500 draws from 10,000 ids repeat about 12 ids each.
    monkeypatch.setenv("STACKWISE_LAB_CACHE", str(tmp_path))
    updates = _techempower_like("skips_duplicate_update", lab_db, monkeypatch)["updates"]
    assert not updates.ok
    assert updates.detail.startswith("/updates?queries=500: only ")
    assert "executed statements out of 8000 expected" in updates.detail
    assert "rows updated out of 4000 expected" in updates.detail


def test_an_app_without_a_server_header_fails(lab_db, tmp_path, monkeypatch):
    monkeypatch.setenv("STACKWISE_LAB_CACHE", str(tmp_path))
    checks = _techempower_like("no_server_header", lab_db, monkeypatch)
    assert not checks["json"].ok
    assert checks["json"].detail == "/json: required response header missing: Server"
    assert not checks["updates"].ok and "missing: Server" in checks["updates"].detail


def test_ctrl_c_leaves_no_process_port_or_temp_dir_behind(node):
    before = {p.name for p in Path("/tmp").glob("stackwise-pg-*")}
    running_before = _app_processes()
    process = subprocess.Popen(
        [STACKWISE, "lab", "verify", "--apps", "express"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 120
    seen = ""
    while time.monotonic() < deadline and "starting and checking" not in seen:
        seen += process.stdout.readline() if process.stdout else ""
    while not _app_processes() - running_before:  # interrupt while an app is up
        assert process.poll() is None and time.monotonic() < deadline, "no app was started"
        time.sleep(0.05)  # a poll interval
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert process.returncode != 0
    settle = time.monotonic() + 10  # a killed group may take a moment to be reaped
    while _app_processes() - running_before and time.monotonic() < settle:
        time.sleep(0.05)
    assert not _app_processes() - running_before
    assert {p.name for p in Path("/tmp").glob("stackwise-pg-*")} <= before


def test_missing_prerequisites_are_named_with_the_install_command(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path), "STACKWISE_PG_BIN": str(tmp_path)}
    result = subprocess.run(
        [STACKWISE, "lab", "verify"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 2
    assert (
        "apt-get install nodejs" in result.stderr
        and "apt-get install postgresql-15" in result.stderr
    )
