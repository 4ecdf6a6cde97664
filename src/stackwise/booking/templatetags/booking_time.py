"""Times on the visitor's clock in templates: `{{ start|clock:hour12 }}` gives 3:00 PM or 15:00."""

from __future__ import annotations

import datetime as dt

from django import template

from stackwise.booking.picker import clock as on_clock

register = template.Library()


@register.filter(expects_localtime=True)
def clock(value: dt.datetime, hour12: bool) -> str:
    """The time of day, already in the active zone, on a 12- or 24-hour clock."""
    return on_clock(value, bool(hour12))
