"""Django app config for booking."""

from __future__ import annotations

from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "stackwise.booking"
    label = "booking"
    verbose_name = "Discovery calls"
