"""Booking as Cal.com does it (issue 24, item 5): a cancellation may say why and keeping the
call is the primary button; a taken time leaves the visitor on the day they chose; a confirmed
call links to Google Calendar and Outlook beside its .ics file."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from stackwise.booking import services
from stackwise.booking.emails import render
from stackwise.booking.models import Booking, Notice
from stackwise.booking.tokens import manage_token
from tests.helpers.samples import form_data

pytestmark = pytest.mark.django_db


def confirmed(slot) -> Booking:  # type: ignore[no-untyped-def]
    booking = services.book(slot.start, services.Visitor("Ada", "ada@example.com"))
    return services.confirm(booking)


def cancel_url(booking: Booking) -> str:
    return f"/book/call/{manage_token(booking.id)}/cancel/"


def test_keeping_the_call_is_the_primary_button_and_the_reason_is_optional(client, free_slot):
    page = client.get(cancel_url(confirmed(free_slot))).content.decode()
    keep = re.search(r'<a class="([^"]+)"[^>]*>Keep the call</a>', page)
    cancel = re.search(r'<button class="([^"]+)"[^>]*>Yes, cancel the call</button>', page)
    assert keep and keep.group(1) == "button"  # the safe action is the primary one
    assert cancel and "secondary" in cancel.group(1).split()
    assert page.index("Keep the call") < page.index("cancel the call</button>")
    assert '<label for="id_reason">' in page and "(optional)" in page
    assert re.search(r'<textarea name="reason"[^>]*maxlength="500"', page)


def test_the_reason_reaches_the_consultant_and_is_deleted_with_the_details(client, free_slot):
    booking = confirmed(free_slot)
    client.post(cancel_url(booking), {"reason": "We chose\u202e a vendor\n\u200bafter all."})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancel_reason == "We chose a vendor\nafter all."  # format characters dropped
    to_consultant = Notice.objects.get(kind=Notice.Kind.CANCELLATION, to=Notice.To.CONSULTANT)
    to_visitor = Notice.objects.get(kind=Notice.Kind.CANCELLATION, to=Notice.To.VISITOR)
    assert "Reason given: We chose a vendor\nafter all." in render(to_consultant).body
    html = render(to_consultant).alternatives[0][0]
    assert "We chose a vendor" in str(html)
    assert "Reason" not in render(to_visitor).body  # the visitor knows their own reason
    booking.forget_person()
    booking.refresh_from_db()
    assert booking.cancel_reason == ""


def test_without_a_reason_the_consultant_reads_none_was_given(client, free_slot):
    booking = confirmed(free_slot)
    client.post(cancel_url(booking))
    notice = Notice.objects.get(kind=Notice.Kind.CANCELLATION, to=Notice.To.CONSULTANT)
    assert "No reason given." in render(notice).body


@pytest.mark.parametrize(
    ("reason", "error"),
    [("x" * 501, "at most 500 characters"), ("Bye\x1b[2J", "control characters")],
)
def test_a_bad_reason_is_refused_naming_it_and_the_call_stays(client, free_slot, reason, error):
    booking = confirmed(free_slot)
    response = client.post(cancel_url(booking), {"reason": reason})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Reason" in page and error in page
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def _second_day_slot():  # type: ignore[no-untyped-def]
    """A free slot on the second day that has several, and that day, in London."""
    from stackwise.booking.availability import open_slots

    london = ZoneInfo("Europe/London")
    days: dict[dt.date, list] = {}  # type: ignore[type-arg]
    for slot in open_slots():
        days.setdefault(slot.start.astimezone(london).date(), []).append(slot)
    day = [d for d, slots in days.items() if len(slots) > 2][1]
    return days[day][1], day


def test_a_taken_time_keeps_the_day_the_visitor_chose(client):
    slot, day = _second_day_slot()
    services.book(slot.start, services.Visitor("Grace", "grace@example.com"))
    response = client.post("/book/", form_data(slot))
    assert response.status_code == 409
    page = response.content.decode()
    assert re.search(rf'class="day chosen" name="day" value="{day.isoformat()}"', page)
    shown = re.search(r'<fieldset class="day-times" data-day="([^"]+)">', page)
    assert shown and shown.group(1) == day.isoformat()


def test_moving_to_a_taken_time_keeps_the_day_chosen(client, free_slot):
    slot, day = _second_day_slot()
    booking = confirmed(free_slot)
    services.book(slot.start, services.Visitor("Grace", "grace@example.com"))
    url = f"/book/call/{manage_token(booking.id)}/reschedule/"
    data = {"start": slot.start.isoformat(), "timezone": "Europe/London", "move": "1"}
    response = client.post(url, data)
    assert response.status_code == 409
    shown = re.search(r'<fieldset class="day-times" data-day="([^"]+)">', response.content.decode())
    assert shown and shown.group(1) == day.isoformat()


def _links(page: str) -> dict[str, str]:
    return {
        unescape(text): unescape(href)
        for href, text in re.findall(r'<a class="[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    }


def test_a_confirmed_call_links_to_google_and_outlook_beside_its_ics(client, free_slot, settings):
    settings.CONSULTANT_NAME = "Grace Hopper"
    settings.MEETING_URL = "https://meet.example.com/grace"
    booking = confirmed(free_slot)
    page = client.get(f"/book/call/{manage_token(booking.id)}/").content.decode()
    links = _links(page)
    assert "Add to calendar (.ics)" in links
    google = urlsplit(links["Google Calendar"])
    assert (google.scheme, google.netloc, google.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    query = parse_qs(google.query)
    start, end = booking.start.astimezone(dt.UTC), booking.end.astimezone(dt.UTC)
    assert query["action"] == ["TEMPLATE"]
    assert query["dates"] == [f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"]
    assert query["text"] == ["Discovery call: Grace Hopper"]
    assert query["location"] == ["https://meet.example.com/grace"]
    for name, host in (
        ("Outlook.com", "outlook.live.com"),
        ("Microsoft 365", "outlook.office.com"),
    ):
        outlook = urlsplit(links[name])
        assert (outlook.scheme, outlook.netloc) == ("https", host)
        query = parse_qs(outlook.query)
        assert query["subject"] == ["Discovery call: Grace Hopper"]
        assert query["startdt"] == [start.isoformat().replace("+00:00", "Z")]
        assert query["enddt"] == [end.isoformat().replace("+00:00", "Z")]
    # The call's own link (which moves or cancels it) is not handed to another company's server.
    token = manage_token(booking.id)
    assert not any(token in links[name] for name in ("Google Calendar", "Outlook.com"))


def test_a_call_waiting_for_confirmation_offers_no_calendar_links(client, free_slot):
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    page = client.get(f"/book/call/{manage_token(booking.id)}/").content.decode()
    assert "calendar.google.com" not in page and "outlook" not in page
