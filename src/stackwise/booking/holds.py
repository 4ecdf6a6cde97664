"""Unconfirmed holds that ran out: their slot is free again at once, and the visitor's details
go BOOKING_EXPIRED_KEEP_HOURS later (until then the e-mailed link can book the time again)."""

from __future__ import annotations

import datetime as dt

from stackwise.booking import conf
from stackwise.booking.models import Booking, Notice


def kept_for() -> dt.timedelta:
    """How long a lapsed hold keeps the visitor's details."""
    return dt.timedelta(hours=conf.number("BOOKING_EXPIRED_KEEP_HOURS"))


def details_kept_until(booking: Booking) -> dt.datetime | None:
    """When a lapsed hold's details are deleted (None for a booking that never was held)."""
    return booking.hold_until + kept_for() if booking.hold_until else None


def expire_holds(now: dt.datetime) -> int:
    """Mark every hold past its time expired, and delete the personal data of those that lapsed
    longer ago than BOOKING_EXPIRED_KEEP_HOURS; how many holds expired now."""
    expired = Booking.objects.filter(status=Booking.Status.HELD, hold_until__lt=now).update(
        status=Booking.Status.EXPIRED
    )
    stale = Booking.objects.filter(
        status=Booking.Status.EXPIRED, hold_until__lt=now - kept_for()
    ).exclude(name="", email="", company="", message="", assessment=None)
    Notice.objects.filter(booking__in=stale).exclude(error="").update(error="")
    stale.update(name="", email="", company="", message="", assessment=None)
    return expired
