"""The consultant's own calendar blocks slots: a real iCalendar file served on loopback, read by
the task worker, repeating events expanded, free and cancelled events ignored; a feed that fails
keeps the last busy times."""

from __future__ import annotations

import datetime as dt
import http.server
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from stackwise.booking.availability import open_slots
from stackwise.booking.models import Booking, BusyCalendarSync
from tests.helpers.samples import form_data
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)

BERLIN = ZoneInfo("Europe/Berlin")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def feed(tmp_path: Path, settings) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """A folder served over HTTP on loopback; the site reads calendar.ics from it."""
    handler = lambda *a: _Quiet(*a, directory=str(tmp_path))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BOOKING_BUSY_CALENDAR_URL = f"http://127.0.0.1:{server.server_port}/calendar.ics"
    settings.BOOKING_BUSY_REFRESH_MINUTES = 15
    cache.clear()  # another test's ask for a refresh
    yield tmp_path / "calendar.ics"
    server.shutdown()


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _calendar(*events: str) -> bytes:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//busy//EN", *events])
    return (body + "\r\nEND:VCALENDAR\r\n").encode()


def _event(uid: str, start: str, end: str, *extra: str) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", start, end, *extra]
    return "\r\n".join([*lines, "END:VEVENT"])


def _refresh() -> None:
    open_slots()  # a page offering slots asks the worker to read the calendar
    run_queue()


def test_busy_times_from_the_consultants_calendar_are_not_offered_or_bookable(feed, client):
    offered = open_slots()
    weekly, free, other_day = offered[0], offered[1], offered[-1]
    week_before = weekly.start - dt.timedelta(days=7)
    feed.write_bytes(
        _calendar(
            # A weekly meeting that began a week earlier: only its repeat falls in the horizon.
            _event(
                "weekly",
                f"DTSTART:{_stamp(week_before)}",
                f"DTEND:{_stamp(week_before + dt.timedelta(minutes=30))}",
                "RRULE:FREQ=WEEKLY;COUNT=2",
            ),
            # Marked free: it does not block.
            _event(
                "free",
                f"DTSTART:{_stamp(free.start)}",
                f"DTEND:{_stamp(free.end)}",
                "TRANSP:TRANSPARENT",
            ),
            # A whole day away, in the consultant's own zone.
            _event(
                "away",
                f"DTSTART;VALUE=DATE:{other_day.start.astimezone(BERLIN):%Y%m%d}",
                f"DTEND;VALUE=DATE:{other_day.start.astimezone(BERLIN) + dt.timedelta(days=1):%Y%m%d}",
            ),
        )
    )
    _refresh()
    sync = BusyCalendarSync.objects.get()
    assert sync.problem == "" and sync.busy_times == 2
    now_offered = open_slots()
    starts = {s.start for s in now_offered}
    assert weekly.start not in starts
    assert free.start in starts
    away_day = other_day.start.astimezone(BERLIN).date()
    assert not [s for s in now_offered if s.start.astimezone(BERLIN).date() == away_day]

    response = client.post("/book/", form_data(weekly))
    assert Booking.objects.count() == 0
    assert response.status_code == 422
    assert "the consultant is busy then" in response.content.decode()


def test_a_feed_that_fails_keeps_the_last_busy_times_and_never_logs_its_address(
    feed, settings, caplog
):
    first = open_slots()[0]
    feed.write_bytes(
        _calendar(_event("one", f"DTSTART:{_stamp(first.start)}", f"DTEND:{_stamp(first.end)}"))
    )
    _refresh()
    assert first.start not in {s.start for s in open_slots()}

    feed.write_bytes(b"<html>this is a login page, not a calendar</html>")
    BusyCalendarSync.objects.update(checked_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    cache.clear()
    with caplog.at_level(logging.WARNING):
        _refresh()
    sync = BusyCalendarSync.objects.get()
    assert "not a readable iCalendar file" in sync.problem
    assert first.start not in {s.start for s in open_slots()}  # the last good busy times stay
    assert settings.BOOKING_BUSY_CALENDAR_URL not in caplog.text

    feed.unlink()
    BusyCalendarSync.objects.update(checked_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    cache.clear()
    _refresh()
    assert "answered HTTP 404" in BusyCalendarSync.objects.get().problem


def test_without_a_calendar_address_nothing_is_read(settings):
    settings.BOOKING_BUSY_CALENDAR_URL = ""
    assert open_slots()
    assert run_queue() == 0
    assert not BusyCalendarSync.objects.exists()
