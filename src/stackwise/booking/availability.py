"""Read the consultant's availability from the database into slot rules."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from stackwise.booking.models import (
    DEFAULT_AVAILABILITY,
    DEFAULT_WINDOWS,
    Availability,
    Booking,
    BusyTime,
)
from stackwise.booking.slots import Busy, Rules, Slot, Window, free_slots


def current_rules() -> Rules:
    """The rules of the site's availability (created with the defaults if somebody deleted it)."""
    availability = (
        Availability.objects.prefetch_related("windows", "blocked").order_by("id").first()
    )
    if availability is None:
        availability = Availability.objects.create(**DEFAULT_AVAILABILITY)
        for weekday, start, end in DEFAULT_WINDOWS:
            availability.windows.create(weekday=weekday, start=start, end=end)
    return Rules(
        timezone=availability.timezone,
        slot_minutes=availability.slot_minutes,
        buffer_minutes=availability.buffer_minutes,
        days_ahead=availability.days_ahead,
        min_notice_hours=availability.min_notice_hours,
        windows=tuple(Window(w.weekday, w.start, w.end) for w in availability.windows.all()),
        blocked=frozenset(b.date for b in availability.blocked.all()),
        busy=tuple(
            Busy(start, end)
            for start, end in BusyTime.objects.filter(end__gt=timezone.now()).values_list(
                "start", "end"
            )
        ),
    )


def open_slots(start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[Slot]:
    """Free slots now, optionally only those starting within [start, end]; asks the worker to
    re-read the consultant's calendar when its busy times are due a refresh."""
    from stackwise.booking.busy_feed import ask_for_refresh

    ask_for_refresh()
    now = timezone.now()
    # A hold past its time is free, even before anyone has marked it expired.
    taken = (
        Booking.objects.filter(start__gte=now)
        .filter(
            Q(status=Booking.Status.CONFIRMED) | Q(status=Booking.Status.HELD, hold_until__gte=now)
        )
        .values_list("start", flat=True)
    )
    slots = free_slots(current_rules(), now, taken)
    return [
        s for s in slots if (start is None or s.start >= start) and (end is None or s.start <= end)
    ]
