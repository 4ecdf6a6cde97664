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
        viewport={"width": width, "height": height}, timezone_id="America/New_York"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    page.get_by_role("link", name="Book a free discovery call").click()
    page.wait_for_url("**tz=America%2FNew_York**")  # the browser's own zone was detected
    assert page.get_by_text("Invoicing SaaS").is_visible()
    first_slot = page.locator("ul.slots label").first
    picked = first_slot.inner_text().strip()
    first_slot.locator("input").check()
    page.get_by_label("Name", exact=True).fill(f"Ada {name}")
    page.get_by_label("E-mail", exact=True).fill("ada@example.com")
    page.get_by_label("I agree").check()
    honeypot = page.get_by_label("Leave this empty").bounding_box()
    assert honeypot is not None and honeypot["x"] + honeypot["width"] <= 0  # off screen
    page.screenshot(path=artifacts / f"book-{name}.png", full_page=True)
    page.get_by_role("button", name="Book the call").click()
    page.wait_for_url("**/book/confirmed/**")
    assert page.get_by_role("heading", name="Your call is booked").is_visible()
    assert page.locator(".pick").inner_text().endswith(picked)  # the same New York time
    assert page.get_by_role("link", name="Add to calendar (.ics)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(path=artifacts / f"booked-{name}.png")
    booking = Booking.objects.get(name=f"Ada {name}")
    assert booking.assessment_id == assessment.id and booking.timezone == "America/New_York"
    context.close()
