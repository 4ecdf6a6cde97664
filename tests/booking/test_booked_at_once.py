"""The default: a call is booked in one step, as on Cal.com. The invite goes to both sides at once,
the visitor's reminders are queued, and the time is taken for anyone else; in a real browser at
desktop and phone width too."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from stackwise.booking.availability import open_slots
from stackwise.booking.models import Booking, Notice
from tests.booking.mailbox import CONSULTANT, subject
from tests.helpers.samples import form_data
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _booked_at_once(settings):  # type: ignore[no-untyped-def]
    settings.BOOKING_CONFIRM_BY_EMAIL = False  # the site's default


def test_the_booking_form_books_the_call_in_one_step(client, smtp, free_slot):
    response = client.post("/book/", form_data(free_slot))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your call is booked" in page and "Check your e-mail" not in page
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED and booking.confirmed_at is not None
    assert booking.hold_until is None
    assert not booking.notices.filter(kind=Notice.Kind.CONFIRM_ADDRESS).exists()
    run_queue()
    (visitor,) = smtp.to("ada@example.com")
    (consultant,) = smtp.to(CONSULTANT)
    assert subject(visitor).startswith("Confirmed: your discovery call")
    assert "unconfirmed" in consultant.get_body(preferencelist=("plain",)).get_content()
    # Calls start at least two hours ahead (minimum notice): the hour's reminder is queued.
    assert booking.notices.filter(kind=Notice.Kind.REMINDER).exists()
    assert free_slot.start not in {s.start for s in open_slots()}


def test_the_api_books_at_once_and_a_second_visitor_gets_409(client, free_slot):
    def post(**changes):  # type: ignore[no-untyped-def]
        body = {"start": free_slot.start.isoformat(), "name": "Ada", "email": "ada@example.com"}
        body |= {"consent": True, **changes}
        return client.post("/api/bookings", json.dumps(body), content_type="application/json")

    first = post()
    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    assert first.json()["hold_until"] is None
    second = post(name="Grace", email="grace@example.com")
    assert second.status_code == 409
    assert Booking.objects.count() == 1


SIZES = {"desktop": (1366, 800), "phone": (390, 844)}


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_booking_in_a_browser_is_one_step(live_server, browser, artifacts, settings, size):
    settings.SITE_URL = live_server.url
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, timezone_id="Europe/Berlin", locale="en-GB"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/book/")
    page.locator(".day-times:not([hidden]) label").first.click()
    page.get_by_label("Name", exact=True).fill("Ada Lovelace")
    page.get_by_label("E-mail", exact=True).fill("ada@example.com")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Book the call").click()
    page.wait_for_url("**/book/call/**")
    assert page.get_by_role("heading", name="Your call is booked").is_visible()
    assert page.get_by_role("link", name="Add to calendar (.ics)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts / f"booked-at-once-{size}.png", full_page=True)
    run_queue()
    assert [m.subject.split(":")[0] for m in mail.outbox].count("Confirmed") == 1
    context.close()
