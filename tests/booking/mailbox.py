"""Booking test helpers: a real SMTP server's inbox and reading what it received."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

CONSULTANT = "consultant@stackwise.localhost"


class Inbox:
    """An SMTP server's mailbox: every message it accepted, parsed as a mail reader would."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()  # recipients whose mail the server answers 451
        self.stall = asyncio.Event()  # set: DATA hangs until the test ends
        self.stalled = 0  # messages received whole and held unanswered by the stall

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]  # noqa: N802
        if address in self.refuse:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        if self.stall.is_set():
            self.stalled += 1
            await asyncio.sleep(3600)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


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


@contextmanager
def listening_inbox() -> Iterator[Inbox]:
    """A real SMTP server on a free loopback port; its port is on the inbox as `.port`."""
    from aiosmtpd.controller import Controller

    from tests.helpers.network import free_port

    mailbox = Inbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailbox.port = controller.port  # type: ignore[attr-defined]
    try:
        yield mailbox
    finally:
        controller.stop()
