"""Booking's own settings: each listed once with its default, read through django.conf.settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class BookingSetting:
    """One booking setting: its environment variable, default and meaning."""

    name: str
    default: int | str
    help: str


BOOKING_SETTINGS = (
    BookingSetting(
        "BOOKING_HOLD_MINUTES",
        15,
        "How long an unconfirmed booking holds its slot; the visitor confirms by e-mail within it.",
    ),
    BookingSetting(
        "BOOKING_MAIL_ATTEMPTS",
        5,
        "Delivery attempts per e-mail before it is marked failed.",
    ),
    BookingSetting(
        "BOOKING_MAIL_RETRY_SECONDS",
        60,
        "Wait before the first retry of a failed e-mail; doubled after each further failure.",
    ),
    # --- Hardening (issue 25): limits per visitor that do not depend on the client's address.
    BookingSetting(
        "BOOKING_CALLS_PER_EMAIL",
        3,
        "Calls one e-mail address may have held or confirmed at once (upcoming only); one more "
        "is refused naming the e-mail field, so nobody fills a stranger's inbox.",
    ),
    # --- end of issue 25 settings
    BookingSetting(
        "CONSULTANT_NAME",
        "stackwise",
        "Who the call is with, shown on the booking page, in e-mails and in the invite.",
    ),
    BookingSetting(
        "CONSULTANT_PHOTO_URL",
        "",
        "The consultant's photo, as a path on this site such as /static/consultant.jpg (the "
        "content security policy loads images from the site only); initials when empty.",
    ),
    BookingSetting(
        "MEETING_URL",
        "",
        "Where the call happens (a video-call link), shown before booking and put in the invite; "
        "when empty the consultant e-mails a link before the call.",
    ),
)
_DEFAULTS = {s.name: s.default for s in BOOKING_SETTINGS}


def from_environment(environ: Mapping[str, str]) -> dict[str, int | str]:
    """The booking settings for settings.py: the environment's value or the default, typed."""
    values: dict[str, int | str] = {}
    for item in BOOKING_SETTINGS:
        raw = environ.get(item.name)
        if raw is None:
            values[item.name] = item.default
        elif isinstance(item.default, int):
            if not raw.strip().isdigit() or int(raw) < 1:
                raise ImproperlyConfigured(
                    f"{item.name} must be a whole number of at least 1, not {raw!r}"
                )
            values[item.name] = int(raw)
        else:
            values[item.name] = raw.strip()
    return values


def number(name: str) -> int:
    """A whole-number booking setting (tests may override it with pytest-django's settings)."""
    value = getattr(settings, name, _DEFAULTS[name])
    if not isinstance(value, int):
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return value


def text(name: str) -> str:
    """A text booking setting."""
    return str(getattr(settings, name, _DEFAULTS[name]))
