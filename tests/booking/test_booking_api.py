"""The booking API: free slots and bookings, in the OpenAPI document."""

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


def test_a_bad_range_is_422_naming_the_parameter(client):
    response = client.get("/api/slots", {"from": "next tuesday"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "from"


def test_booking_answers_201_then_409_for_the_same_slot(client, free_slot, assessment):
    first = post(client, body(free_slot, assessment=str(assessment.id), company="Engines Ltd"))
    assert first.status_code == 201
    assert first.json()["status"] == "pending" and first.json()["assessment"] == str(assessment.id)
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
        ({"start": "2020-01-06T08:00:00Z"}, "start"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"name": ""}, "name"),
        ({"assessment": "7b7c2c8e-55a5-4b0e-a5f2-7a8c3d2e1f00"}, "assessment"),
    ],
)
def test_bad_bookings_are_422_naming_the_field(client, free_slot, changes, field):
    response = post(client, body(free_slot, **changes))
    assert response.status_code == 422
    assert field in [p["field"] for p in response.json()["detail"]]


def test_both_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "get" in paths["/api/slots"] and "post" in paths["/api/bookings"]
