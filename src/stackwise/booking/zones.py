"""Time-zone names as the visitor gives them: only real IANA zones, never a tzdata folder."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass


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


# Old names browsers still report (Chromium says Asia/Calcutta) for zones tzdata has renamed:
# shown and stored under today's name.
RENAMED = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Dacca": "Asia/Dhaka",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Europe/Kiev": "Europe/Kyiv",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "America/Godthab": "America/Nuuk",
    "Pacific/Truk": "Pacific/Chuuk",
    "Pacific/Ponape": "Pacific/Pohnpei",
}
# Geographic areas: what people pick from (Etc/GMT+5, US/Eastern and the like are not listed,
# though typed they are still accepted).
AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian"}
    | {"Pacific"}
)


def current_name(name: str | None) -> str | None:
    """A known zone under its current name (Asia/Calcutta -> Asia/Kolkata), else None."""
    zone = known_zone(name)
    return RENAMED.get(zone, zone) if zone else None


@dataclass(frozen=True)
class ZoneOption:
    """A zone as the picker offers it: its name, and a label with its offset and time now."""

    name: str
    label: str
    offset: dt.timedelta


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_option(name: str, now: dt.datetime, clock: Callable[[dt.datetime], str]) -> ZoneOption:
    """One zone's label: "Berlin (Europe), UTC+01:00, now 14:05"."""
    local = now.astimezone(zoneinfo.ZoneInfo(name))
    offset = local.utcoffset() or dt.timedelta(0)
    area, _, place = name.partition("/")
    where = f"{place.replace('_', ' ').replace('/', ', ')} ({area})" if place else area
    return ZoneOption(name, f"{where}, {_offset(offset)}, now {clock(local)}", offset)


def zone_options(
    now: dt.datetime, clock: Callable[[dt.datetime], str], current: str | None = None
) -> list[ZoneOption]:
    """Every geographic zone (and UTC) under its current name, west to east, then by place."""
    names = {n for n in _available() if n.split("/")[0] in AREAS and "/" in n and n not in RENAMED}
    names |= {"UTC"} | ({current} if current else set())
    options = [zone_option(n, now, clock) for n in names]
    return sorted(options, key=lambda o: (o.offset, o.label))
