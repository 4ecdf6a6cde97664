"""Admin for assessments: read-only, with their results and a monthly count of picks."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from stackwise.web.assessments.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "top", "created_at", "knowledge_version", "result_link")
    list_filter = ("top", "created_at")
    search_fields = ("name",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "id",
        "created_at",
        "name",
        "top",
        "knowledge_version",
        "profile_pretty",
        "result_pretty",
    )
    exclude = ("profile", "result")
    change_list_template = "admin/assessments/assessment/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Result page")
    def result_link(self, obj: Assessment) -> str:
        return format_html('<a href="{}">open</a>', reverse("assessments:result", args=[obj.id]))

    @admin.display(description="Profile")
    def profile_pretty(self, obj: Assessment) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.profile, indent=2))

    @admin.display(description="Result")
    def result_pretty(self, obj: Assessment) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.result, indent=2))

    def get_urls(self) -> list[Any]:
        extra = [
            path(
                "picks-by-month/",
                self.admin_site.admin_view(self.picks_by_month),
                name="assessments_assessment_picks",
            )
        ]
        return extra + super().get_urls()

    def picks_by_month(self, request: HttpRequest) -> HttpResponse:
        """How many assessments chose each stack, month by month."""
        rows = (
            Assessment.objects.annotate(month=TruncMonth("created_at"))
            .values("month", "top")
            .annotate(count=Count("id"))
            .order_by("-month", "top")
        )
        stacks = ["django", "fastapi", "express", "nestjs"]
        table: dict[Any, dict[str, int]] = {}
        for row in rows:
            table.setdefault(row["month"], dict.fromkeys(stacks, 0))[row["top"]] = row["count"]
        context = {
            **self.admin_site.each_context(request),
            "title": "Assessments: picks by month",
            "stacks": stacks,
            "months": [
                (month, [counts[s] for s in stacks], sum(counts.values()))
                for month, counts in table.items()
            ],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/assessments/picks_by_month.html", context)
