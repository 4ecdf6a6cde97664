"""Booking e-mail through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from stackwise.booking.models import Booking
from tests.helpers.network import free_port
from tests.helpers.samples import form_data

pytestmark = pytest.mark.django_db


class Inbox:
    """Keeps every message the SMTP server receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@pytest.fixture
def smtp(settings):  # type: ignore[no-untyped-def]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield inbox
    controller.stop()


def test_the_visitor_gets_an_invite_that_parses_back_to_the_booked_time(
    client, smtp, free_slot, assessment
):
    assert (
        client.post("/book/", form_data(free_slot, assessment=str(assessment.id))).status_code
        == 302
    )
    assert Booking.objects.get().mail_status == Booking.Mail.SENT
    visitor = next(m for m in smtp.messages if m["To"] == "ada@example.com")
    assert "discovery call" in visitor["Subject"].lower()
    attachment = next(
        part for part in visitor.iter_attachments() if part.get_filename() == "discovery-call.ics"
    )
    event = next(
        c for c in Calendar.from_ical(attachment.get_content()).walk() if c.name == "VEVENT"
    )
    assert event.decoded("dtstart") == free_slot.start
    consultant = next(m for m in smtp.messages if m["To"] == "consultant@stackwise.localhost")
    body = consultant.get_body(preferencelist=("plain",)).get_content()
    assert "Ada Lovelace" in body and "Recommended: Django" in body
