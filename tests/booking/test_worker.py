"""The deployment contract: gunicorn serves, `manage.py db_worker` sends, a real SMTP server
receives; the visitor confirms from the e-mail and both sides get the invite, each once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.booking.mailbox import CONSULTANT, Inbox, listening_inbox, plain, subject
from tests.helpers.served import served_site
from tests.helpers.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://calls.example.test"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with listening_inbox() as mailbox:
        yield mailbox


def test_the_worker_beside_gunicorn_delivers_each_mail_once(tmp_path, inbox):
    env = {
        "EMAIL_URL": f"smtp://127.0.0.1:{inbox.port}",
        "SITE_URL": SITE_URL,
        "BOOKING_RATE_LIMIT": "off",
        "BOOKING_CONFIRM_BY_EMAIL": "true",  # the confirm link is what crosses processes
    }
    with served_site(tmp_path, env=env) as base:
        worker = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "--no-reload",
            ],
            env={**os.environ, "STACKWISE_DATA_DIR": str(tmp_path), **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            slot = httpx.get(f"{base}/api/slots").json()["slots"][0]["start"]
            answer = httpx.post(
                f"{base}/api/bookings",
                json={"start": slot, "name": "Ada", "email": "ada@example.com", "consent": True},
            )
            assert answer.status_code == 201 and answer.json()["status"] == "held"
            wait_for(lambda: len(inbox.to("ada@example.com")) == 1, "the confirm e-mail")
            link = re.search(r"https://\S+/book/confirm/\S+", plain(inbox.messages[0]))
            assert link and link.group().startswith(SITE_URL)
            with httpx.Client(base_url=base) as browser:
                path = link.group().removeprefix(SITE_URL)
                page = browser.get(path)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
                assert token
                confirmed = browser.post(
                    path, data={"csrfmiddlewaretoken": token.group(1)}, headers={"Referer": base}
                )
                assert confirmed.status_code == 302
            wait_for(lambda: len(inbox.to(CONSULTANT)) == 1, "the consultant's invite")
            wait_for(lambda: len(inbox.to("ada@example.com")) == 2, "the visitor's invite")
            assert subject(inbox.to("ada@example.com")[1]).startswith("Confirmed")
        finally:
            worker.terminate()
            _, errors = worker.communicate(timeout=20)
        assert worker.returncode == 0, errors.decode()
    assert len(inbox.messages) == 3
