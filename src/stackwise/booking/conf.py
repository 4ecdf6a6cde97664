"""The settings booking reads, typed, from django.conf.settings.

The site's settings object (stackwise.web.config.SiteSettings) reads them from the environment
with their defaults and help; booking only names the ones it uses, so the type checker catches a
misspelt name and tests may override a value with pytest-django's `settings` fixture.
"""

from __future__ import annotations

from typing import Literal, get_args

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NumberSetting = Literal[
    "BOOKING_HOLD_MINUTES",
    "BOOKING_EXPIRED_KEEP_HOURS",
    "BOOKING_MAIL_ATTEMPTS",
    "BOOKING_MAIL_RETRY_SECONDS",
    "BOOKING_BUSY_REFRESH_MINUTES",
    "BOOKING_CALLS_PER_EMAIL",
]
TextSetting = Literal[
    "CONSULTANT_NAME", "CONSULTANT_PHOTO_URL", "MEETING_URL", "BOOKING_BUSY_CALENDAR_URL"
]
FlagSetting = Literal["BOOKING_CONFIRM_BY_EMAIL"]
BOOKING_SETTINGS: tuple[str, ...] = (
    *get_args(NumberSetting),
    *get_args(TextSetting),
    *get_args(FlagSetting),
)


def number(name: NumberSetting) -> int:
    """A whole-number booking setting."""
    value = getattr(settings, name)
    if not isinstance(value, int):
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return value


def text(name: TextSetting) -> str:
    """A text booking setting."""
    return str(getattr(settings, name))


def flag(name: FlagSetting) -> bool:
    """A yes/no booking setting."""
    value = getattr(settings, name)
    if not isinstance(value, bool):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value
