"""Bookable slots from weekly windows in the consultant's time zone, stored and compared in UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

UTC = dt.UTC


@dataclass(frozen=True)
class Window:
    """Calls may start from `start` and must end by `end` on this weekday (0 = Monday)."""

    weekday: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True, order=True)
class Busy:
    """A time the consultant's own calendar is taken, in UTC."""

    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Rules:
    """Everything that decides which slots exist."""

    timezone: str
    slot_minutes: int
    buffer_minutes: int
    days_ahead: int
    min_notice_hours: int
    windows: tuple[Window, ...]
    blocked: frozenset[dt.date] = field(default_factory=frozenset)
    busy: tuple[Busy, ...] = ()


@dataclass(frozen=True, order=True)
class Slot:
    """One call's time, in UTC."""

    start: dt.datetime
    end: dt.datetime


def _local(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime | None:
    """The aware local datetime, or None when the clock skips it (spring forward)."""
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return aware


def _day_slots(rules: Rules, day: dt.date, zone: ZoneInfo) -> Iterator[Slot]:
    length = dt.timedelta(minutes=rules.slot_minutes)
    step = length + dt.timedelta(minutes=rules.buffer_minutes)
    for window in rules.windows:
        if window.weekday != day.weekday():
            continue
        # Walk the window in local wall-clock time, so 09:00 stays 09:00 across DST changes.
        cursor = dt.datetime.combine(day, window.start)
        last = dt.datetime.combine(day, window.end)
        while cursor + length <= last:
            start = _local(day, cursor.time(), zone)
            if start is not None:
                start_utc = start.astimezone(UTC)
                yield Slot(start_utc, start_utc + length)
            cursor += step


def candidate_slots(rules: Rules, now: dt.datetime) -> list[Slot]:
    """Every slot from now (plus notice) over `days_ahead` whole local days counting today.

    Whole days, not `now + days_ahead`, so the last day never shows a lone early slot.
    """
    zone = ZoneInfo(rules.timezone)
    earliest = now + dt.timedelta(hours=rules.min_notice_hours)
    today = now.astimezone(zone).date()
    slots: list[Slot] = []
    for offset in range(rules.days_ahead):
        day = today + dt.timedelta(days=offset)
        if day in rules.blocked:
            continue
        slots.extend(
            s for s in _day_slots(rules, day, zone) if earliest <= s.start and not _busy(rules, s)
        )
    return sorted(set(slots))


def _busy(rules: Rules, slot: Slot) -> bool:
    """The slot overlaps a busy time, or comes closer to one than the buffer between calls."""
    gap = dt.timedelta(minutes=rules.buffer_minutes)
    return any(slot.start < b.end + gap and b.start < slot.end + gap for b in rules.busy)


def free_slots(rules: Rules, now: dt.datetime, taken: Iterable[dt.datetime]) -> list[Slot]:
    """Candidate slots minus those already booked."""
    booked = {t.astimezone(UTC) for t in taken}
    return [s for s in candidate_slots(rules, now) if s.start not in booked]


def find_slot(rules: Rules, now: dt.datetime, start: dt.datetime) -> Slot | None:
    """The slot starting at `start`, if it is offered now (not past, inside availability)."""
    start = start.astimezone(UTC)
    return next((s for s in candidate_slots(rules, now) if s.start == start), None)
