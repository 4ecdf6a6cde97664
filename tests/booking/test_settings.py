"""Booking's settings come from the site's settings object, typed, and a bad value names its variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from stackwise.booking import conf
from stackwise.booking.conf import BOOKING_SETTINGS
from stackwise.web.config import SiteSettings, load_settings


@pytest.fixture
def clean_environ(monkeypatch, tmp_path):
    for name in SiteSettings.model_fields:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STACKWISE_DATA_DIR", str(tmp_path))
    return monkeypatch


def test_every_booking_setting_is_a_site_setting():
    assert set(BOOKING_SETTINGS) <= set(SiteSettings.model_fields)


def test_unset_settings_take_their_defaults(clean_environ):
    site = load_settings()
    assert site.BOOKING_HOLD_MINUTES == 15 and site.MEETING_URL == ""


def test_numbers_are_read_as_numbers(clean_environ):
    clean_environ.setenv("BOOKING_HOLD_MINUTES", "30")
    clean_environ.setenv("MEETING_URL", " https://meet.x/y ")
    site = load_settings()
    assert site.BOOKING_HOLD_MINUTES == 30 and site.MEETING_URL == "https://meet.x/y"


@pytest.mark.parametrize("value", ["soon", "0", "-5", "1.5"])
def test_a_bad_number_is_refused_naming_the_variable(clean_environ, value):
    clean_environ.setenv("BOOKING_MAIL_ATTEMPTS", value)
    with pytest.raises(ImproperlyConfigured, match="BOOKING_MAIL_ATTEMPTS must be a whole number"):
        load_settings()


def test_booking_reads_its_settings_through_django(settings):
    settings.BOOKING_HOLD_MINUTES = 45
    settings.CONSULTANT_NAME = "Grace Hopper"
    assert conf.number("BOOKING_HOLD_MINUTES") == 45
    assert conf.text("CONSULTANT_NAME") == "Grace Hopper"


def test_a_number_overridden_with_text_is_refused(settings):
    settings.BOOKING_MAIL_ATTEMPTS = "five"
    with pytest.raises(ImproperlyConfigured, match="BOOKING_MAIL_ATTEMPTS must be a whole number"):
        conf.number("BOOKING_MAIL_ATTEMPTS")
