"""Benchmark the site as visitors use it: forty distinct profiles posted one after another.

A POST is compared with the advisor's own work on the same profiles in-process (goal: at most
1.5x), and a result page with a trivial view, on SQLite (what `make run` uses) and on PostgreSQL
(what docs/operating.md deploys on) when its binaries are installed. Requests go one at a time to
one gunicorn worker, so each latency is one request's own cost, not a queue's.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from benchmarks.profiles import distinct_profiles
from stackwise.advisor import parse_profile, recommend
from stackwise.knowledge import load_knowledge
from tests.helpers.served import served_site

POST_GOAL = 1.5


def _ms(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def served_ms(base: str, profiles: list[dict[str, Any]]) -> dict[str, float]:
    """Median latencies: POST per profile with the same profile's in-process advice measured
    right before it (alternating, so both meet the same moments of a noisy machine: measured
    apart, the ratio swung from 1.35 to 2.16 between runs minutes apart), its result page (first
    and repeat view), and /healthz."""
    knowledge = load_knowledge()
    recommend(parse_profile(profiles[0]), knowledge)  # first-call costs, as a warm worker has paid
    with httpx.Client(base_url=base, timeout=60) as client:
        client.post("/api/assessments", json={"product": "saas"}).raise_for_status()  # warm up
        advice, posts, urls = [], [], []
        for profile in profiles:
            advice.append(_ms(lambda p=profile: recommend(parse_profile(p), knowledge)))
            start = time.perf_counter()
            response = client.post("/api/assessments", json=profile)
            posts.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            urls.append(response.json()["url"])
        first = [_ms(lambda u=u: client.get(u).raise_for_status()) for u in urls]
        repeat = [_ms(lambda u=u: client.get(u).raise_for_status()) for u in urls]
        trivial = [_ms(lambda: client.get("/healthz").raise_for_status()) for _ in urls]
    return {
        "advice": statistics.median(advice),
        "post": statistics.median(posts),
        "page_first": statistics.median(first),
        "page_repeat": statistics.median(repeat),
        "trivial": statistics.median(trivial),
    }


def _report(database: str, figures: dict[str, float]) -> None:
    advice_ms = figures["advice"]
    ratio = figures["post"] / advice_ms
    print(f"{database}: gunicorn, 1 worker, requests one at a time (medians)")
    print(
        f"  POST /api/assessments {figures['post']:7.1f} ms; advice in-process {advice_ms:.1f} ms; "
        f"ratio {ratio:.2f} (goal <= {POST_GOAL}) {'ok' if ratio <= POST_GOAL else 'OVER'}"
    )
    trivial = figures["trivial"]
    print(
        f"  result page {figures['page_first']:.1f} ms first view (draws the chart), "
        f"{figures['page_repeat']:.1f} ms repeat; /healthz {trivial:.1f} ms; "
        f"ratios {figures['page_first'] / trivial:.1f} and {figures['page_repeat'] / trivial:.1f}"
    )


def main() -> None:
    """Measure the served site against in-process advice on SQLite and, if present, PostgreSQL."""
    profiles = distinct_profiles()
    env = {"ASSESSMENT_RATE_LIMIT": "off", "DEBUG": "false"}
    with (
        tempfile.TemporaryDirectory(prefix="stackwise-bench-") as data,
        served_site(Path(data), workers=1, env=env) as base,
    ):
        _report("SQLite", served_ms(base, profiles))
    from stackwise.lab.postgres import postgres_missing, throwaway_postgres

    missing = postgres_missing()
    if missing:
        print(f"PostgreSQL: not measured ({missing})")
        return
    with throwaway_postgres() as pg, tempfile.TemporaryDirectory() as data:
        url = pg.create_database("bench")
        with served_site(Path(data), database_url=url, workers=1, env=env) as base:
            _report("PostgreSQL 15", served_ms(base, profiles))


if __name__ == "__main__":
    main()
