"""Two servers, one database: two gunicorn instances and one task worker on one PostgreSQL, as a
deployment behind a load balancer runs them. Thirty racers split across both servers book one
slot exactly once, a rate limit holds across both, and every e-mail is delivered once."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import httpx
import pytest

from tests.booking.mailbox import CONSULTANT, Inbox, listening_inbox, plain
from tests.booking.racing import race_for_one_slot
from tests.helpers.samples import SAAS
from tests.helpers.served import served_site, served_worker
from tests.helpers.waiting import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SITE_URL = "https://calls.example.test"
RACERS = 30


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with listening_inbox() as mailbox:
        yield mailbox


def visitor(n: int) -> dict[str, str]:
    """What the proxy in front of both servers adds: the visitor's own address."""
    return {"X-Forwarded-For": f"203.0.113.{n}"}


def confirm(server: str, link: str) -> int:
    """Open the e-mailed link on one server and press the confirm button, as the visitor does."""
    path = link.removeprefix(SITE_URL)
    with httpx.Client(base_url=server) as browser:
        page = browser.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, page.text[:500]
        answer = browser.post(
            path, data={"csrfmiddlewaretoken": token.group(1)}, headers={"Referer": server}
        )
    return answer.status_code


def unfinished_tasks(database_url: str) -> int:
    """Tasks due or running: none once the worker has sent everything it was given."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        row = connection.execute(
            # Due now (django-tasks writes "no run_after" as the year 9999): the hold's expiry
            # check is queued for later and stays READY until then.
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
            "OR (status = 'READY' AND (run_after <= now() OR run_after >= '9999-01-01'))"
        ).fetchone()
    return int(row[0]) if row else 0


def test_two_servers_and_a_worker_share_one_postgresql(postgres, tmp_path, inbox):
    database_url = postgres.create_database("two_servers")
    env = {
        "EMAIL_URL": f"smtp://127.0.0.1:{inbox.port}",  # type: ignore[attr-defined]
        "SITE_URL": SITE_URL,
        # Links signed by one server (or the worker) are opened on another: one key for all.
        "SECRET_KEY": "two-servers-share-this-key-" + "k" * 40,
        "TRUSTED_PROXY_HOPS": "1",
        "BOOKING_RATE_LIMIT": "3/hour",
        "ASSESSMENT_RATE_LIMIT": "5/hour",
    }
    with ExitStack() as stack:
        servers = [
            stack.enter_context(
                served_site(tmp_path / name, database_url=database_url, workers=2, env=env)
            )
            for name in ("a", "b")
        ]
        worker = stack.enter_context(
            served_worker(tmp_path / "a", database_url=database_url, env=env)
        )

        # One slot, thirty visitors, two servers: one holds it, the rest hear it is taken.
        assert race_for_one_slot(servers, RACERS, visitor) == Counter({201: 1, 409: RACERS - 1})

        # One visitor address, ten assessments at once across both servers: five get through.
        barrier = threading.Barrier(10)

        def assess(i: int) -> int:
            barrier.wait()
            answer = httpx.post(
                f"{servers[i % 2]}/api/assessments", json=SAAS, headers=visitor(200), timeout=120
            )
            return answer.status_code

        with ThreadPoolExecutor(10) as pool:
            codes = Counter(pool.map(assess, range(10)))
        assert codes == Counter({201: 5, 429: 5})

        # The winner confirms on the other server; the worker sends each message once.
        wait_for(lambda: len(inbox.messages) == 1, "the confirm e-mail")
        winner = inbox.messages[0]["To"]
        link = re.search(rf"{re.escape(SITE_URL)}/book/confirm/\S+", plain(inbox.messages[0]))
        assert link
        assert confirm(servers[1], link.group()) == 302
        wait_for(lambda: len(inbox.to(CONSULTANT)) == 1, "the consultant's invite")
        wait_for(lambda: len(inbox.to(winner)) == 2, "the visitor's invite")
        wait_for(lambda: unfinished_tasks(database_url) == 0, "the queue to drain")
    assert len(inbox.messages) == 3
    assert Counter(m["To"] for m in inbox.messages) == Counter({winner: 2, CONSULTANT: 1})
    assert worker.returncode == 0, (tmp_path / "a" / "worker.log").read_text()[-2000:]
