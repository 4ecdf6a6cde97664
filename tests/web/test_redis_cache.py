"""CACHE_URL=redis://: two servers that share nothing but a Redis share its rate limits, so a
deployment that keeps its limits in Redis gets the limits it configured."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.helpers.network import free_port
from tests.helpers.prerequisites import require
from tests.helpers.samples import SAAS
from tests.helpers.served import served_site
from tests.helpers.waiting import wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throw-away Redis on loopback, keeping nothing on disk."""
    server = shutil.which("redis-server")
    require(None if server else "redis-server (apt-get install redis-server)")
    assert server
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def answers() -> bool:
        import redis

        try:
            return bool(redis.Redis(port=port, socket_timeout=1).ping())
        except redis.ConnectionError:
            return False

    try:
        wait_for(answers, "redis-server to answer", seconds=30)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_two_servers_with_separate_databases_share_rate_limits_through_redis(tmp_path, redis_url):
    env = {"CACHE_URL": redis_url, "ASSESSMENT_RATE_LIMIT": "3/hour"}
    with ExitStack() as stack:
        # Each server its own SQLite file: only Redis can carry a count from one to the other.
        servers = [
            stack.enter_context(served_site(tmp_path / name, env=env)) for name in ("a", "b")
        ]
        barrier = threading.Barrier(8)

        def assess(i: int) -> int:
            barrier.wait()
            return httpx.post(
                f"{servers[i % 2]}/api/assessments", json=SAAS, timeout=60
            ).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = Counter(pool.map(assess, range(8)))
    assert codes == Counter({201: 3, 429: 5})
