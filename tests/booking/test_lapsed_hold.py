"""A hold that ran out before its e-mailed link was opened keeps the visitor's choice and details
for BOOKING_EXPIRED_KEEP_HOURS: the link books the same time again in one click while it is free,
or opens the booking page on that day filled in; then the details are deleted."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from stackwise.booking.availability import open_slots
from stackwise.booking.holds import expire_holds
from stackwise.booking.models import Booking
from stackwise.booking.tokens import confirm_token, manage_token
from tests.booking.mailbox import CONSULTANT, plain, subject
from tests.helpers.samples import form_data
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)


def page_of(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def hold(client, slot, **changes) -> Booking:  # type: ignore[no-untyped-def]
    assert client.post("/book/", form_data(slot, **changes)).status_code == 302
    return Booking.objects.get(start=slot.start, status=Booking.Status.HELD)


def lapse(booking: Booking) -> None:
    """The hold ran out a minute ago and the worker marked it expired."""
    Booking.objects.filter(pk=booking.pk).update(
        hold_until=timezone.now() - dt.timedelta(minutes=1)
    )
    expire_holds(timezone.now())


def link(booking: Booking) -> str:
    return f"/book/confirm/{confirm_token(booking.id)}/"


def test_the_e_mailed_link_books_the_same_time_again_in_one_click_while_it_is_free(
    client, smtp, free_slot, assessment, settings
):
    settings.BOOKING_HOLD_MINUTES = 0  # runs out before the visitor reads the e-mail
    client.post("/book/", form_data(free_slot, assessment=str(assessment.id)))
    run_queue()  # sends the confirm link and expires the hold
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.EXPIRED
    assert free_slot.start in [s.start for s in open_slots()]  # the time is free for others
    (message,) = smtp.to("ada@example.com")
    path = next(w for w in plain(message).split() if "/book/confirm/" in w).split("8000")[1]

    page = page_of(client.get(path))
    assert "Your hold ran out, but the time is still free" in page
    assert "Ada Lovelace · ada@example.com · Analytical Engines" in page
    assert "With your assessment <strong>Invoicing SaaS</strong> attached" in page
    assert "We keep these details until" in page and "they are deleted then" in page
    response = client.post(path, {"again": "1"})
    assert response.status_code == 302
    page = page_of(client.get(response["Location"]))
    assert "Your call is booked" in page and "Invoicing SaaS" in page
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.assessment == assessment
    assert booking.message == "We are choosing between Django and NestJS."
    run_queue()
    (invite,) = smtp.to(CONSULTANT)
    assert "Ada Lovelace" in subject(invite)
    assert len(smtp.to("ada@example.com")) == 2  # the confirm link, then the invite


def test_a_time_taken_meanwhile_opens_the_booking_page_on_that_day_with_the_details_kept(
    client, free_slot, assessment
):
    booking = hold(client, free_slot, assessment=str(assessment.id), timezone="Europe/Berlin")
    lapse(booking)
    hold(client, free_slot, name="Grace Hopper", email="grace@example.com")  # someone else

    response = client.get(link(booking))
    page = page_of(response)
    assert response.status_code == 200
    assert "Your hold ran out" in page and "someone else has booked that time since" in page
    assert "Your details are filled in below and your assessment is still attached" in page
    assert 'value="Ada Lovelace"' in page and 'value="ada@example.com"' in page
    assert "We are choosing between Django and NestJS.</textarea>" in page
    assert f'value="{assessment.id}"' in page and "About your assessment" in page
    assert "Grace" not in page
    day = free_slot.start.astimezone(ZoneInfo("Europe/Berlin")).date().isoformat()
    assert f'value="{day}" formnovalidate aria-pressed="true"' in page  # the picker is on it
    assert "We keep these details until" in page

    # Another time that day (or the next free one), consent ticked again: booked, still attached.
    other = next(s for s in open_slots() if s.start != free_slot.start)
    assert client.post("/book/", form_data(other, assessment=str(assessment.id))).status_code == 302
    assert Booking.objects.get(start=other.start).assessment == assessment


def test_pick_another_time_opens_the_booking_page_filled_in(client, free_slot):
    booking = hold(client, free_slot)
    lapse(booking)
    page = page_of(client.get(link(booking)))
    assert 'href="?other=1">Pick another time</a>' in page
    page = page_of(client.get(link(booking) + "?other=1"))
    assert "Pick another time" in page and 'value="Ada Lovelace"' in page
    assert "someone else" not in page


def test_clicking_confirm_after_the_hold_ran_out_offers_the_same_time_again(client, free_slot):
    booking = hold(client, free_slot)
    Booking.objects.filter(pk=booking.pk).update(
        hold_until=timezone.now() - dt.timedelta(seconds=1)
    )  # not yet marked expired by the worker
    response = client.post(link(booking))
    assert response.status_code == 410
    assert "Your hold ran out, but the time is still free" in page_of(response)
    assert client.post(link(booking), {"again": "1"}).status_code == 302
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_a_time_taken_between_showing_and_clicking_is_said_and_the_details_kept(client, free_slot):
    booking = hold(client, free_slot)
    lapse(booking)
    assert "still free" in page_of(client.get(link(booking)))
    hold(client, free_slot, name="Grace Hopper", email="grace@example.com")
    response = client.post(link(booking), {"again": "1"})
    assert response.status_code == 409
    page = page_of(response)
    assert "someone else has booked that time since" in page and 'value="Ada Lovelace"' in page


def test_the_details_of_a_lapsed_hold_are_deleted_after_the_kept_hours(client, free_slot, settings):
    settings.BOOKING_EXPIRED_KEEP_HOURS = 24
    booking = hold(client, free_slot)
    lapse(booking)
    manage = page_of(client.get(f"/book/call/{manage_token(booking.id)}/"))
    assert "can still book the same time" in manage
    expire_holds(timezone.now() + dt.timedelta(hours=23))
    booking.refresh_from_db()
    assert booking.email == "ada@example.com"
    expire_holds(timezone.now() + dt.timedelta(hours=24, minutes=1))
    booking.refresh_from_db()
    assert (booking.name, booking.email, booking.company, booking.message) == ("", "", "", "")
    page = page_of(client.get(link(booking)))
    assert "This link has expired" in page and "your details deleted" in page
    day = free_slot.start.astimezone(ZoneInfo("Europe/London")).date().isoformat()
    assert f'href="/book/?day={day}&tz=Europe/London">Book a call</a>' in page
    assert client.post(link(booking), {"again": "1"}).status_code == 409
    assert Booking.objects.get().status == Booking.Status.EXPIRED


def test_the_worker_deletes_the_kept_details_when_their_time_comes(client, free_slot, settings):
    settings.BOOKING_HOLD_MINUTES = 0
    settings.BOOKING_EXPIRED_KEEP_HOURS = 1
    client.post("/book/", form_data(free_slot))
    run_queue()
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.EXPIRED and booking.email == "ada@example.com"
    from django_tasks.backends.database.models import DBTaskResult

    later = DBTaskResult.objects.filter(
        status="READY", task_path__endswith="expire_lapsed_holds"
    ).get()
    assert later.run_after is not None
    assert dt.timedelta(minutes=59) < later.run_after - timezone.now() <= dt.timedelta(hours=1)
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    Booking.objects.filter(pk=booking.pk).update(
        hold_until=timezone.now() - dt.timedelta(hours=1, minutes=1)
    )
    run_queue()
    booking.refresh_from_db()
    assert booking.email == "" and booking.status == Booking.Status.EXPIRED


def test_purge_bookings_deletes_details_kept_past_their_time(client, free_slot, settings):
    from django.core.management import call_command

    settings.BOOKING_EXPIRED_KEEP_HOURS = 0
    booking = hold(client, free_slot)
    lapse(booking)
    booking.refresh_from_db()
    assert booking.email == ""  # with 0 hours nothing is kept
    settings.BOOKING_EXPIRED_KEEP_HOURS = 24
    other = hold(client, open_slots()[1])
    Booking.objects.filter(pk=other.pk).update(hold_until=timezone.now() - dt.timedelta(hours=25))
    call_command("purge_bookings", "--older-than", "90")
    other.refresh_from_db()
    assert other.status == Booking.Status.EXPIRED and other.email == ""
