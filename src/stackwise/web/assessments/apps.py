"""Django app config for assessments."""

from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "stackwise.web.assessments"
    label = "assessments"
    verbose_name = "Assessments"
