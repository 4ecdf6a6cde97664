"""Calendar invites (RFC 5545) for booked calls."""

from __future__ import annotations

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress

from stackwise.booking.models import Booking


def invite(booking: Booking, *, cancelled: bool = False) -> bytes:
    """An ICS file with one event for the call (METHOD:CANCEL once it is cancelled)."""
    calendar = Calendar()
    calendar.add("prodid", "-//stackwise//discovery call//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{booking.id}@stackwise")
    event.add("dtstamp", booking.created_at)
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", "Discovery call: choosing your backend stack")
    event.add(
        "description", "A free call about your project's backend: Python or Node.js, and how."
    )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.CONSULTANT_EMAIL}")
    organizer.params["cn"] = "stackwise consultant"
    event["organizer"] = organizer
    if booking.email:
        event.add("attendee", f"mailto:{booking.email}")
    calendar.add_component(event)
    return calendar.to_ical()
