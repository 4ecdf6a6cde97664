"""Booking API: free slots, and bookings held until the visitor confirms by e-mail."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool

from stackwise.booking.availability import current_rules, open_slots
from stackwise.booking.models import Booking
from stackwise.booking.services import (
    AddressAtCap,
    AssessmentNotFound,
    RateLimited,
    SlotTaken,
    SlotUnavailable,
    Visitor,
    book,
)
from stackwise.booking.validation import (
    email_problem,
    name_problem,
    outside_window,
    shown_line,
    shown_text,
    text_problem,
)
from stackwise.booking.zones import known_zone, zone_problem
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
        None,
        alias="from",
        description="Only slots starting at or after this time (ISO 8601, in the booking window).",
    )
    to: dt.datetime | None = Field(
        None, description="Only slots starting at or before this time (ISO 8601)."
    )


class BookingIn(Schema):
    start: dt.datetime = Field(description="A free slot's start, as listed by GET /api/slots.")
    name: str = Field(min_length=1, max_length=120, description="Must contain letters.")
    email: str = Field(min_length=3, max_length=254)
    consent: StrictBool = Field(
        description="Must be the JSON value true: consent to store the details for the call."
    )
    company: str = Field("", max_length=120)
    message: str = Field("", max_length=2000)
    assessment: uuid.UUID | None = None
    timezone: str | None = Field(None, max_length=64, description="The visitor's IANA time zone.")


class BookingOut(Schema):
    id: uuid.UUID
    start: dt.datetime
    end: dt.datetime
    status: Literal["held", "confirmed", "cancelled", "expired"] = Field(
        description="held until the visitor confirms by e-mail; then confirmed (the invite's "
        "STATUS:CONFIRMED), or cancelled, or expired when not confirmed in time."
    )
    hold_until: dt.datetime | None = Field(
        description="When an unconfirmed booking frees its slot."
    )
    assessment: uuid.UUID | None


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _window_problems(days_ahead: int, **times: dt.datetime | None) -> list[dict[str, str]]:
    return [
        {"field": field, "message": problem}
        for field, value in times.items()
        if value is not None and (problem := outside_window(_aware(value), days_ahead))
    ]


@router.get("/slots", response={200: SlotsOut, 422: Problems}, summary="Free call slots")
def slots(request: HttpRequest, filters: Query[SlotFilter]) -> Status[object]:
    """Free slots in UTC, soonest first; `from` and `to` must lie in the booking window."""
    problems = _window_problems(
        current_rules().days_ahead, **{"from": filters.from_, "to": filters.to}
    )
    if problems:
        return Status(422, {"detail": problems})
    start = _aware(filters.from_) if filters.from_ else None
    end = _aware(filters.to) if filters.to else None
    found = open_slots(start, end)
    return Status(
        200, {"slots": [{"start": s.start.isoformat(), "end": s.end.isoformat()} for s in found]}
    )


def _problems(payload: BookingIn, days_ahead: int) -> list[dict[str, str]]:
    problems = _window_problems(days_ahead, start=payload.start)
    for field, problem in (
        ("name", name_problem(payload.name)),
        ("company", text_problem(payload.company)),
        ("message", text_problem(payload.message, multiline=True)),
    ):
        if problem:
            problems.append({"field": field, "message": problem})
    invisible = email_problem(payload.email)
    if invisible:
        problems.append({"field": "email", "message": invisible})
    else:
        try:
            validate_email(payload.email)
        except ValidationError:
            problems.append({"field": "email", "message": "is not an e-mail address"})
    if payload.consent is not True:
        problems.append(
            {"field": "consent", "message": "must be true: we need consent to store the details"}
        )
    if payload.timezone is not None and known_zone(payload.timezone) is None:
        problems.append({"field": "timezone", "message": zone_problem(payload.timezone)})
    return problems


@router.post(
    "/bookings",
    response={
        201: BookingOut,
        400: Message,
        409: Message,
        413: Message,
        415: Message,
        422: Problems,
        429: Message,
    },
    summary="Book a discovery call",
    openapi_extra=RETRY_AFTER,
)
def create_booking(request: HttpRequest, payload: BookingIn) -> Status[object]:
    """Hold a free slot and e-mail the visitor a link to confirm it; 409 when it is taken.

    The slot stays held for BOOKING_HOLD_MINUTES; unconfirmed, it is freed again."""
    problems = _problems(payload, current_rules().days_ahead)
    if problems:
        return Status(422, {"detail": problems})
    visitor = Visitor(
        name=shown_line(payload.name),
        email=payload.email,
        company=shown_line(payload.company),
        message=shown_text(payload.message),
        timezone=payload.timezone or "UTC",
        assessment_id=payload.assessment,
    )
    try:
        booking = book(
            _aware(payload.start),
            visitor,
            admit=lambda: over_limit(request, "bookings", settings.BOOKING_RATE_LIMIT),
        )
    except SlotTaken:
        return Status(409, {"detail": "that slot was just taken; pick another"})
    except RateLimited as exc:
        return Status(429, {"detail": f"too many bookings from this address; {exc}"})
    except SlotUnavailable as exc:
        return Status(422, {"detail": [{"field": "start", "message": str(exc)}]})
    except AssessmentNotFound as exc:
        return Status(422, {"detail": [{"field": "assessment", "message": str(exc)}]})
    except AddressAtCap as exc:
        return Status(422, {"detail": [{"field": "email", "message": str(exc)}]})
    return Status(201, booking_out(booking))


def booking_out(booking: Booking) -> dict[str, object]:
    """The API's view of a booking: the same status the pages and the invite show."""
    return {
        "id": booking.id,
        "start": booking.start,
        "end": booking.end,
        "status": booking.status,
        "hold_until": booking.hold_until,
        "assessment": booking.assessment_id,
    }
