"""The questionnaire, the result page and its downloads."""

from __future__ import annotations

import re
import unicodedata
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from stackwise.sitewide.limits import over_limit
from stackwise.web.assessments import rendered
from stackwise.web.assessments.forms import AssessmentForm
from stackwise.web.assessments.models import Assessment
from stackwise.web.knowledge import advice, regions


@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest) -> HttpResponse:
    """Ask the questions; on valid answers, store the assessment and show its result."""
    if request.method == "POST":
        form = AssessmentForm(request.POST, regions=regions())
        if form.is_valid() and (profile := form.profile()) is not None:
            wait = over_limit(request, "assessments", settings.ASSESSMENT_RATE_LIMIT)
            if wait is not None:
                form.add_error(
                    None, f"Too many assessments from your address; try again in {wait} seconds."
                )
                response = render(request, "assessments/assess.html", {"form": form}, status=429)
                response["Retry-After"] = str(wait)
                return response
            assessment = Assessment.record(advice(profile))
            return redirect("assessments:result", assessment_id=assessment.id)
        return render(request, "assessments/assess.html", {"form": form}, status=422)
    initial = {}
    source = request.GET.get("from", "")
    if source:
        try:
            previous = Assessment.objects.filter(id=uuid.UUID(source)).first()
        except ValueError:
            previous = None
        if previous is not None:
            initial = AssessmentForm.initial_from(previous.profile)
    form = AssessmentForm(initial=initial, regions=regions())
    return render(request, "assessments/assess.html", {"form": form, "changing": bool(initial)})


@require_GET
@cache_control(private=True)  # it describes someone's project; no shared cache may keep it
def result(request: HttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """The stored recommendation, rendered exactly as it was made."""
    assessment = get_object_or_404(Assessment, id=assessment_id)
    rec = assessment.recommendation
    top = rec.ranking[0]
    service = (
        rec.stack(rec.architecture.realtime_service) if rec.architecture.realtime_service else None
    )
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": assessment,
            "r": rec,
            "top": top,
            "runner_up": rec.ranking[1],
            "service": service,
            "chart": mark_safe(
                rendered.chart_svg(assessment)
            ),  # SVG drawn by matplotlib from our numbers
            "factor_rows": [
                (c, [s.contributions[i] for s in rec.ranking])
                for i, c in enumerate(top.contributions)
            ],
        },
    )


DOWNLOADS = {
    "md": ("text/markdown; charset=utf-8", "stackwise-report.md"),
    "adr": ("text/markdown; charset=utf-8", "0001-choose-backend-stack.md"),
    "json": ("application/json", "stackwise-recommendation.json"),
    "pdf": ("application/pdf", "stackwise-report.pdf"),
}


def markdown_safe(name: str) -> str:
    """A visitor's project name as plain Markdown text: one line, and no character that starts
    HTML, a link, a code span or emphasis (Markdown passes raw HTML through to the reader)."""
    line = " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in name).split())
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", line)


@require_GET
@cache_control(private=True)
def download(request: HttpRequest, assessment_id: uuid.UUID, kind: str) -> HttpResponse:
    """The result as a file a team can keep."""
    if kind not in DOWNLOADS:
        raise Http404("no such report format")
    assessment = get_object_or_404(Assessment, id=assessment_id)
    rec = assessment.recommendation
    if kind in {"md", "adr"}:  # the name is the one part of a report a visitor wrote
        profile = rec.profile.model_copy(update={"name": markdown_safe(rec.profile.name)})
        rec = rec.model_copy(update={"profile": profile})
    made_on = assessment.created_at.date()
    body: str | bytes
    if kind == "md":
        from stackwise.report.markdown import render_markdown

        body = render_markdown(rec)
    elif kind == "adr":
        from stackwise.report.adr import render_adr

        body = render_adr(rec, made_on)
    elif kind == "json":
        from stackwise.report.json import render_json

        body = render_json(rec)
    else:
        try:
            body = rendered.pdf(assessment)
        except rendered.RenderBusy as busy:
            response = render(
                request, "assessments/report_busy.html", {"assessment": assessment}, status=503
            )
            response["Retry-After"] = str(busy.retry_after)
            return response
    content_type, filename = DOWNLOADS[kind]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
