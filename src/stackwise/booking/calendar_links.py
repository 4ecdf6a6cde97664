"""Links that open a confirmed call in a web calendar (Google Calendar, Outlook), beside the
.ics file, for visitors whose calendar lives in a browser and who would otherwise download a
file and look for where to import it.

The links carry what the invite says except the call's own link (which moves or cancels the
call): a link's query reaches the calendar provider's servers and logs before the visitor saves
anything, so the description points to the e-mail instead."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from stackwise.booking import ics
from stackwise.booking.models import Booking

GOOGLE = "https://calendar.google.com/calendar/render"
# Outlook's "compose an event" deep link: the same path on the personal (outlook.live.com) and
# the work or school (outlook.office.com, Microsoft 365) web apps.
OUTLOOK_PATH = "/calendar/0/deeplink/compose"
OUTLOOK_HOSTS = (("Outlook.com", "outlook.live.com"), ("Microsoft 365", "outlook.office.com"))


def _details() -> str:
    return f"{ics.ABOUT}\nTo move or cancel the call, use the link in your confirmation e-mail."


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def google_url(booking: Booking) -> str:
    """Google Calendar's event template, its times in UTC (the trailing Z)."""
    start, end = _utc(booking.start), _utc(booking.end)
    query = {
        "action": "TEMPLATE",
        "text": ics.summary(),
        "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
        "details": _details(),
        "location": ics.location(),
    }
    return f"{GOOGLE}?{urlencode(query)}"


def outlook_url(booking: Booking, host: str) -> str:
    """Outlook on the web's new-event form, its times as ISO 8601 in UTC."""
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": ics.summary(),
        "startdt": _utc(booking.start).isoformat().replace("+00:00", "Z"),
        "enddt": _utc(booking.end).isoformat().replace("+00:00", "Z"),
        "body": _details(),
        "location": ics.location(),
    }
    return f"https://{host}{OUTLOOK_PATH}?{urlencode(query)}"


def calendar_links(booking: Booking) -> list[tuple[str, str]]:
    """(label, address) of each web calendar, for a confirmed call only (a held one may still
    be released, a cancelled one is gone)."""
    if booking.status != Booking.Status.CONFIRMED:
        return []
    return [
        ("Google Calendar", google_url(booking)),
        *((label, outlook_url(booking, host)) for label, host in OUTLOOK_HOSTS),
    ]
