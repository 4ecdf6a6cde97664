"""Booking in a real browser (Chromium via Playwright) at desktop and phone width: a day, a time,
the e-mail confirmation, in two time zones; the error summary after a bad submit."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from stackwise.booking.models import Booking
from tests.helpers.task_queue import run_queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1366, 800), "phone": (390, 844)}


def no_sideways_scroll(page, width: int) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(
    ("size", "zone", "locale", "clock"),
    [
        ("desktop", "America/New_York", "en-US", r"^\d{1,2}:\d\d [AP]M$"),
        ("phone", "Asia/Tokyo", "en-GB", r"^\d\d:\d\d$"),
    ],
    ids=["desktop-new-york", "phone-tokyo"],
)
def test_booking_a_call_end_to_end(
    live_server, browser, artifacts, assessment, settings, size, zone, locale, clock
):
    settings.SITE_URL = live_server.url
    settings.CONSULTANT_NAME = "Grace Hopper"
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, timezone_id=zone, locale=locale
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    page.get_by_role("link", name="Book a free discovery call").click()
    page.wait_for_url(f"**tz={zone.replace('/', '%2F')}**")  # the browser's own zone
    assert page.get_by_text("Invoicing SaaS").is_visible()
    assert page.get_by_text("Grace Hopper").is_visible() and page.get_by_text("GH").is_visible()
    no_sideways_scroll(page, width)
    second_day = page.locator("button.day").nth(1)
    spoken_day = second_day.get_attribute("aria-label").split(",")[0]  # type: ignore[union-attr]
    second_day.click()
    assert second_day.get_attribute("aria-pressed") == "true"
    times = page.locator(".day-times:not([hidden]) label")
    assert page.locator(".day-times:not([hidden])").count() == 1
    picked = times.first.locator(".time").inner_text().strip()
    assert re.match(clock, picked), picked  # the visitor's own clock
    page.get_by_label(f"{spoken_day}, {picked}").check()  # labelled with day and time
    page.get_by_label("Name", exact=True).fill(f"Ada {size}")
    page.get_by_label("E-mail", exact=True).fill("ada@example.com")
    page.get_by_label("I agree").check()
    page.screenshot(path=artifacts / f"book-{size}.png", full_page=True)
    page.get_by_role("button", name="Book the call").click()
    page.wait_for_url("**/book/call/**")
    assert page.get_by_role("heading", name="Check your e-mail to confirm").is_visible()
    run_queue()
    link = re.search(r"http\S+/book/confirm/\S+", mail.outbox[-1].body)
    assert link
    page.goto(link.group())
    page.get_by_role("button", name="Confirm the call").click()
    page.wait_for_url("**/book/call/**")
    assert page.get_by_role("heading", name="Your call is confirmed").is_visible()
    assert page.locator(".pick").inner_text().endswith(picked)  # the same local time
    assert page.get_by_text("Confirmed", exact=True).is_visible()
    assert page.get_by_role("link", name="Add to calendar (.ics)").is_visible()
    no_sideways_scroll(page, width)
    page.screenshot(path=artifacts / f"booked-{size}.png", full_page=True)
    booking = Booking.objects.get(name=f"Ada {size}")
    assert booking.assessment_id == assessment.id and booking.timezone == zone
    assert booking.status == Booking.Status.CONFIRMED
    context.close()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_bad_submit_shows_the_error_summary_in_view_and_focused(
    live_server, browser, artifacts, size
):
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, timezone_id="Europe/Berlin"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/book/?tz=Europe/Berlin")
    page.get_by_label("Name", exact=True).fill("Ada")
    page.get_by_label("E-mail", exact=True).fill("not-an-address")
    page.get_by_role("button", name="Book the call").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    box = summary.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + 40 <= height  # on screen
    text = summary.inner_text()
    assert "E-mail" in text and "Pick a time" in text and "consent" in text
    page.screenshot(path=artifacts / f"book-errors-{size}.png")
    summary.get_by_role("link", name=re.compile("E-mail")).click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.get_by_label("Name", exact=True).input_value() == "Ada"  # kept
    no_sideways_scroll(page, width)
    context.close()


def test_changing_the_zone_keeps_the_typed_fields(live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/book/?tz=Europe/Berlin")
    page.get_by_label("Name", exact=True).fill("Ada Lovelace")
    page.get_by_label("E-mail", exact=True).fill("ada@example.com")
    zone = page.get_by_label("Your time zone")
    assert not page.get_by_role("button", name="Show times").is_visible()  # the script submits
    box = zone.bounding_box()
    assert box is not None and box["height"] >= 40 and box["width"] >= 200  # a real target
    zone.fill("Asia/Tokyo")
    zone.press("Enter")
    page.wait_for_function("document.getElementById('slot-picker').dataset.zone === 'Asia/Tokyo'")
    assert re.search(r"Tokyo \(Asia\), UTC\+09:00, now \d", page.locator("#tz-now").inner_text())
    page.screenshot(path=artifacts / "book-zone-tokyo-1366.png")
    assert page.get_by_label("Name", exact=True).input_value() == "Ada Lovelace"
    assert page.get_by_label("E-mail", exact=True).input_value() == "ada@example.com"
    assert page.locator("#error-summary").count() == 0
    context.close()


def test_moving_then_cancelling_a_confirmed_call(live_server, browser, artifacts, free_slot):
    from stackwise.booking import services
    from stackwise.booking.tokens import manage_token

    booking = services.confirm(
        services.book(
            free_slot.start, services.Visitor("Ada", "ada@example.com", timezone="Europe/Berlin")
        )
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, timezone_id="Europe/Berlin", locale="de-DE"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/book/call/{manage_token(booking.id)}/")
    page.get_by_role("link", name="Pick another time").click()
    page.locator(".day-times:not([hidden]) label").nth(2).click()
    new_time = page.locator(".day-times:not([hidden]) label .time").nth(2).inner_text()
    no_sideways_scroll(page, 390)
    page.screenshot(path=artifacts / "reschedule-phone.png", full_page=True)
    page.get_by_role("button", name="Move the call").click()
    page.wait_for_url(re.compile(r".*/book/call/[^/]+/$"))
    assert page.locator(".pick").inner_text().endswith(new_time)
    page.get_by_role("link", name="Cancel the call").click()
    page.get_by_role("button", name="Yes, cancel the call").click()
    assert page.get_by_role("heading", name="Your call is cancelled").is_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.sequence == 2
    context.close()
