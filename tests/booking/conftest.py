"""Booking fixtures: a free slot, the form a visitor posts, a real SMTP inbox, the task queue."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from tests.web.conftest import _test_settings, assessment  # noqa: F401 - shared with the web tests

from stackwise.lab.postgres import free_port

CONSULTANT = "consultant@stackwise.localhost"


@pytest.fixture
def free_slot(db):  # type: ignore[no-untyped-def]
    from stackwise.booking.availability import open_slots

    return open_slots()[0]


def form_data(slot, **changes):  # type: ignore[no-untyped-def]
    data = {
        "start": slot.start.isoformat(),
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "company": "Analytical Engines",
        "message": "We are choosing between Django and NestJS.",
        "consent": "on",
        "timezone": "Europe/London",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def run_queue() -> int:
    """Run every task that is due, as `manage.py db_worker --batch` does; how many ran."""
    from django_tasks.backends.database.management.commands.db_worker import Worker
    from django_tasks.backends.database.models import DBTaskResult

    before = DBTaskResult.objects.exclude(status="READY").count()
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
    ).run()
    return DBTaskResult.objects.exclude(status="READY").count() - before


class Inbox:
    """An SMTP server's mailbox: every message it accepted, parsed as a mail reader would."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()  # recipients whose mail the server answers 451
        self.stall = asyncio.Event()  # set: DATA hangs until the test ends

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]  # noqa: N802
        if address in self.refuse:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        if self.stall.is_set():
            await asyncio.sleep(3600)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback (aiosmtpd) that the site sends through."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    settings.BOOKING_MAIL_RETRY_SECONDS = 0  # retries due at once, so the batch worker runs them
    yield inbox
    controller.stop()


def subject(message: EmailMessage) -> str:
    """The subject as a mail reader shows it (Python's parser keeps the space before a folded,
    encoded first line; readers drop it)."""
    return str(message["Subject"]).strip()


def plain(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def calendar_parts(message: EmailMessage) -> list[EmailMessage]:
    return [p for p in message.walk() if p.get_content_type() == "text/calendar"]  # type: ignore[misc]
