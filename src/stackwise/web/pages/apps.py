"""Django app config for the site's general pages."""

from __future__ import annotations

from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "stackwise.web.pages"
    label = "pages"
