"""The questionnaire, the result page and its downloads."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET, require_http_methods

from stackwise.sitewide.limits import over_limit
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


def chart_svg(assessment: Assessment) -> str:
    """The contribution chart, drawn once per assessment (matplotlib is slow to draw)."""
    from django.core.cache import cache

    key = f"chart:{assessment.id}:{assessment.knowledge_version}"
    svg = cache.get(key)
    if svg is None:
        from stackwise.report.charts import contributions_svg

        svg = contributions_svg(assessment.recommendation)
        cache.set(key, svg, timeout=None)
    return str(svg)


@require_GET
@cache_page(24 * 3600, cache="pages")  # a stored assessment never changes, so neither does its page
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
            "chart": mark_safe(chart_svg(assessment)),  # SVG drawn by matplotlib from our numbers
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


@require_GET
def download(request: HttpRequest, assessment_id: uuid.UUID, kind: str) -> HttpResponse:
    """The result as a file a team can keep."""
    if kind not in DOWNLOADS:
        raise Http404("no such report format")
    assessment = get_object_or_404(Assessment, id=assessment_id)
    rec = assessment.recommendation
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
        from stackwise.report.pdf import render_pdf

        body = render_pdf(rec, made_on=made_on)
    content_type, filename = DOWNLOADS[kind]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
