"""The slot picker as a visitor sees it: a month calendar of days, then the times of one day,
in the visitor's zone and clock (12 or 24 hours)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from stackwise.booking.slots import Slot

# Languages whose everyday clock is 12-hour (read from Accept-Language; the page's script
# then uses the browser's own locale).
TWELVE_HOUR = ("en-us", "en-ca", "en-au", "en-nz", "en-in", "en-ph", "hi", "ar", "ko", "bn")


@dataclass(frozen=True)
class Time:
    """One bookable start: its value for the form, its label and a full label for readers."""

    value: str
    label: str
    spoken: str


@dataclass(frozen=True)
class Day:
    """A day of the calendar; `times` is empty on days without a free slot."""

    date: dt.date
    times: tuple[Time, ...]
    in_month: bool


@dataclass(frozen=True)
class Month:
    """A month of the calendar as weeks of seven days, Monday first."""

    title: str
    weeks: tuple[tuple[Day, ...], ...]


def twelve_hour(accept_language: str) -> bool:
    """Whether the visitor's first language reads times on a 12-hour clock."""
    first = accept_language.split(",")[0].split(";")[0].strip().lower()
    return any(first == code or first.startswith(code + "-") for code in TWELVE_HOUR)


def clock(moment: dt.datetime, hour12: bool) -> str:
    """A time of day on the visitor's clock: 3:00 PM or 15:00."""
    if hour12:
        return f"{moment.hour % 12 or 12}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment:%H:%M}"


def times_by_day(slots: list[Slot], zone: str, hour12: bool) -> dict[dt.date, tuple[Time, ...]]:
    """The free starts, grouped by the visitor's local day."""
    tz = ZoneInfo(zone)
    days: dict[dt.date, list[Time]] = {}
    for slot in slots:
        local = slot.start.astimezone(tz)
        label = clock(local, hour12)
        days.setdefault(local.date(), []).append(
            Time(slot.start.isoformat(), label, f"{local:%A %-d %B}, {label}")
        )
    return {day: tuple(times) for day, times in sorted(days.items())}


def months(times: dict[dt.date, tuple[Time, ...]], today: dt.date) -> list[Month]:
    """The months from today to the last free day, as calendar grids."""
    last = max(times, default=today)
    shown: list[Month] = []
    year, month = today.year, today.month
    while (year, month) <= (last.year, last.month):
        weeks = tuple(
            tuple(Day(d, times.get(d, ()), d.month == month) for d in week)
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        )
        shown.append(Month(dt.date(year, month, 1).strftime("%B %Y"), weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return shown
