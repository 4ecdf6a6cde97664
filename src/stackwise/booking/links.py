"""Signed links for e-mails and pages, absolute on the public SITE_URL."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from stackwise.booking.models import Booking
from stackwise.booking.tokens import confirm_token, manage_token


def absolute(path: str) -> str:
    """A site path as an address a reader can open from an e-mail."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def manage_url(booking: Booking) -> str:
    """The visitor's page for the call: calendar file, reschedule, cancel."""
    return absolute(reverse("booking:manage", args=[manage_token(booking.id)]))


def confirm_url(booking: Booking) -> str:
    """The link that proves the visitor reads the address they gave."""
    return absolute(reverse("booking:confirm", args=[confirm_token(booking.id)]))


def admin_url(booking: Booking) -> str:
    """The consultant's admin page of the booking."""
    return absolute(reverse("admin:booking_booking_change", args=[booking.pk]))
