"""Booking through the pages: a day, a time, an e-mail confirmation, then move or cancel."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from stackwise.booking import services
from stackwise.booking.models import Booking, Notice
from stackwise.booking.tokens import booking_id_from, confirm_token, manage_token
from tests.helpers.samples import form_data

pytestmark = pytest.mark.django_db


def test_a_fresh_site_offers_weekday_slots_from_nine_to_five_berlin_time(client):
    from stackwise.booking.availability import open_slots

    slots = open_slots()
    assert slots, "the data migration creates availability"
    berlin = [s.start.astimezone(ZoneInfo("Europe/Berlin")) for s in slots]
    assert all(t.weekday() < 5 and 9 <= t.hour < 17 for t in berlin)
    assert max(s.start for s in slots) - min(s.start for s in slots) <= dt.timedelta(days=14)


def test_the_page_shows_one_days_times_in_the_visitors_zone_labelled_with_the_day(
    client, free_slot
):
    page = client.get("/book/?tz=Asia/Tokyo").content.decode()
    assert 'id="tz" name="timezone" value="Asia/Tokyo"' in page
    tokyo = free_slot.start.astimezone(ZoneInfo("Asia/Tokyo"))
    shown = re.search(
        rf'value="{re.escape(free_slot.start.isoformat())}"[^>]*>'
        r'<span class="visually-hidden">([^<]+)</span><span class="time">([^<]+)<',
        page,
    )
    assert shown and shown.group(2) == f"{tokyo:%H:%M}"  # Tokyo time, not UTC
    assert shown.group(1) == f"{tokyo:%A %-d %B}, "  # a screen reader hears the day too
    visible = page.split('class="day-times"')[1:]
    assert sum(" hidden>" not in group.split(">")[0] + ">" for group in visible) == 1


def test_an_american_visitor_reads_a_twelve_hour_clock(client, free_slot):
    page = client.get("/book/?tz=America/New_York", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")
    local = free_slot.start.astimezone(ZoneInfo("America/New_York"))
    label = f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    assert f'<span class="time">{label}</span>' in page.content.decode()


def test_the_page_says_who_the_call_is_with_how_long_and_where(client, settings):
    settings.CONSULTANT_NAME = "Grace Hopper"
    settings.MEETING_URL = "https://meet.example.com/grace"
    page = client.get("/book/").content.decode()
    assert "Grace Hopper" in page and ">GH<" in page
    assert "30-minute discovery call" in page and "https://meet.example.com/grace" in page


@pytest.mark.parametrize("zone", ["America", "Etc", "__pycache__", "Mars/Olympus", "../etc"])
def test_a_zone_that_is_not_a_zone_is_a_clear_error_on_the_page(client, zone):
    response = client.get("/book/", {"tz": zone})
    assert response.status_code == 422
    assert "is not a time zone" in response.content.decode()


def test_changing_the_zone_or_day_keeps_what_was_typed(client, free_slot):
    data = form_data(free_slot, show="1", timezone="Asia/Tokyo")
    data.pop("start")
    page = client.post("/book/", data).content.decode()
    assert 'id="tz" name="timezone" value="Asia/Tokyo"' in page
    assert 'value="Ada Lovelace"' in page and "Analytical Engines" in page
    assert 'id="error-summary"' not in page and Booking.objects.count() == 0
    day = free_slot.start.astimezone(ZoneInfo("Asia/Tokyo")).date().isoformat()
    page = client.post("/book/", {**data, "day": day}).content.decode()
    assert f'value="{day}" formnovalidate aria-pressed="true"' in page
    assert 'value="ada@example.com"' in page


def test_coming_from_a_result_page_attaches_the_assessment(client, assessment, free_slot):
    page = client.get(f"/book/?assessment={assessment.id}").content.decode()
    assert "Invoicing SaaS" in page and "Django" in page
    response = client.post("/book/", form_data(free_slot, assessment=str(assessment.id)))
    assert response.status_code == 302
    assert Booking.objects.get().assessment == assessment


def test_booking_holds_the_slot_until_the_visitor_confirms_by_email(client, free_slot, settings):
    settings.BOOKING_HOLD_MINUTES = 15
    response = client.post("/book/", form_data(free_slot, timezone="America/New_York"))
    assert response.status_code == 302 and "ada@example.com" not in response["Location"]
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.HELD and booking.timezone == "America/New_York"
    assert booking.hold_until is not None
    assert (
        dt.timedelta(minutes=14)
        < booking.hold_until - booking.created_at
        <= dt.timedelta(minutes=15)
    )
    page = client.get(response["Location"]).content.decode()
    assert "Check your e-mail to confirm" in page and "Waiting for e-mail confirmation" in page
    assert "Add to calendar" not in page  # nothing to put in a calendar yet
    assert free_slot.start.isoformat() not in client.get("/book/").content.decode()
    confirm = f"/book/confirm/{confirm_token(booking.id)}/"
    confirmed = client.post(confirm)["Location"]  # the call's page (its token is signed anew)
    assert booking_id_from(confirmed.split("/")[-2]) == booking.id
    page = client.get(confirmed).content.decode()
    new_york = free_slot.start.astimezone(ZoneInfo("America/New_York"))
    assert "Your call is booked" in page and f"{new_york:%H:%M}</p>" in page
    assert "Add to calendar" in page and "Pick another time" in page


def test_the_page_link_alone_cannot_confirm(client, free_slot):
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    assert client.post(f"/book/confirm/{manage_token(booking.id)}/").status_code == 404


def test_an_unconfirmed_hold_expires_and_frees_the_slot(client, free_slot, settings):
    settings.BOOKING_EXPIRED_KEEP_HOURS = 0  # details deleted as soon as the hold runs out
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    Booking.objects.filter(pk=booking.pk).update(
        hold_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    )
    assert free_slot.start.isoformat() in client.get("/book/").content.decode()
    response = client.post(f"/book/confirm/{confirm_token(booking.id)}/")
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert client.post("/book/", form_data(free_slot, name="Grace")).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.EXPIRED and (booking.name, booking.email) == ("", "")


def confirmed_booking(slot) -> Booking:  # type: ignore[no-untyped-def]
    booking = services.book(
        slot.start, services.Visitor("Ada", "ada@example.com", company="Engines", message="hi")
    )
    return services.confirm(booking)


def test_the_calendar_file_is_the_confirmed_invite(client, free_slot):
    from icalendar import Calendar

    booking = confirmed_booking(free_slot)
    response = client.get(f"/book/call/{manage_token(booking.id)}/discovery-call.ics")
    assert response["Content-Type"] == "text/calendar; method=REQUEST"
    event = next(c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT")
    assert event.decoded("dtstart") == free_slot.start and event["status"] == "CONFIRMED"


def test_rescheduling_moves_the_call_and_tells_both_sides(client, free_slot):
    from stackwise.booking.availability import open_slots

    booking = confirmed_booking(free_slot)
    later = open_slots()[4]
    url = f"/book/call/{manage_token(booking.id)}/reschedule/"
    assert "Pick another time" in client.get(url).content.decode()
    response = client.post(url, {"start": later.start.isoformat(), "timezone": "UTC", "move": "1"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.start == later.start and booking.sequence == 1
    updates = Notice.objects.filter(kind=Notice.Kind.UPDATE)
    assert {n.to for n in updates} == {Notice.To.VISITOR, Notice.To.CONSULTANT}
    assert free_slot.start.isoformat() in client.get("/book/").content.decode()  # freed


def test_cancelling_frees_the_slot_and_tells_both_sides(client, free_slot):
    booking = confirmed_booking(free_slot)
    cancel_url = f"/book/call/{manage_token(booking.id)}/cancel/"
    assert "Cancel your call?" in client.get(cancel_url).content.decode()
    assert "is cancelled" in client.post(cancel_url).content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.sequence == 1
    cancellations = Notice.objects.filter(kind=Notice.Kind.CANCELLATION)
    assert {n.to for n in cancellations} == {Notice.To.VISITOR, Notice.To.CONSULTANT}
    assert client.post("/book/", form_data(free_slot, name="Grace")).status_code == 302


def test_cancelling_an_unconfirmed_request_deletes_the_details_at_once(client, free_slot):
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    client.post(f"/book/call/{manage_token(booking.id)}/cancel/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and (booking.name, booking.email) == ("", "")


def test_a_forged_token_is_404(client):
    assert client.get("/book/call/not-a-real-token/").status_code == 404
    assert client.post("/book/call/not-a-real-token/cancel/").status_code == 404
    assert client.post("/book/confirm/not-a-real-token/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"consent": None}, "id_consent", "We need your consent"),
        ({"consent": "yes"}, "id_consent", "We need your consent"),
        ({"consent": "1"}, "id_consent", "We need your consent"),
        ({"email": "not-an-address"}, "id_email", "Enter a valid email address"),
        ({"start": None}, "slot-picker", "Pick a time for the call"),
        ({"start": "2020-01-06T08:00:00+00:00"}, "slot-picker", "outside the booking window"),
        ({"start": "0001-01-01T00:00:00+01:00"}, "slot-picker", "outside the booking window"),
        ({"start": "9999-12-31T23:59:59-23:59"}, "slot-picker", "outside the booking window"),
        ({"name": ""}, "id_name", "This field is required"),
        ({"name": "   "}, "id_name", "This field is required"),
        ({"name": "12345 !!"}, "id_name", "must contain letters"),
        ({"name": "Ada\x00Lovelace"}, "id_name", "Null characters are not allowed"),
        ({"name": "Ada\nBcc: x@evil.test"}, "id_name", "control characters"),
        ({"company": "Engines\x07"}, "id_company", "control characters"),
        ({"timezone": "America"}, "tz", "is not a time zone"),
        ({"assessment": "not-an-id"}, "id_assessment", "not a valid id"),
    ],
)
def test_bad_input_is_summarised_at_the_top_linking_to_the_field(
    client, free_slot, changes, field, error
):
    response = client.post("/book/", form_data(free_slot, **changes))
    assert response.status_code == 422
    page = response.content.decode()
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert error in summary and f'href="#{field}"' in summary
    assert "Analytical Engines" in page or "company" in changes  # what was typed is kept
    assert Booking.objects.count() == 0


def test_a_time_outside_the_hours_is_refused_at_the_picker(client, free_slot):
    odd = (free_slot.start + dt.timedelta(minutes=7)).isoformat()
    response = client.post("/book/", form_data(free_slot, start=odd))
    assert response.status_code == 422 and "Please pick another time" in response.content.decode()


def test_an_unknown_assessment_is_refused(client, free_slot):
    response = client.post(
        "/book/", form_data(free_slot, assessment="7b7c2c8e-55a5-4b0e-a5f2-7a8c3d2e1f00")
    )
    assert response.status_code == 422 and "no longer exists" in response.content.decode()


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


def test_bookings_are_rate_limited_but_a_taken_slot_does_not_count(client, settings):
    from stackwise.booking.availability import open_slots

    settings.BOOKING_RATE_LIMIT = (2, 3600)
    first, second, third = open_slots()[:3]
    assert client.post("/book/", form_data(first)).status_code == 302
    for _ in range(3):  # refused for a taken slot: not counted
        assert client.post("/book/", form_data(first)).status_code == 409
    assert client.post("/book/", form_data(second)).status_code == 302
    response = client.post("/book/", form_data(third))
    assert response.status_code == 429 and "Too many bookings" in response.content.decode()
    assert Booking.objects.count() == 2


def test_purge_removes_personal_data_of_past_calls_and_keeps_counts(free_slot):
    from django.core.management import call_command

    past = Booking.objects.create(
        start=dt.datetime(2025, 1, 6, 8, tzinfo=dt.UTC),
        end=dt.datetime(2025, 1, 6, 8, 30, tzinfo=dt.UTC),
        status=Booking.Status.CONFIRMED,
        name="Old Visitor",
        email="old@example.com",
        message="hello",
    )
    past.notices.create(kind="invite", to="visitor", state="failed", error="550 old@example.com")
    future = Booking.objects.create(
        start=free_slot.start, end=free_slot.end, name="New", email="new@example.com"
    )
    call_command("purge_bookings", "--older-than", "30")
    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.name, past.email, past.message) == ("", "", "") and past.purged_at
    assert past.notices.get().error == ""
    assert future.name == "New"
    assert Booking.objects.count() == 2


def test_admin_lists_upcoming_first_with_zones_and_cancelling_tells_both_sides(
    admin_client, free_slot
):
    from stackwise.booking.availability import open_slots

    later = open_slots()[5]
    Booking.objects.create(
        start=later.start, end=later.end, name="Later", email="later@example.com"
    )
    soon = confirmed_booking(free_slot)
    page = admin_client.get("/admin/booking/booking/").content.decode()
    assert page.index("Ada") < page.index("Later")
    berlin = free_slot.start.astimezone(ZoneInfo("Europe/Berlin"))
    assert f"{berlin:%H:%M} Europe/Berlin" in page and "UTC" in page  # visitor's zone: UTC
    admin_client.post(
        "/admin/booking/booking/", {"action": "cancel_bookings", "_selected_action": [soon.pk]}
    )
    soon.refresh_from_db()
    assert soon.status == Booking.Status.CANCELLED
    assert soon.notices.filter(kind=Notice.Kind.CANCELLATION).count() == 2


def test_csv_export_defuses_spreadsheet_formulas(admin_client, free_slot):
    import csv
    import io

    booking = services.book(
        free_slot.start,
        services.Visitor(
            '=HYPERLINK("http://evil.test")',
            "ada@example.com",
            company="+cmd|' /C calc'!A0",
            message="@SUM(1+1)",
        ),
    )
    export = admin_client.post(
        "/admin/booking/booking/", {"action": "export_csv", "_selected_action": [booking.pk]}
    )
    assert export["Content-Type"] == "text/csv"
    header, row = list(csv.reader(io.StringIO(export.content.decode())))
    cells = dict(zip(header, row, strict=True))
    assert cells["name"] == '\'=HYPERLINK("http://evil.test")'
    assert cells["company"].startswith("'+") and cells["message"] == "'@SUM(1+1)"
    assert cells["email"] == "ada@example.com"


def test_moving_to_a_taken_time_is_409_and_keeps_the_call(client, free_slot):
    from stackwise.booking.availability import open_slots

    booking = confirmed_booking(free_slot)
    other = open_slots()[2]
    services.book(other.start, services.Visitor("Grace", "grace@example.com"))
    url = f"/book/call/{manage_token(booking.id)}/reschedule/"
    response = client.post(url, {"start": other.start.isoformat(), "timezone": "UTC", "move": "1"})
    assert response.status_code == 409 and "just taken" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == free_slot.start and booking.sequence == 0


def test_links_in_e_mails_sent_before_this_version_still_lead_to_the_call(client, free_slot):
    booking = confirmed_booking(free_slot)
    token = manage_token(booking.id)
    assert client.get(f"/book/confirmed/{token}/")["Location"] == f"/book/call/{token}/"
    assert client.get(f"/book/cancel/{token}/")["Location"] == f"/book/call/{token}/cancel/"


def test_the_zone_picker_lists_current_zone_names_with_their_offset_and_time_now(client):
    page = client.get("/book/?tz=Asia/Calcutta", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    # The old name a browser reports is shown under today's name.
    assert 'id="tz" name="timezone" value="Asia/Kolkata"' in page
    assert re.search(r'<option value="Asia/Kolkata" label="Kolkata \(Asia\), UTC\+05:30, now '
                     r'\d{1,2}:\d\d [AP]M">', page)  # fmt: skip
    assert 'value="Asia/Calcutta"' not in page
    assert re.search(r"Kolkata \(Asia\), UTC\+05:30, now \d{1,2}:\d\d [AP]M\. Type a city", page)
    berlin = client.get("/book/?tz=Europe/Berlin", HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()
    assert re.search(r"Berlin \(Europe\), UTC\+0[12]:00, now \d\d:\d\d\.", berlin)
    offsets = re.findall(r'label="[^"]*, UTC([+-]\d\d):(\d\d), now', berlin)
    minutes = [int(h) * 60 + (int(m) if h.startswith("+") else -int(m)) for h, m in offsets]
    assert len(minutes) > 300 and minutes == sorted(minutes)  # west to east


def test_a_booking_made_with_an_old_zone_name_is_kept_under_the_current_one(client, free_slot):
    from tests.helpers.samples import form_data

    assert client.post("/book/", form_data(free_slot, timezone="Asia/Calcutta")).status_code == 302
    assert Booking.objects.get().timezone == "Asia/Kolkata"
