"""Book a slot: validated against availability, kept unique by the database."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from stackwise.booking.availability import current_rules
from stackwise.booking.emails import send_booking_emails
from stackwise.booking.models import Booking, linked_assessment
from stackwise.booking.slots import find_slot


class SlotTaken(Exception):
    """Somebody else booked this slot first."""


class SlotUnavailable(ValueError):
    """The time is not an offered slot (past, too soon, or outside availability)."""


class AssessmentNotFound(ValueError):
    """The booking names an assessment this site does not have."""


@dataclass(frozen=True)
class Visitor:
    """What the visitor typed."""

    name: str
    email: str
    company: str = ""
    message: str = ""
    timezone: str = "UTC"
    assessment_id: uuid.UUID | None = None


def book(start: dt.datetime, visitor: Visitor) -> Booking:
    """Create the booking, then send its e-mails (a failed send is kept for retry)."""
    slot = find_slot(current_rules(), timezone.now(), start)
    if slot is None:
        raise SlotUnavailable(
            "that time is not an open slot: it is past, too soon or outside the hours"
        )
    assessment = None
    if visitor.assessment_id:
        assessment = linked_assessment(visitor.assessment_id)
        if assessment is None:
            raise AssessmentNotFound(f"no assessment {visitor.assessment_id} on this site")
    try:
        ZoneInfo(visitor.timezone)
        zone = visitor.timezone
    except (ValueError, KeyError):
        zone = "UTC"
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                start=slot.start,
                end=slot.end,
                name=visitor.name,
                email=visitor.email,
                company=visitor.company,
                message=visitor.message,
                timezone=zone,
                consent_at=timezone.now(),
                assessment=assessment,
            )
    except IntegrityError:
        raise SlotTaken("that slot was just taken; pick another") from None
    send_booking_emails(booking)
    return booking


def cancel(booking: Booking) -> None:
    """Cancel a call and delete the visitor's personal data with it."""
    booking.status = Booking.Status.CANCELLED
    booking.forget_person()
    booking.save()
