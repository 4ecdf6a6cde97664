"""Time-zone names as the visitor gives them: only real IANA zones, never a tzdata folder."""

from __future__ import annotations

import functools
import zoneinfo


@functools.cache
def _available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def known_zone(name: str | None) -> str | None:
    """The name if it is an IANA time zone (`America` or `Etc` are folders, not zones), else None.

    Checked against the list of zones first: ZoneInfo() on a folder name raises
    IsADirectoryError, and on odd names it reads files it should not.
    """
    if name and name in _available():
        return name
    return None


def zone_problem(name: str) -> str:
    """The error a visitor sees for a name that is not a zone."""
    shown = name if len(name) <= 64 else name[:61] + "..."
    return f"'{shown}' is not a time zone; use a name such as Europe/Berlin or America/New_York"
