"""Slots come from weekly windows in the consultant's zone and stay right across DST changes."""

from __future__ import annotations

import datetime as dt

from stackwise.booking.picker import times_by_day
from stackwise.booking.slots import (
    Rules,
    Window,
    candidate_slots,
    find_slot,
    free_slots,
)

UTC = dt.UTC
WEEKDAYS_9_TO_17 = tuple(Window(d, dt.time(9), dt.time(17)) for d in range(5))


def rules(**changes) -> Rules:  # type: ignore[no-untyped-def]
    base = {
        "timezone": "Europe/Berlin",
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "days_ahead": 14,
        "min_notice_hours": 0,
        "windows": WEEKDAYS_9_TO_17,
    }
    return Rules(**{**base, **changes})


def starts_on(slots, day: dt.date) -> list[dt.datetime]:  # type: ignore[no-untyped-def]
    return [s.start for s in slots if s.start.date() == day]


def test_a_weekday_has_sixteen_half_hour_slots_from_nine_to_five_berlin_time():
    monday = dt.datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    slots = starts_on(candidate_slots(rules(), monday), dt.date(2026, 6, 1))
    assert len(slots) == 16
    assert slots[0] == dt.datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert slots[-1] == dt.datetime(2026, 6, 1, 14, 30, tzinfo=UTC)  # 16:30 CEST


def test_nine_oclock_stays_nine_oclock_across_the_last_sunday_of_march():
    friday = dt.datetime(2026, 3, 27, 0, 0, tzinfo=UTC)
    slots = candidate_slots(rules(), friday)
    assert starts_on(slots, dt.date(2026, 3, 27))[0] == dt.datetime(
        2026, 3, 27, 8, 0, tzinfo=UTC
    )  # CET
    assert starts_on(slots, dt.date(2026, 3, 30))[0] == dt.datetime(
        2026, 3, 30, 7, 0, tzinfo=UTC
    )  # CEST
    local = times_by_day(slots, "Europe/Berlin", hour12=False)
    assert all(times[0].label == "09:00" for times in local.values())


def test_nine_oclock_stays_nine_oclock_across_the_last_sunday_of_october():
    friday = dt.datetime(2026, 10, 23, 0, 0, tzinfo=UTC)
    slots = candidate_slots(rules(), friday)
    assert starts_on(slots, dt.date(2026, 10, 23))[0] == dt.datetime(
        2026, 10, 23, 7, 0, tzinfo=UTC
    )  # CEST
    assert starts_on(slots, dt.date(2026, 10, 26))[0] == dt.datetime(
        2026, 10, 26, 8, 0, tzinfo=UTC
    )  # CET


def test_times_the_clock_skips_are_not_offered():
    sunday_night = (Window(6, dt.time(1, 0), dt.time(4, 0)),)
    slots = candidate_slots(rules(windows=sunday_night), dt.datetime(2026, 3, 28, 12, tzinfo=UTC))
    days = times_by_day(slots, "Europe/Berlin", hour12=False)
    local = [t.label for t in days[dt.date(2026, 3, 29)]]
    assert "02:00" not in local and "02:30" not in local
    assert local[:2] == ["01:00", "01:30"] and "03:00" in local


def test_a_visitor_sees_slots_in_their_own_zone():
    slots = candidate_slots(rules(), dt.datetime(2026, 6, 1, tzinfo=UTC))
    times = next(iter(times_by_day(slots, "America/New_York", hour12=True).values()))
    assert times[0].label == "3:00 AM"  # 09:00 in Berlin is 03:00 in New York in June
    assert times[0].spoken == "Monday 1 June, 3:00 AM"


def test_buffer_blocked_dates_notice_and_horizon_are_respected():
    now = dt.datetime(2026, 6, 1, 7, 10, tzinfo=UTC)  # Monday 09:10 in Berlin
    slots = candidate_slots(
        rules(
            buffer_minutes=30,
            min_notice_hours=2,
            days_ahead=3,
            blocked=frozenset({dt.date(2026, 6, 2)}),
        ),
        now,
    )
    monday = starts_on(slots, dt.date(2026, 6, 1))
    # Slots start 09:00, 10:00, 11:00... Berlin (07:00 UTC on); two hours' notice from 09:10
    # leaves 12:00 Berlin as the first.
    assert monday[0] == dt.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert monday[1] - monday[0] == dt.timedelta(hours=1)  # 30 minutes of call, 30 of buffer
    assert not starts_on(slots, dt.date(2026, 6, 2))
    # Three whole days counting today: Wednesday to its last slot, 16:00 Berlin, and no Thursday.
    assert max(s.start for s in slots) == dt.datetime(2026, 6, 3, 14, 0, tzinfo=UTC)


def test_taken_and_unknown_times_are_not_offered():
    now = dt.datetime(2026, 6, 1, tzinfo=UTC)
    taken = dt.datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert taken not in [s.start for s in free_slots(rules(), now, [taken])]
    assert find_slot(rules(), now, taken) is not None
    assert find_slot(rules(), now, dt.datetime(2026, 6, 1, 7, 10, tzinfo=UTC)) is None
    assert find_slot(rules(), now, dt.datetime(2026, 5, 1, 7, 0, tzinfo=UTC)) is None
