"""Booking API: free slots and bookings (a taken slot answers 409)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from stackwise.booking.availability import open_slots
from stackwise.booking.forms import valid_zone
from stackwise.booking.services import (
    AssessmentNotFound,
    SlotTaken,
    SlotUnavailable,
    Visitor,
    book,
)
from stackwise.sitewide.api_schemas import RETRY_AFTER, Message, Problems
from stackwise.sitewide.limits import over_limit

router = Router(tags=["booking"])


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime


class SlotsOut(Schema):
    slots: list[SlotOut]


class SlotFilter(Schema):
    from_: dt.datetime | None = Field(
        None, alias="from", description="Only slots starting at or after this time (ISO 8601)."
    )
    to: dt.datetime | None = Field(
        None, description="Only slots starting at or before this time (ISO 8601)."
    )


class BookingIn(Schema):
    start: dt.datetime = Field(description="A free slot's start, as listed by GET /api/slots.")
    name: str = Field(min_length=1, max_length=120)
    email: str = Field(min_length=3, max_length=254)
    consent: bool = Field(description="Must be true: consent to store the details for the call.")
    company: str = Field("", max_length=120)
    message: str = Field("", max_length=2000)
    assessment: uuid.UUID | None = None
    timezone: str | None = Field(None, max_length=64, description="The visitor's IANA time zone.")


class BookingOut(Schema):
    id: uuid.UUID
    start: dt.datetime
    end: dt.datetime
    status: str
    assessment: uuid.UUID | None


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@router.get("/slots", response={200: SlotsOut, 422: Problems}, summary="Free call slots")
def slots(request: HttpRequest, filters: Query[SlotFilter]) -> dict[str, list[dict[str, str]]]:
    """Free slots in UTC, soonest first."""
    found = open_slots(_aware(filters.from_), _aware(filters.to))
    return {"slots": [{"start": s.start.isoformat(), "end": s.end.isoformat()} for s in found]}


@router.post(
    "/bookings",
    response={
        201: BookingOut,
        400: Message,
        409: Message,
        413: Message,
        422: Problems,
        429: Message,
    },
    summary="Book a discovery call",
    openapi_extra=RETRY_AFTER,
)
def create_booking(request: HttpRequest, payload: BookingIn) -> Status:
    """Book a free slot; 409 when somebody else has just taken it."""
    problems = []
    try:
        validate_email(payload.email)
    except ValidationError:
        problems.append(
            {"field": "email", "message": f"'{payload.email}' is not an e-mail address"}
        )
    if not payload.consent:
        problems.append(
            {"field": "consent", "message": "must be true: we need consent to store the details"}
        )
    if payload.timezone is not None and valid_zone(payload.timezone) is None:
        problems.append(
            {
                "field": "timezone",
                "message": f"'{payload.timezone}' is not a time zone such as Europe/Berlin",
            }
        )
    if problems:
        return Status(422, {"detail": problems})
    wait = over_limit(request, "bookings", settings.BOOKING_RATE_LIMIT)
    if wait is not None:
        return Status(429, {"detail": f"too many bookings from this address; retry in {wait} s"})
    visitor = Visitor(
        name=payload.name,
        email=payload.email,
        company=payload.company,
        message=payload.message,
        timezone=payload.timezone or "UTC",
        assessment_id=payload.assessment,
    )
    try:
        booking = book(_aware(payload.start) or payload.start, visitor)
    except SlotTaken:
        return Status(409, {"detail": "that slot was just taken; pick another"})
    except SlotUnavailable as exc:
        return Status(422, {"detail": [{"field": "start", "message": str(exc)}]})
    except AssessmentNotFound as exc:
        return Status(422, {"detail": [{"field": "assessment", "message": str(exc)}]})
    return Status(
        201,
        {
            "id": booking.id,
            "start": booking.start,
            "end": booking.end,
            "status": booking.status,
            "assessment": booking.assessment_id,
        },
    )
