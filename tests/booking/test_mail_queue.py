"""Booking e-mail goes through the task queue to a real SMTP server (aiosmtpd on loopback):
the request never waits on it, each message retries alone, with a cap."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from stackwise.booking import services
from stackwise.booking.models import Booking, Notice
from stackwise.booking.tasks import retry_delay
from tests.booking.mailbox import CONSULTANT, plain, subject
from tests.helpers.samples import form_data
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)


def confirm_link(message) -> str:  # type: ignore[no-untyped-def]
    return next(w for w in plain(message).split() if "/book/confirm/" in w)


def test_booking_only_queues_mail_and_the_worker_sends_the_confirm_link(client, smtp, free_slot):
    assert client.post("/book/", form_data(free_slot)).status_code == 302
    assert smtp.messages == []  # nothing was sent inside the request
    assert Notice.objects.get().state == Notice.State.QUEUED
    run_queue()
    (message,) = smtp.to("ada@example.com")
    assert "Please confirm your discovery call" in subject(message)
    link = confirm_link(message)
    assert link.startswith("http://127.0.0.1:8000/book/confirm/")  # built from SITE_URL
    path = link.removeprefix("http://127.0.0.1:8000")
    assert "Confirm the call" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    run_queue()
    assert len(smtp.to("ada@example.com")) == 2 and len(smtp.to(CONSULTANT)) == 1
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_site_links_follow_the_site_url_setting(client, smtp, free_slot, settings):
    settings.SITE_URL = "https://calls.example.com"
    client.post("/book/", form_data(free_slot))
    run_queue()
    assert confirm_link(smtp.messages[0]).startswith("https://calls.example.com/book/confirm/")


def test_a_stalled_mail_server_does_not_slow_the_booking(client, smtp, free_slot, settings):
    smtp.stall.set()
    settings.EMAIL_TIMEOUT = 3  # a request that waited on the server would take 3 s or more
    client.get("/book/")  # warm: the first request also compiles templates
    began = time.monotonic()
    response = client.post("/book/", form_data(free_slot))
    assert response.status_code == 302 and time.monotonic() - began < 2.0
    assert client.get("/api/slots").status_code == 200
    settings.BOOKING_MAIL_ATTEMPTS = 2
    run_queue()  # the worker, not the visitor, waits out the stalled server, twice
    notice = Notice.objects.get()
    assert notice.state == Notice.State.FAILED and notice.attempts == 2
    assert "timed out" in notice.error


def test_a_failing_consultant_address_never_resends_the_visitors_invite(
    client, smtp, free_slot, settings
):
    settings.BOOKING_MAIL_ATTEMPTS = 3
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    run_queue()
    smtp.refuse.add(CONSULTANT)
    services.confirm(booking)
    run_queue()
    subjects = [subject(m) for m in smtp.to("ada@example.com")]
    assert len(subjects) == 2  # the confirm link and the invite, each once
    assert subjects[0].startswith("Please confirm") and subjects[1].startswith("Confirmed")
    consultant = Notice.objects.get(to=Notice.To.CONSULTANT)
    assert consultant.state == Notice.State.FAILED and consultant.attempts == 3
    assert "451" in consultant.error
    visitor = Notice.objects.get(to=Notice.To.VISITOR, kind=Notice.Kind.INVITE)
    assert visitor.state == Notice.State.SENT and visitor.attempts == 1


def test_retries_back_off_doubling_from_the_setting(settings):
    settings.BOOKING_MAIL_RETRY_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_a_retry_waits_for_its_time(client, smtp, free_slot, settings):
    from django_tasks.backends.database.models import DBTaskResult

    settings.BOOKING_MAIL_RETRY_SECONDS = 600
    smtp.refuse.add("ada@example.com")
    client.post("/book/", form_data(free_slot))
    run_queue()
    notice = Notice.objects.get()
    assert notice.state == Notice.State.QUEUED and notice.attempts == 1
    waiting = DBTaskResult.objects.get(status="READY", task_path__endswith="deliver_notice")
    assert waiting.run_after is not None
    assert 590 <= (waiting.run_after - timezone.now()).total_seconds() <= 600
    assert run_queue() == 0  # not due yet


def test_plain_text_and_subjects_read_as_typed_while_html_stays_escaped(client, smtp, free_slot):
    name, company = "Seán O'Brien", "Müller & Söhne"
    client.post("/book/", form_data(free_slot, name=name, company=company))
    run_queue()
    services.confirm(Booking.objects.get())
    run_queue()
    visitor = smtp.to("ada@example.com")[-1]
    consultant = smtp.to(CONSULTANT)[0]
    assert f"Hello {name}," in plain(visitor)
    assert f"{name} ({company})" in subject(consultant)
    assert f"Visitor: {name} <ada@example.com>, {company}" in plain(consultant)
    html = consultant.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert "Seán O&#x27;Brien" in html and "Müller &amp; Söhne" in html
    assert "&amp;" not in plain(consultant) and "&#x27;" not in subject(consultant)


def test_a_newline_in_a_name_never_reaches_a_header(smtp, free_slot):
    booking = services.book(
        free_slot.start, services.Visitor("Ada\nBcc: x@evil.test", "ada@example.com")
    )
    run_queue()
    services.confirm(booking)
    run_queue()
    consultant = smtp.to(CONSULTANT)[0]
    assert "Ada Bcc: x@evil.test" in subject(consultant) and consultant["Bcc"] is None
    # Everything due is sent (the reminders wait for their time before the call).
    due = Notice.objects.exclude(kind=Notice.Kind.REMINDER)
    assert all(n.state == Notice.State.SENT for n in due)


def test_the_worker_expires_a_hold_nobody_confirmed_and_deletes_its_details(
    client, smtp, free_slot, settings
):
    settings.BOOKING_HOLD_MINUTES = 0  # runs out at once
    settings.BOOKING_EXPIRED_KEEP_HOURS = 0  # and the details go with it
    client.post("/book/", form_data(free_slot))
    run_queue()
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.EXPIRED
    assert (booking.name, booking.email, booking.company, booking.message) == ("", "", "", "")
    assert free_slot.start.isoformat() in client.get("/book/").content.decode()


def test_a_confirm_link_for_a_request_cancelled_meanwhile_is_not_sent(client, smtp, free_slot):
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    services.cancel(booking)
    run_queue()
    assert smtp.messages == []
    assert Notice.objects.get().state == Notice.State.SKIPPED
