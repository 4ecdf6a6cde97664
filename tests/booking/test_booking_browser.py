"""A visitor books a call from their result page, in a real browser, at desktop and phone size."""

from __future__ import annotations

import pytest

from stackwise.booking.models import Booking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "size", {"desktop": (1280, 800), "phone": (390, 844)}.items(), ids=["desktop", "phone"]
)
def test_booking_a_call_from_a_result_page(live_server, browser, artifacts, assessment, size):
    name, (width, height) = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, timezone_id="Europe/London"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    page.get_by_role("link", name="Book a free discovery call").click()
    page.wait_for_url("**tz=Europe%2FLondon**")  # the browser's own zone was detected
    assert page.get_by_text("Invoicing SaaS").is_visible()
    page.screenshot(path=artifacts / f"book-{name}.png")
    page.locator("input[name=start]").first.check()
    page.get_by_label("Name", exact=True).fill(f"Ada {name}")
    page.get_by_label("E-mail", exact=True).fill("ada@example.com")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Book the call").click()
    page.wait_for_url("**/book/confirmed/**")
    assert page.get_by_role("heading", name="Your call is booked").is_visible()
    assert page.get_by_role("link", name="Add to calendar (.ics)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(path=artifacts / f"booked-{name}.png")
    booking = Booking.objects.get(name=f"Ada {name}")
    assert booking.assessment_id == assessment.id and booking.timezone == "Europe/London"
    context.close()
