"""The site served by gunicorn in a child process, on loopback, for benchmarks and live tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.helpers.network import free_port

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 60


@contextmanager
def served_site(
    data_dir: Path,
    *,
    database_url: str | None = None,
    workers: int = 2,
    sync_workers: bool = False,
    env: dict[str, str] | None = None,
    python: str = sys.executable,
    cwd: Path = ROOT,
) -> Iterator[str]:
    """Migrate, collect static files and serve with gunicorn as `make run` does; yield the base
    URL; stop on exit.

    `sync_workers` serves the WSGI application with gunicorn's sync workers instead, the way the
    site was served before issue 25, for before/after comparisons. `python` may be another
    virtualenv's interpreter (an installed wheel): it then imports its own stackwise, not this
    checkout's."""
    environment = site_environment(data_dir, database_url=database_url, env=env, python=python)
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        done = subprocess.run(
            [python, "-m", "django", *command],
            env=environment,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"django-admin {command[0]} failed:\n{done.stderr[-2000:]}")
    port = free_port()
    log_path = data_dir / "gunicorn.log"
    log = log_path.open("w")
    application = (
        ["stackwise.web.wsgi:application"]
        if sync_workers
        else ["-c", "python:stackwise.web.gunicorn_conf", "stackwise.web.asgi:application"]
    )
    server = subprocess.Popen(
        [
            str(Path(python).with_name("gunicorn")),
            *application,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            str(data_dir / "access.log"),
        ],
        env=environment,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(server, f"{base}/healthz", log_path)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def site_environment(
    data_dir: Path,
    *,
    database_url: str | None = None,
    env: dict[str, str] | None = None,
    python: str = sys.executable,
) -> dict[str, str]:
    """The environment the site's processes (gunicorn, the task worker) run with."""
    environment = {
        **os.environ,
        "STACKWISE_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "stackwise.web.settings",
        **(env or {}),
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if python != sys.executable:
        environment.pop("PYTHONPATH", None)
    if database_url:
        environment["DATABASE_URL"] = database_url
    return environment


@contextmanager
def served_worker(
    data_dir: Path, *, database_url: str | None = None, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """`manage.py db_worker` beside a served site (same data folder and database), polling
    often so tests do not wait on its interval; stopped on exit. Its log: worker.log."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "django",
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--no-reload",
        ],
        env=site_environment(data_dir, database_url=database_url, env=env),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(data_dir / "worker.log").open("w"),
    )
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _wait_until_ready(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Poll the health check until it answers; fail with gunicorn's log if it exits first."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)  # a poll interval, not a wait for something to happen
    raise RuntimeError(f"{url} did not answer within {STARTUP_TIMEOUT_S} s")
