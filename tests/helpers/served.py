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


@contextmanager
def served_site(
    data_dir: Path,
    *,
    database_url: str | None = None,
    workers: int = 2,
    threads: int = 1,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Migrate, collect static files and serve with gunicorn; yield the base URL; stop on exit."""
    environment = {**os.environ, "DATA_DIR": str(data_dir), **(env or {})}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if database_url:
        environment["DATABASE_URL"] = database_url
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "stackwise.web.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
