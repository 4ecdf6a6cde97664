"""Booking settings come from the environment, typed, and a bad value names its variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from stackwise.booking.conf import from_environment


def test_unset_settings_take_their_defaults():
    values = from_environment({})
    assert values["BOOKING_HOLD_MINUTES"] == 15 and values["MEETING_URL"] == ""


def test_numbers_are_read_as_numbers():
    values = from_environment({"BOOKING_HOLD_MINUTES": "30", "MEETING_URL": " https://meet.x/y "})
    assert values["BOOKING_HOLD_MINUTES"] == 30 and values["MEETING_URL"] == "https://meet.x/y"


@pytest.mark.parametrize("value", ["soon", "0", "-5", "1.5"])
def test_a_bad_number_is_refused_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="BOOKING_MAIL_ATTEMPTS must be a whole number"):
        from_environment({"BOOKING_MAIL_ATTEMPTS": value})
