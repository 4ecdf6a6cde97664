"""The consultant's own calendar as busy times, so a slot they are already taken in is never
offered. Calendars publish a private iCalendar address (Google Calendar's "secret address in
iCal format", Outlook's "publish a calendar", Fastmail, Nextcloud); the task worker reads it
with icalendar, expands repeating events with recurring-ical-events, and stores the busy times
in the booking horizon. A feed that fails keeps the last good busy times and says why."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from stackwise.booking import conf
from stackwise.booking.models import BusyCalendarSync, BusyTime
from stackwise.booking.slots import Busy

log = logging.getLogger(__name__)

# A calendar of a few years holds well under a megabyte; more is not a calendar.
MAX_FEED_BYTES = 5_000_000
FETCH_TIMEOUT_S = 10.0


class FeedError(Exception):
    """The feed could not be read or is not an iCalendar file; the message says which."""


def _utc(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """An event's time in UTC: a whole day from the consultant's midnight, a floating time in
    the consultant's zone, a zoned time as it is."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(0))
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC)


def busy_times(feed: bytes, start: dt.datetime, end: dt.datetime, zone: str) -> list[Busy]:
    """The times the feed's events take between start and end, repeating events expanded;
    events marked free (TRANSP:TRANSPARENT) or cancelled do not count."""
    import icalendar
    import recurring_ical_events

    try:
        calendar = icalendar.Calendar.from_ical(feed)
        events: Iterable[icalendar.Event] = recurring_ical_events.of(calendar).between(start, end)
        found = []
        for event in events:
            if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                continue
            begins = event.decoded("DTSTART")
            if "DTEND" in event:
                ends = event.decoded("DTEND")
            elif "DURATION" in event:
                ends = begins + event.decoded("DURATION")
            else:  # RFC 5545: a date lasts the day, a date-time is an instant
                ends = begins + dt.timedelta(days=1) if type(begins) is dt.date else begins
            found.append(Busy(_utc(begins, ZoneInfo(zone)), _utc(ends, ZoneInfo(zone))))
    except (ValueError, KeyError, TypeError) as exc:
        raise FeedError(f"not a readable iCalendar file ({type(exc).__name__})") from exc
    return sorted(b for b in found if b.end > b.start)


def fetch(url: str) -> bytes:
    """The feed's bytes, within a time and a size limit."""
    import httpx

    try:
        with httpx.stream("GET", url, timeout=FETCH_TIMEOUT_S, follow_redirects=True) as answer:
            if answer.status_code != 200:
                raise FeedError(f"the calendar address answered HTTP {answer.status_code}")
            body = bytearray()
            for chunk in answer.iter_bytes():
                body += chunk
                if len(body) > MAX_FEED_BYTES:
                    raise FeedError(f"the calendar is larger than {MAX_FEED_BYTES:,} bytes")
            return bytes(body)
    except httpx.HTTPError as exc:
        raise FeedError(f"the calendar address could not be read ({type(exc).__name__})") from exc


def refresh(now: dt.datetime | None = None) -> BusyCalendarSync:
    """Read the feed and replace the stored busy times (or keep them and record the problem)."""
    from stackwise.booking.availability import current_rules

    now = now or timezone.now()
    sync = BusyCalendarSync.objects.order_by("id").first() or BusyCalendarSync(checked_at=now)
    sync.checked_at = now
    rules = current_rules()
    horizon = now + dt.timedelta(days=rules.days_ahead + 1)
    try:
        found = busy_times(
            fetch(conf.text("BOOKING_BUSY_CALENDAR_URL")), now, horizon, rules.timezone
        )
    except FeedError as exc:
        # The address is a secret (it reads the consultant's calendar): never logged.
        log.warning("busy calendar not refreshed: %s; the last busy times stay", exc)
        sync.problem = str(exc)[:300]
        sync.save()
        return sync
    with transaction.atomic():
        BusyTime.objects.all().delete()
        BusyTime.objects.bulk_create(BusyTime(start=b.start, end=b.end) for b in found)
        sync.refreshed_at, sync.busy_times, sync.problem = now, len(found), ""
        sync.save()
    return sync


@task()
def refresh_busy_calendar() -> str:
    """The worker's refresh of the feed."""
    sync = refresh()
    return sync.problem or f"{sync.busy_times} busy times"


def ask_for_refresh() -> None:
    """Queue a refresh when the stored busy times are older than BOOKING_BUSY_REFRESH_MINUTES
    (asked by every page that offers slots; at most one ask per interval)."""
    if not conf.text("BOOKING_BUSY_CALENDAR_URL"):
        return
    every = dt.timedelta(minutes=conf.number("BOOKING_BUSY_REFRESH_MINUTES"))
    sync = BusyCalendarSync.objects.order_by("id").first()
    if sync is not None and sync.checked_at > timezone.now() - every:
        return
    if cache.add("busy-calendar-refresh-asked", 1, timeout=int(every.total_seconds())):
        refresh_busy_calendar.enqueue()
