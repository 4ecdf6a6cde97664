"""The booking API: free slots, and bookings held until confirmed, with every bad input a 422."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stackwise.booking.models import Booking

pytestmark = pytest.mark.django_db


def post(client, body):  # type: ignore[no-untyped-def]
    return client.post("/api/bookings", json.dumps(body), content_type="application/json")


def body(slot, **changes):  # type: ignore[no-untyped-def]
    return {
        "start": slot.start.isoformat(),
        "name": "Ada",
        "email": "ada@example.com",
        "consent": True,
        **changes,
    }


def test_slots_lists_free_slots_in_utc_and_filters_by_range(client, free_slot):
    slots = client.get("/api/slots").json()["slots"]
    assert slots[0]["start"].endswith("Z")  # ISO 8601 in UTC
    assert dt.datetime.fromisoformat(slots[0]["start"]) == free_slot.start
    later = client.get("/api/slots", {"from": slots[3]["start"], "to": slots[5]["start"]}).json()[
        "slots"
    ]
    assert [s["start"] for s in later] == [s["start"] for s in slots[3:6]]


@pytest.mark.parametrize(
    "value", ["garbage", "next tuesday", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-23:59"]
)
def test_a_bad_or_far_range_is_422_naming_the_parameter(client, value):
    response = client.get("/api/slots", {"from": value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "from"


def test_booking_holds_the_slot_then_a_second_visitor_gets_409(client, free_slot, assessment):
    first = post(client, body(free_slot, assessment=str(assessment.id), company="Engines Ltd"))
    assert first.status_code == 201
    answer = first.json()
    assert answer["status"] == "held" and answer["assessment"] == str(assessment.id)
    assert dt.datetime.fromisoformat(answer["hold_until"]) > dt.datetime.now(dt.UTC)
    second = post(client, body(free_slot, name="Grace", email="grace@example.com"))
    assert second.status_code == 409 and "taken" in second.json()["detail"]
    assert Booking.objects.count() == 1
    starts = [
        dt.datetime.fromisoformat(s["start"]) for s in client.get("/api/slots").json()["slots"]
    ]
    assert free_slot.start not in starts


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "nope"}, "email"),
        ({"consent": False}, "consent"),
        ({"consent": "yes"}, "consent"),
        ({"consent": 1}, "consent"),
        ({"consent": "true"}, "consent"),
        ({"start": "2020-01-06T08:00:00Z"}, "start"),
        ({"start": "0001-01-01T00:00:00+01:00"}, "start"),
        ({"start": "9999-12-31T23:59:59-23:59"}, "start"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "America"}, "timezone"),
        ({"timezone": "Etc"}, "timezone"),
        ({"timezone": "__pycache__"}, "timezone"),
        ({"name": ""}, "name"),
        ({"name": "     "}, "name"),
        ({"name": "Ada\u0000Lovelace"}, "name"),
        ({"name": "Ada\nLovelace"}, "name"),
        ({"company": "Engines\u001b[31m"}, "company"),
        ({"message": "hello\u0000"}, "message"),
        ({"assessment": "7b7c2c8e-55a5-4b0e-a5f2-7a8c3d2e1f00"}, "assessment"),
    ],
)
def test_bad_bookings_are_422_naming_the_field(client, free_slot, changes, field):
    response = post(client, body(free_slot, **changes))
    assert response.status_code == 422
    assert field in [p["field"] for p in response.json()["detail"]]
    assert Booking.objects.count() == 0


def test_a_message_may_span_lines(client, free_slot):
    response = post(client, body(free_slot, message="Two questions:\n1. cost\n2. timeline"))
    assert response.status_code == 201


def test_a_taken_slot_does_not_count_against_the_rate_limit(client, settings):
    from stackwise.booking.availability import open_slots

    settings.BOOKING_RATE_LIMIT = (2, 3600)
    first, second, third = open_slots()[:3]
    assert post(client, body(first)).status_code == 201
    assert [post(client, body(first)).status_code for _ in range(3)] == [409, 409, 409]
    assert post(client, body(second)).status_code == 201
    assert post(client, body(third)).status_code == 429


def test_both_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "get" in paths["/api/slots"] and "post" in paths["/api/bookings"]
    assert "422" in paths["/api/slots"]["get"]["responses"]


def test_the_status_is_an_enum_in_the_openapi_document(client):
    from stackwise.booking.models import Booking as Model

    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert set(schemas["BookingOut"]["properties"]["status"]["enum"]) == set(Model.Status.values)
