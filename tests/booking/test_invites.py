"""Invites that calendars act on: read back with icalendar and validated with vobject, from the
e-mails as a mail reader receives them (real SMTP)."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from icalendar import Calendar

from stackwise.booking import ics, services
from stackwise.booking.models import Booking
from tests.booking.mailbox import CONSULTANT, calendar_parts, subject
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)


def event_of(data: bytes):  # type: ignore[no-untyped-def]
    vobject.readOne(data.decode()).validate(raiseException=True)
    calendar = Calendar.from_ical(data)
    return calendar, next(c for c in calendar.walk() if c.name == "VEVENT")


def invites(message):  # type: ignore[no-untyped-def]
    """(method parameter of the MIME part, calendar, event) of each calendar part."""
    found = []
    for part in calendar_parts(message):
        data = part.get_payload(decode=True)
        calendar, event = event_of(data)
        found.append((part.get_param("method"), calendar, event))
    return found


@pytest.fixture
def confirmed(smtp, free_slot):  # type: ignore[no-untyped-def]
    booking = services.book(
        free_slot.start,
        services.Visitor("Seán O'Brien", "sean@example.com", timezone="America/New_York"),
    )
    run_queue()
    services.confirm(booking)
    run_queue()
    return Booking.objects.get()


def test_both_sides_get_a_request_naming_organizer_and_attendee(smtp, confirmed):
    for address in ("sean@example.com", CONSULTANT):
        ((method, calendar, event),) = invites(smtp.to(address)[-1])
        assert method == calendar["method"] == "REQUEST"
        assert event["status"] == "CONFIRMED" and event["sequence"] == 0
        assert event.decoded("dtstart") == confirmed.start
        assert str(event["organizer"]) == f"mailto:{CONSULTANT}"
        visitor = next(a for a in event["attendee"] if str(a) == "mailto:sean@example.com")
        assert visitor.params["CN"] == "Seán O'Brien"
        assert visitor.params["PARTSTAT"] == "ACCEPTED" and visitor.params["RSVP"] == "FALSE"


def test_the_confirm_request_carries_no_invite(smtp, free_slot):
    services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    run_queue()
    assert invites(smtp.to("ada@example.com")[0]) == []  # nothing is booked until confirmed


def test_a_new_time_raises_the_sequence_and_keeps_the_uid(smtp, confirmed):
    from stackwise.booking.availability import open_slots

    first = invites(smtp.to("sean@example.com")[-1])[0][2]
    changed = dt.datetime.now(dt.UTC).replace(microsecond=0)
    services.reschedule(confirmed, open_slots()[3].start)
    run_queue()
    for address in ("sean@example.com", CONSULTANT):
        message = smtp.to(address)[-1]
        assert subject(message).startswith("New time")
        ((method, _, event),) = invites(message)
        assert method == "REQUEST" and event["uid"] == first["uid"]
        assert event["sequence"] == 1 and event.decoded("dtstart") == open_slots_start(confirmed)
        assert event.decoded("dtstamp") >= changed  # stamped when sent, not when booked


def open_slots_start(booking: Booking) -> dt.datetime:
    booking.refresh_from_db()
    return booking.start


def test_a_cancellation_names_its_attendee_then_the_details_are_deleted(smtp, confirmed):
    request = invites(smtp.to("sean@example.com")[-1])[0][2]
    cancelled_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    services.cancel(confirmed)
    confirmed.refresh_from_db()
    assert confirmed.status == Booking.Status.CANCELLED and confirmed.email  # kept until sent
    run_queue()
    for address in ("sean@example.com", CONSULTANT):
        message = smtp.to(address)[-1]
        assert subject(message).startswith("Cancelled")
        ((method, calendar, event),) = invites(message)
        assert method == calendar["method"] == "CANCEL" and event["status"] == "CANCELLED"
        assert event["uid"] == request["uid"] and event["sequence"] > request["sequence"]
        assert event.decoded("dtstamp") >= cancelled_at
        assert "mailto:sean@example.com" in [str(a) for a in event["attendee"]]
    confirmed.refresh_from_db()
    assert (confirmed.name, confirmed.email, confirmed.company, confirmed.message) == (
        "",
        "",
        "",
        "",
    )
    assert all(n.error == "" for n in confirmed.notices.all())


def test_the_status_is_one_word_across_api_page_and_invite(client, smtp, confirmed):
    from stackwise.booking.api import booking_out
    from stackwise.booking.tokens import manage_token

    page = client.get(f"/book/call/{manage_token(confirmed.id)}/").content.decode()
    assert booking_out(confirmed)["status"] == "confirmed"
    assert 'Status: <strong class="status status-confirmed">Confirmed</strong>' in page
    ((_, _, event),) = invites(smtp.to("sean@example.com")[-1])
    assert event["status"] == "CONFIRMED"
    assert "Status: Confirmed" in smtp.to("sean@example.com")[-1].get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_each_invite_and_cancellation_is_available_as_bytes(confirmed):
    for data, method in (
        (ics.request(confirmed), "REQUEST"),
        (ics.cancellation(confirmed), "CANCEL"),
    ):
        calendar, _ = event_of(data)
        assert calendar["method"] == method
