"""Unconfirmed holds that ran out: their slot is free again and the visitor's details go."""

from __future__ import annotations

import datetime as dt

from stackwise.booking.models import Booking, Notice


def expire_holds(now: dt.datetime) -> int:
    """Mark every hold past its time expired, deleting its personal data; how many."""
    lapsed = Booking.objects.filter(status=Booking.Status.HELD, hold_until__lt=now)
    Notice.objects.filter(booking__in=lapsed).exclude(error="").update(error="")
    return lapsed.update(
        status=Booking.Status.EXPIRED, name="", email="", company="", message="", assessment=None
    )
