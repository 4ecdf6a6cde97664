"""Benchmark the site under wrk: assessment creation and a result page against a trivial view."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from tests.helpers.served import served_site

PROFILE = {
    "name": "Bench SaaS",
    "product": "saas",
    "needs": ["admin_panel"],
    "team": {"languages": ["python"]},
}
DURATION = "10s"
GOAL = 0.5


def _wrk(url: str, script: Path | None = None) -> dict[str, float]:
    command = ["wrk", "-t2", "-c16", f"-d{DURATION}", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


def main() -> None:
    """Serve with gunicorn on loopback, load three routes in turn, print ratios to the trivial one.

    Once on SQLite, what `make run` uses, and once on PostgreSQL, what docs/operating.md deploys
    on, when its binaries are installed."""
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk")
        sys.exit(1)
    _print("SQLite", *_serve_and_measure(None))
    from stackwise.lab.postgres import postgres_missing, throwaway_postgres

    missing = postgres_missing()
    if missing:
        print(f"\nPostgreSQL: not measured ({missing})")
        return
    with throwaway_postgres() as pg:
        print()
        _print("PostgreSQL 15", *_serve_and_measure(pg.create_database("bench")))


def _serve_and_measure(
    database_url: str | None,
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    data = Path(tempfile.mkdtemp(prefix="stackwise-bench-"))
    try:
        with served_site(
            data,
            database_url=database_url,
            env={"ASSESSMENT_RATE_LIMIT": "off", "DEBUG": "false"},
        ) as base:
            return _measure(base, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _measure(base: str, data: Path) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    created = httpx.post(f"{base}/api/assessments", json=PROFILE).json()
    script = data / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(json.dumps(PROFILE))}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
    )
    httpx.get(f"{base}{created['url']}")  # draw the chart once, as the first visitor does
    trivial = _wrk(f"{base}/healthz")
    results = {
        "POST /api/assessments": _wrk(f"{base}/api/assessments", script),
        "GET result page": _wrk(f"{base}{created['url']}"),
    }
    return results, trivial


def _print(database: str, results: dict[str, dict[str, float]], trivial: dict[str, float]) -> None:
    print(f"gunicorn, 2 workers, {database}; wrk -t2 -c16 -d{DURATION} on loopback")
    print(f"{'route':26} {'req/s':>9} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>6}")
    rows = {"GET /healthz (trivial)": trivial, **results}
    for name, figures in rows.items():
        ratio = figures["rps"] / trivial["rps"]
        print(
            f"{name:26} {figures['rps']:9.0f} {figures['p99_ms']:8.1f} {figures['non_2xx']:8.0f} {ratio:6.2f}"
        )
    print(f"goal: each route at least {GOAL} of the trivial view's requests/s")


if __name__ == "__main__":
    main()
