"""Bookings as CSV for a spreadsheet, with cells that a spreadsheet would run as formulas defused."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from stackwise.booking.models import Booking

COLUMNS = (
    "start_utc",
    "end_utc",
    "status",
    "name",
    "email",
    "company",
    "message",
    "timezone",
    "assessment",
    "created_at",
)
# Spreadsheets run a cell starting with these as a formula (=HYPERLINK, +cmd|, -, @SUM); tab and
# carriage return can start one too. OWASP's advice: prefix a single quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as text that a spreadsheet shows, never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_bookings(out: Any, bookings: Iterable[Booking]) -> None:
    """Write a header and one row per booking to a file-like object."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for b in bookings:
        writer.writerow(
            [
                cell(v)
                for v in (
                    b.start.isoformat(),
                    b.end.isoformat(),
                    b.status,
                    b.name,
                    b.email,
                    b.company,
                    b.message,
                    b.timezone,
                    b.assessment_id or "",
                    b.created_at.isoformat(),
                )
            ]
        )
