"""No e-mail is lost when its worker dies: a task left running by a killed worker is queued
again by the next worker, and the message arrives exactly once."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.booking.mailbox import Inbox, listening_inbox, subject
from tests.helpers.served import served_site, served_worker
from tests.helpers.waiting import wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with listening_inbox() as mailbox:
        yield mailbox


def test_a_notice_whose_worker_is_killed_mid_send_arrives_exactly_once(tmp_path, inbox):
    env = {
        "EMAIL_URL": f"smtp://127.0.0.1:{inbox.port}",  # type: ignore[attr-defined]
        "BOOKING_RATE_LIMIT": "off",
        "TASK_STALLED_SECONDS": "2",
    }
    inbox.stall.set()  # the server takes the message and never answers: the worker waits
    with served_site(tmp_path, workers=1, env=env) as base:
        slot = httpx.get(f"{base}/api/slots").json()["slots"][0]["start"]
        booked = httpx.post(
            f"{base}/api/bookings",
            json={"start": slot, "name": "Ada", "email": "ada@example.com", "consent": True},
        )
        assert booked.status_code == 201
        with served_worker(tmp_path, env=env) as first:
            wait_for(lambda: inbox.stalled == 1, "the first worker to be in the middle of sending")
            first.send_signal(signal.SIGKILL)  # killed, not stopped: nothing runs its cleanup
            first.wait(timeout=10)
        assert inbox.messages == []  # the server never accepted the message
        inbox.stall.clear()
        with served_worker(tmp_path, env=env):
            wait_for(lambda: len(inbox.to("ada@example.com")) == 1, "the notice sent again")
            time.sleep(3)  # past another stalled time and sweep: nothing is sent twice
        delivered = inbox.to("ada@example.com")
        assert len(delivered) == 1 and subject(delivered[0]).startswith("Please confirm")
        assert delivered[0]["Message-ID"].startswith("<booking-notice-")
    log = (tmp_path / "worker.log").read_text()
    assert "queued 1 task(s) again" in log
