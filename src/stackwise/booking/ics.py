"""Calendar messages (RFC 5545 events, RFC 5546 methods) that calendars act on.

Every message carries the booking's SEQUENCE (one more for each change) and a DTSTAMP of the
moment it is made, so a calendar takes a new time or a cancellation as newer than the invite.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from stackwise.booking import conf
from stackwise.booking.links import manage_url
from stackwise.booking.models import Booking

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def _person(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    for key, value in params.items():
        address.params[key.replace("_", "-")] = vText(value)
    return address


ABOUT = "A free call about your project's backend: Python or Node.js, and how."


def summary() -> str:
    """The event's title, in the invite and in the links to web calendars."""
    return f"Discovery call: {conf.text('CONSULTANT_NAME')}"


def location() -> str:
    """Where the call happens, as a calendar shows it."""
    return conf.text("MEETING_URL") or "Online: the meeting link follows by e-mail"


def _calendar(booking: Booking, method: str, stamp: dt.datetime | None) -> bytes:
    consultant = conf.text("CONSULTANT_NAME")
    meeting = conf.text("MEETING_URL")
    calendar = Calendar()
    calendar.add("prodid", "-//stackwise//discovery call//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{booking.id}@stackwise")
    event.add("sequence", booking.sequence)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", summary())
    event.add("description", f"{ABOUT}\nReschedule or cancel: {manage_url(booking)}")
    event.add("location", location())
    if meeting:
        event.add("url", meeting)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("organizer", _person(settings.CONSULTANT_EMAIL, consultant))
    event.add(
        "attendee",
        _person(
            settings.CONSULTANT_EMAIL,
            consultant,
            role="CHAIR",
            partstat="ACCEPTED",
            rsvp="FALSE",
            cutype="INDIVIDUAL",
        ),
    )
    if booking.email:
        # The visitor chose the time and confirmed their address: accepted, no reply needed.
        event.add(
            "attendee",
            _person(
                booking.email,
                booking.name or booking.email,
                role="REQ-PARTICIPANT",
                partstat="ACCEPTED",
                rsvp="FALSE",
                cutype="INDIVIDUAL",
            ),
        )
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def request(booking: Booking, stamp: dt.datetime | None = None) -> bytes:
    """The invite (METHOD:REQUEST), also sent again with a new time after a reschedule."""
    return _calendar(booking, REQUEST, stamp)


def cancellation(booking: Booking, stamp: dt.datetime | None = None) -> bytes:
    """The cancellation (METHOD:CANCEL) of the same UID, with the booking's raised SEQUENCE."""
    return _calendar(booking, CANCEL, stamp)
