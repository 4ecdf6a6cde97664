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
from django.utils.html import format_html, format_html_join

from stackwise.knowledge.models import STACK_IDS
from stackwise.report.wording import confidence_sentence, eur, headline, profile_lines, weeks
from stackwise.web.assessments.models import Assessment


def _collapsed(label: str, data: Any) -> str:
    """JSON folded away under a summary line, so the page opens on the readable part."""
    return format_html(
        "<details><summary>{}</summary><pre>{}</pre></details>",
        label,
        json.dumps(data, indent=2),
    )


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
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
        "summary",
        "profile_json",
        "result_json",
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

    @admin.display(description="Summary")
    def summary(self, obj: Assessment) -> str:
        """The result as the consultant reads it before a call: pick, runner-up, cost, answers."""
        rec = obj.recommendation
        top, runner_up = rec.ranking[0], rec.ranking[1]
        answers = format_html_join("", "<li>{}</li>", ((line,) for line in profile_lines(rec)))
        risks = format_html_join("", "<li>{}</li>", ((risk.title,) for risk in rec.risks))
        return format_html(
            "<p><strong>{}</strong> ({} points), then {} ({}). {}</p>"
            "<p>Estimate: {} and {}. {} {}</p>"
            "<p><strong>Answers</strong></p><ul>{}</ul><p><strong>Risks</strong></p><ul>{}</ul>",
            headline(rec),
            f"{top.score:.1f}",
            runner_up.name,
            f"{runner_up.score:.1f}",
            confidence_sentence(rec),
            eur(rec.estimate.cost_eur),
            weeks(rec.estimate.weeks),
            rec.estimate.budget.text,
            rec.estimate.deadline.text,
            answers,
            risks or format_html("<li>{}</li>", "none"),
        )

    @admin.display(description="Profile (JSON)")
    def profile_json(self, obj: Assessment) -> str:
        return _collapsed("Show the profile as JSON", obj.profile)

    @admin.display(description="Result (JSON)")
    def result_json(self, obj: Assessment) -> str:
        return _collapsed("Show the whole result as JSON", obj.result)

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
        stacks = list(STACK_IDS)
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
