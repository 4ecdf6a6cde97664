"""Booking through the pages: slots by day, confirmation, calendar file, cancel, and bad input."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from stackwise.booking.models import Booking
from tests.helpers.samples import form_data

pytestmark = pytest.mark.django_db


def test_a_fresh_site_offers_weekday_slots_from_nine_to_five_berlin_time(client):
    from stackwise.booking.availability import open_slots

    slots = open_slots()
    assert slots, "the data migration creates availability"
    berlin = [s.start.astimezone(ZoneInfo("Europe/Berlin")) for s in slots]
    assert all(t.weekday() < 5 and 9 <= t.hour < 17 for t in berlin)
    assert max(s.start for s in slots) - min(s.start for s in slots) <= dt.timedelta(days=14)


def test_book_page_shows_slots_in_the_visitors_zone_grouped_by_day(client, free_slot):
    page = client.get("/book/?tz=Asia/Tokyo").content.decode()
    assert 'name="start"' in page and "<h3>" in page
    assert 'value="Asia/Tokyo" selected' in page
    assert "consent" in page and 'name="website"' in page
    tokyo = free_slot.start.astimezone(ZoneInfo("Asia/Tokyo"))
    shown = re.search(rf'value="{re.escape(tokyo.isoformat())}"[^>]*> (\d\d:\d\d)', page)
    assert shown and shown.group(1) == f"{tokyo:%H:%M}"  # the label is Tokyo time, not UTC


def test_coming_from_a_result_page_attaches_the_assessment(client, assessment, free_slot):
    page = client.get(f"/book/?assessment={assessment.id}").content.decode()
    assert "Invoicing SaaS" in page and "Django" in page
    response = client.post("/book/", form_data(free_slot, assessment=str(assessment.id)))
    assert response.status_code == 302
    assert Booking.objects.get().assessment == assessment


def test_booking_confirms_with_an_invite_and_emails_both_sides(client, free_slot):
    response = client.post("/book/", form_data(free_slot, timezone="America/New_York"))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.start == free_slot.start and booking.timezone == "America/New_York"
    assert booking.mail_status == Booking.Mail.SENT
    assert {m.to[0] for m in mail.outbox} == {"ada@example.com", "consultant@stackwise.localhost"}
    new_york = f"{free_slot.start.astimezone(ZoneInfo('America/New_York')):%H:%M}"
    berlin = f"{free_slot.start.astimezone(ZoneInfo('Europe/Berlin')):%H:%M}"
    visitor = next(m for m in mail.outbox if m.to == ["ada@example.com"])
    assert f"at {new_york} (America/New_York)" in visitor.body
    consultant = next(m for m in mail.outbox if m.to == ["consultant@stackwise.localhost"])
    assert f"{berlin} Europe/Berlin" in consultant.subject
    page = client.get(response["Location"]).content.decode()
    assert "Your call is booked" in page and "Add to calendar" in page
    assert f", {new_york}</p>" in page  # the visitor's wall clock
    assert "ada@example.com" not in response["Location"]
    ics = client.get(
        response["Location"].replace("/confirmed/", "/invite/").rstrip("/") + "/discovery-call.ics"
    )
    event = next(c for c in Calendar.from_ical(ics.content).walk() if c.name == "VEVENT")
    assert event.decoded("dtstart") == free_slot.start


def test_the_slot_is_gone_once_booked(client, free_slot):
    client.post("/book/", form_data(free_slot))
    assert free_slot.start.isoformat() not in client.get("/book/").content.decode()


def test_cancelling_frees_the_slot_and_deletes_personal_data(client, free_slot):
    confirmation = client.post("/book/", form_data(free_slot))["Location"]
    cancel_url = confirmation.replace("/confirmed/", "/cancel/")
    assert "Cancel your call?" in client.get(cancel_url).content.decode()
    assert "is cancelled" in client.post(cancel_url).content.decode()
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CANCELLED
    assert (booking.name, booking.email, booking.company, booking.message) == ("", "", "", "")
    assert client.get(confirmation).url == cancel_url  # no "booked" page for a cancelled call
    assert client.post("/book/", form_data(free_slot, name="Grace")).status_code == 302


def test_a_forged_token_is_404(client):
    assert client.get("/book/confirmed/not-a-real-token/").status_code == 404
    assert client.post("/book/cancel/not-a-real-token/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"consent": None}, "We need your consent"),
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"start": None}, "Pick a time for the call"),
        ({"start": "2020-01-06T08:00:00+00:00"}, "Please pick another time"),
        ({"start": "2099-01-05T03:17:00+00:00"}, "Please pick another time"),
        ({"name": ""}, "This field is required"),
        ({"assessment": "not-an-id"}, "not a valid id"),
        ({"assessment": "7b7c2c8e-55a5-4b0e-a5f2-7a8c3d2e1f00"}, "no longer exists"),
    ],
    ids=[
        "no-consent",
        "bad-email",
        "no-slot",
        "past-slot",
        "outside-availability",
        "no-name",
        "bad-assessment-id",
        "unknown-assessment",
    ],
)
def test_bad_input_is_marked_at_the_field_and_kept(client, free_slot, changes, error):
    response = client.post("/book/", form_data(free_slot, **changes))
    assert response.status_code == 422
    page = response.content.decode()
    assert error in page
    assert "Analytical Engines" in page
    assert Booking.objects.count() == 0


def test_a_taken_slot_answers_409_and_keeps_the_form(client, free_slot):
    client.post("/book/", form_data(free_slot))
    response = client.post(
        "/book/", form_data(free_slot, name="Grace Hopper", email="grace@example.com")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "just taken" in page and 'value="Grace Hopper"' in page
    assert Booking.objects.count() == 1


def test_a_filled_honeypot_is_refused(client, free_slot):
    response = client.post("/book/", form_data(free_slot, website="http://spam.example"))
    assert response.status_code == 422 and Booking.objects.count() == 0


def test_bookings_are_rate_limited_per_address(client, settings):
    from stackwise.booking.availability import open_slots

    settings.BOOKING_RATE_LIMIT = (2, 3600)
    first, second, third = open_slots()[:3]
    assert client.post("/book/", form_data(first)).status_code == 302
    assert client.post("/book/", form_data(second)).status_code == 302
    response = client.post("/book/", form_data(third))
    assert response.status_code == 429 and "Too many bookings" in response.content.decode()


def test_a_failed_email_keeps_the_booking_for_retry(client, free_slot, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert client.post("/book/", form_data(free_slot)).status_code == 302
    booking = Booking.objects.get()
    assert booking.mail_status == Booking.Mail.FAILED and booking.mail_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command

    call_command("retry_booking_emails")
    booking.refresh_from_db()
    assert booking.mail_status == Booking.Mail.SENT and booking.mail_attempts == 2


def test_purge_removes_personal_data_of_past_calls_and_keeps_counts(free_slot):
    from django.core.management import call_command

    past = Booking.objects.create(
        start=dt.datetime(2025, 1, 6, 8, tzinfo=dt.UTC),
        end=dt.datetime(2025, 1, 6, 8, 30, tzinfo=dt.UTC),
        name="Old Visitor",
        email="old@example.com",
        message="hello",
    )
    future = Booking.objects.create(
        start=free_slot.start, end=free_slot.end, name="New", email="new@example.com"
    )
    call_command("purge_bookings", "--older-than", "30")
    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.name, past.email, past.message) == ("", "", "") and past.purged_at
    assert future.name == "New"
    assert Booking.objects.count() == 2


def test_admin_lists_upcoming_first_and_confirming_tells_the_visitor(admin_client, free_slot):
    from stackwise.booking.availability import open_slots

    later = open_slots()[5]
    Booking.objects.create(
        start=later.start, end=later.end, name="Later", email="later@example.com"
    )
    soon = Booking.objects.create(
        start=free_slot.start, end=free_slot.end, name="Soon", email="soon@example.com"
    )
    page = admin_client.get("/admin/booking/booking/").content.decode()
    assert page.index("Soon") < page.index("Later")
    admin_client.post(
        "/admin/booking/booking/", {"action": "confirm_bookings", "_selected_action": [soon.pk]}
    )
    soon.refresh_from_db()
    assert soon.status == Booking.Status.CONFIRMED
    assert any("confirmed" in m.subject for m in mail.outbox if m.to == ["soon@example.com"])
    export = admin_client.post(
        "/admin/booking/booking/", {"action": "export_csv", "_selected_action": [soon.pk]}
    )
    assert export["Content-Type"] == "text/csv" and b"soon@example.com" in export.content
