"""Rules for what a visitor types, shared by the form and the API so both say the same."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils import timezone

from stackwise.sitewide.text import first_invisible, one_line, without_format_characters

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


def email_problem(value: str) -> str | None:
    """Why an e-mail address is refused for invisible characters, or None.

    Django's validator accepts a quoted local part with any character in it
    ("a\u001b[2J\u000bb"@example.org): an escape sequence reached the console log raw, and a
    vertical tab became a line break in the To: header at the mail server."""
    character = first_invisible(value)
    if character is not None:
        return (
            f"contains an invisible control or formatting character (U+{ord(character):04X}); "
            "please type the address again"
        )
    return None


def shown_line(value: str) -> str:
    """A name or company as it will be shown (e-mails, subjects, admin, CSV): one line, without
    the bidi overrides and zero-width characters that could make it read as something else."""
    return one_line(value)


def shown_text(value: str) -> str:
    """A free-text message as it will be shown: line breaks kept, format characters removed."""
    return without_format_characters(value)


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
