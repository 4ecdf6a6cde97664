"""The booking form, with a honeypot for bots and GDPR consent."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms

COMMON_ZONES = (
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Amsterdam",
    "Europe/Warsaw",
    "Europe/Kyiv",
    "Europe/Lisbon",
    "Europe/Stockholm",
    "Europe/Zurich",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)


def zone_choices(current: str | None = None) -> list[tuple[str, str]]:
    """Common time zones, plus the visitor's own if it is another."""
    zones = list(COMMON_ZONES)
    if current and current not in zones:
        zones.insert(0, current)
    return [(z, z.replace("_", " ")) for z in zones]


def valid_zone(name: str | None) -> str | None:
    """The name if it is a real IANA time zone, else None."""
    if not name:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


class BookingForm(forms.Form):
    """Who is booking, for which slot, and their consent."""

    start = forms.DateTimeField(
        widget=forms.HiddenInput, error_messages={"required": "Pick a time for the call."}
    )
    name = forms.CharField(max_length=120)
    email = forms.EmailField(label="E-mail")
    company = forms.CharField(max_length=120, required=False)
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        label="What should we talk about?",
    )
    consent = forms.BooleanField(
        label="I agree that stackwise stores my name, e-mail and message to arrange this call; "
        "they are deleted when I cancel or 90 days after the call.",
        error_messages={"required": "We need your consent to store your details for the call."},
    )
    timezone = forms.CharField(widget=forms.HiddenInput, required=False)
    assessment = forms.UUIDField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid": "The assessment to attach is not a valid id."},
    )
    # Humans never see this field; bots fill it in.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_start(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["start"]
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(
                "This looks automated; please try again without filling the hidden field."
            )
        return data
