"""Third hardening pass on booking: invisible characters, a cap per inbox, links of calls that
have passed, and pages that no cache may keep."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from stackwise.booking import services
from stackwise.booking.export import write_bookings
from stackwise.booking.models import Booking, Notice
from stackwise.booking.tokens import manage_token
from tests.booking.mailbox import plain, subject
from tests.helpers.samples import form_data
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db

SPOOFED = "Alice \u202eelgooG\u202c Support"  # reads "Alice Google Support" in a mail reader
ESCAPES = '"a\u001b[2J\u000bb"@example.org'  # Django's validator accepts the quoted local part


def post_api(client, body):  # type: ignore[no-untyped-def]
    return client.post("/api/bookings", json.dumps(body), content_type="application/json")


def api_body(slot, **changes):  # type: ignore[no-untyped-def]
    return {
        "start": slot.start.isoformat(),
        "name": "Ada",
        "email": "ada@example.com",
        "consent": True,
        **changes,
    }


@pytest.mark.parametrize("address", [ESCAPES, '"a\u202eb"@example.org', '"a\u200bb"@example.org'])
def test_an_address_with_invisible_characters_is_refused_on_the_form_and_the_api(
    client, free_slot, address
):
    page = client.post("/book/", form_data(free_slot, email=address))
    assert page.status_code == 422
    assert "The e-mail address contains an invisible control or formatting character" in (
        page.content.decode()
    )
    answer = post_api(client, api_body(free_slot, email=address))
    assert answer.status_code == 422
    problem = answer.json()["detail"][0]
    assert problem["field"] == "email" and "invisible" in problem["message"]
    assert Booking.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # the worker runs the queue in its own transactions
def test_a_bidi_override_in_a_name_reaches_no_email_subject_admin_or_csv(
    client, admin_client, free_slot, smtp
):
    data = form_data(free_slot, name=SPOOFED, company="Acme\u2066 Ltd", message="Hi\u202e\nthere")
    assert client.post("/book/", data).status_code == 302
    booking = Booking.objects.get()
    services.confirm(booking)
    run_queue()
    assert smtp.messages, "the confirm e-mail and the invites were sent"
    for message in smtp.messages:
        for text in (subject(message), plain(message)):
            assert "\u202e" not in text and "\u202c" not in text and "\u2066" not in text
    assert "Alice elgooG Support" in plain(smtp.messages[-1])
    booking.refresh_from_db()
    assert (booking.name, booking.company, booking.message) == (
        "Alice elgooG Support",
        "Acme Ltd",
        "Hi\nthere",
    )
    admin_page = admin_client.get("/admin/booking/booking/").content.decode()
    assert "Alice elgooG Support" in admin_page and "\u202e" not in admin_page
    out = io.StringIO()
    write_bookings(out, Booking.objects.all())
    row = list(csv.DictReader(io.StringIO(out.getvalue())))[0]
    assert row["name"] == "Alice elgooG Support" and "\u202e" not in out.getvalue()


def test_one_address_holds_at_most_the_cap_of_upcoming_calls(client, settings):
    from stackwise.booking.availability import open_slots

    settings.BOOKING_CALLS_PER_EMAIL = 3
    slots = open_slots()
    for slot in slots[:3]:
        assert client.post("/book/", form_data(slot, email="Ada@Example.com")).status_code == 302
    fourth = client.post("/book/", form_data(slots[3], email="ada@example.com"))
    assert fourth.status_code == 422
    assert "This e-mail address already has 3 upcoming calls" in fourth.content.decode()
    answer = post_api(client, api_body(slots[4], email="ADA@example.com"))
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "email"
    assert Booking.objects.count() == 3
    # Cancelling one frees a place; another address was never limited.
    services.cancel(Booking.objects.first())  # type: ignore[arg-type]
    assert client.post("/book/", form_data(slots[5], email="ada@example.com")).status_code == 302
    assert post_api(client, api_body(slots[6], email="grace@example.com")).status_code == 201


def passed_call(slot) -> Booking:  # type: ignore[no-untyped-def]
    """A confirmed call whose time has gone by (moved into the past after confirming)."""
    booking = services.confirm(
        services.book(slot.start, services.Visitor("Ada", "ada@example.com"))
    )
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    Booking.objects.filter(pk=booking.pk).update(start=past, end=past + dt.timedelta(minutes=30))
    booking.refresh_from_db()
    return booking


def test_a_call_that_has_passed_can_only_be_viewed(client, free_slot):
    from stackwise.booking.availability import open_slots

    booking = passed_call(free_slot)
    token = manage_token(booking.id)
    page = client.get(f"/book/call/{token}/").content.decode()
    assert "This call has taken place" in page and "can no longer be moved or cancelled" in page
    assert "Pick another time" not in page and "Cancel the call" not in page
    later = open_slots()[2].start.isoformat()
    moved = client.post(
        f"/book/call/{token}/reschedule/", {"start": later, "timezone": "UTC", "move": "1"}
    )
    assert moved.status_code == 302 and moved["Location"].endswith(f"/book/call/{token}/")
    cancelled = client.post(f"/book/call/{token}/cancel/")
    assert (
        cancelled.status_code == 410 and "This call has taken place" in cancelled.content.decode()
    )
    fresh = Booking.objects.get(pk=booking.pk)
    assert (fresh.status, fresh.start, fresh.sequence) == (
        Booking.Status.CONFIRMED,
        booking.start,
        booking.sequence,
    )
    # The confirm request, the two invites and the reminders queued at confirmation; nobody was
    # told of a move or a cancellation.
    kinds = sorted(fresh.notices.values_list("kind", flat=True))
    assert [k for k in kinds if k != Notice.Kind.REMINDER] == [
        Notice.Kind.CONFIRM_ADDRESS,
        Notice.Kind.INVITE,
        Notice.Kind.INVITE,
    ]
    with pytest.raises(services.CallPassed):
        services.cancel(fresh)


@pytest.mark.parametrize(
    "path", ["/book/call/{t}/", "/book/call/{t}/cancel/", "/book/call/{t}/reschedule/"]
)
def test_pages_with_the_visitors_details_are_never_cached(client, free_slot, path):
    booking = services.confirm(
        services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    )
    response = client.get(path.format(t=manage_token(booking.id)))
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_refused_booking_form_that_echoes_the_address_is_never_cached(client, free_slot):
    response = client.post("/book/", form_data(free_slot, consent=None))
    assert response.status_code == 422 and "ada@example.com" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
