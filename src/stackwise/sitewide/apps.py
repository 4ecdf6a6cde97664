"""Django app config for sitewide: it owns the rate-limit table."""

from __future__ import annotations

from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "stackwise.sitewide"
    label = "sitewide"
    verbose_name = "Site-wide rules"
    default_auto_field = "django.db.models.BigAutoField"
