"""The booking forms: details with a honeypot and strict consent, and the slot picker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from stackwise.booking.validation import (
    email_problem,
    name_problem,
    outside_window,
    shown_line,
    shown_text,
    text_problem,
)
from stackwise.booking.zones import current_name, zone_problem

# What the consent box posts when ticked; nothing else counts as consent.
CONSENT_VALUES = {"on", "true"}


class VisibleEmailField(forms.EmailField):
    """An e-mail address with no invisible characters, refused before the address syntax is
    checked so that the visitor is told what is actually wrong."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        problem = email_problem(text)
        if problem:
            raise forms.ValidationError(f"The e-mail address {problem}.", code="invisible")
        return text


class SlotForm(forms.Form):
    """A start time from the picker, in the booking window."""

    start = forms.DateTimeField(
        widget=forms.HiddenInput, error_messages={"required": "Pick a time for the call."}
    )
    timezone = forms.CharField(required=False, max_length=64, label="Time zone")

    def __init__(self, *args: Any, days_ahead: int = 14, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.days_ahead = days_ahead

    def clean_start(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["start"]
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        problem = outside_window(value, self.days_ahead)
        if problem:
            raise forms.ValidationError(f"Please pick another time: that time {problem}.")
        return value

    def clean_timezone(self) -> str:
        value: str = self.cleaned_data.get("timezone") or "UTC"
        zone = current_name(value)
        if zone is None:
            raise forms.ValidationError(zone_problem(value))
        return zone


class BookingForm(SlotForm):
    """Who is booking, for which slot, and their consent."""

    name = forms.CharField(max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = VisibleEmailField(
        label="E-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    company = forms.CharField(
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
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

    def clean_name(self) -> str:
        value: str = self.cleaned_data["name"]
        problem = name_problem(value)
        if problem:
            raise forms.ValidationError(f"The name {problem}.")
        return shown_line(value)

    def clean_company(self) -> str:
        value: str = self.cleaned_data["company"]
        problem = text_problem(value)
        if problem:
            raise forms.ValidationError(f"The company {problem}.")
        return shown_line(value)

    def clean_message(self) -> str:
        value: str = self.cleaned_data["message"]
        problem = text_problem(value, multiline=True)
        if problem:
            raise forms.ValidationError(f"The message {problem}.")
        return shown_text(value)

    def clean_consent(self) -> bool:
        if self.data.get(self.add_prefix("consent")) not in CONSENT_VALUES:
            raise forms.ValidationError(self.fields["consent"].error_messages["required"])
        return True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(
                "This looks automated; please try again without filling the hidden field."
            )
        return data


class CancelForm(forms.Form):
    """Cancelling a call, with an optional word to the consultant on why."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        label="Reason",
        help_text="Sent to the consultant with the cancellation, then deleted with your details.",
    )

    def clean_reason(self) -> str:
        value: str = self.cleaned_data["reason"]
        problem = text_problem(value, multiline=True)
        if problem:
            raise forms.ValidationError(f"The reason {problem}.")
        return shown_text(value).strip()
