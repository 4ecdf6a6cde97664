"""The visitor's e-mails read times on the clock their page did (12 or 24 hours, from their
browser's language); the consultant's stay on 24 hours."""

from __future__ import annotations

import re

import pytest

from stackwise.booking.models import Booking
from tests.booking.mailbox import CONSULTANT, plain, subject
from tests.helpers.samples import form_data
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)

TWELVE = r"\d{1,2}:\d\d [AP]M"
TWENTY_FOUR = r"\b\d\d:\d\d\b"


@pytest.fixture(autouse=True)
def _booked_at_once(settings):  # type: ignore[no-untyped-def]
    settings.BOOKING_CONFIRM_BY_EMAIL = False


def test_a_us_visitor_reads_12_hour_times_and_the_consultant_24(client, smtp, free_slot):
    response = client.post(
        "/book/", form_data(free_slot, timezone="America/New_York"), HTTP_ACCEPT_LANGUAGE="en-US"
    )
    assert response.status_code == 302
    assert Booking.objects.get().hour12
    run_queue()
    (visitor,) = smtp.to("ada@example.com")
    (consultant,) = smtp.to(CONSULTANT)
    assert re.search(TWELVE, subject(visitor)) and re.search(TWELVE, plain(visitor))
    assert not re.search(TWELVE, subject(consultant) + plain(consultant))
    assert re.search(TWENTY_FOUR, subject(consultant))


def test_a_german_visitor_reads_24_hour_times(client, smtp, free_slot):
    client.post("/book/", form_data(free_slot), HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    run_queue()
    (visitor,) = smtp.to("ada@example.com")
    assert re.search(TWENTY_FOUR, subject(visitor)) and not re.search(TWELVE, plain(visitor))
