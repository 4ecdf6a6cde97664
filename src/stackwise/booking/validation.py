"""Rules for what a visitor types, shared by the form and the API so both say the same."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils import timezone

# Line breaks and tabs belong in a message; every other control character (NUL included) is
# refused: PostgreSQL rejects NUL, and the rest only hide text or break e-mail headers.
_MULTILINE_ALLOWED = {"\n", "\r", "\t"}


def _has_control(value: str, multiline: bool) -> bool:
    return any(
        unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        and not (multiline and ch in _MULTILINE_ALLOWED)
        for ch in value
    )


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why a free-text field is refused, or None."""
    if _has_control(value, multiline):
        return "contains control characters (such as NUL or a line break); please remove them"
    return None


def name_problem(value: str) -> str | None:
    """Why a name is refused: it must hold letters and stay on one line."""
    problem = text_problem(value)
    if problem:
        return problem
    if not any(ch.isalpha() for ch in value):
        return "must contain letters"
    return None


def window(days_ahead: int, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The booking window in UTC: from a day ago to a day past the last bookable day."""
    now = now or timezone.now()
    return now - dt.timedelta(days=1), now + dt.timedelta(days=days_ahead + 1)


def outside_window(value: dt.datetime, days_ahead: int) -> str | None:
    """Why a time is refused as outside the window, or None.

    Compared on the wall clock first: converting a time like 0001-01-01T00:00+01:00 to UTC
    overflows, and the day of margin on each side covers any UTC offset."""
    low, high = window(days_ahead)
    wall = value.replace(tzinfo=None)
    if not (low.replace(tzinfo=None) <= wall <= high.replace(tzinfo=None)):
        return (
            f"is outside the booking window: from {low:%Y-%m-%d} to {high:%Y-%m-%d} (UTC), "
            f"the next {days_ahead} days"
        )
    return None
