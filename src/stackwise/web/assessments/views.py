"""The questionnaire, the result page and its downloads."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stackwise.report.charts import contributions_svg
from stackwise.sitewide.limits import over_limit
from stackwise.sitewide.text import one_line
from stackwise.web.assessments import rendered, tasks
from stackwise.web.assessments.forms import STEPS, AssessmentForm
from stackwise.web.assessments.models import Assessment
from stackwise.web.assessments.presentation import download_filename, result_context, what_if
from stackwise.web.assessments.report_mail import (
    ReportMailForm,
    over_address_cap,
    queue_report_mail,
)
from stackwise.web.assessments.try_change import TryChangeForm, initial_answers, try_change
from stackwise.web.knowledge import advice, regions


@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest) -> HttpResponse:
    """Ask the questions a step at a time; on valid answers, store the assessment and show
    its result. Every step is a plain form post, so the flow works without JavaScript."""
    if request.method == "GET":
        previous = _assessment_or_none(request.GET.get("from", ""))
        initial = AssessmentForm.initial_from(previous.profile) if previous else {}
        form = AssessmentForm(initial=initial, regions=regions())
        return _questionnaire(request, form, 0, previous=previous)
    form = AssessmentForm(request.POST, regions=regions())
    previous = _assessment_or_none(request.POST.get("from", ""))
    step = _step_number(request.POST.get("step", ""))
    go = request.POST.get("go", "finish")
    if go == "back":
        form.keep_errors_of(set())
        return _questionnaire(request, form, max(step - 1, 0), previous=previous)
    if go == "next" and step < len(STEPS) - 1:
        if step in form.steps_with_errors():
            form.keep_errors_of({step})
            return _questionnaire(request, form, step, previous=previous, status=422)
        form.keep_errors_of(set())
        return _questionnaire(request, form, step + 1, previous=previous)
    if form.is_valid() and (profile := form.profile()) is not None:
        wait = over_limit(request, "assessments", settings.ASSESSMENT_RATE_LIMIT)
        if wait is not None:
            form.add_error(
                None, f"Too many assessments from your address; try again in {wait} seconds."
            )
            response = _questionnaire(request, form, step, previous=previous, status=429)
            response["Retry-After"] = str(wait)
            return response
        assessment = Assessment.record(advice(profile))
        url = reverse("assessments:result", kwargs={"assessment_id": assessment.id})
        return redirect(f"{url}?was={previous.id}" if previous else url)
    with_errors = form.steps_with_errors() or [step]
    return _questionnaire(
        request, form, with_errors[0], shown=set(with_errors), previous=previous, status=422
    )


def _questionnaire(
    request: HttpRequest,
    form: AssessmentForm,
    current: int,
    *,
    shown: set[int] | None = None,
    previous: Assessment | None = None,
    status: int = 200,
) -> HttpResponse:
    """The questionnaire at one step; every step's inputs are in the page (the others hidden),
    so answers travel with each post and a script can switch steps without a round trip."""
    shown = shown or {current}
    steps = [
        {
            "number": i + 1,
            "title": step.title,
            "intro": step.intro,
            "questions": form.step_questions(i),
            "hidden": i not in shown,
        }
        for i, step in enumerate(STEPS)
    ]
    context = {
        "form": form,
        "steps": steps,
        "current": current,
        "step": steps[current],
        "last": len(STEPS) - 1,
        "percent": round(100 * (current + 1) / len(STEPS)),
        "error_links": form.error_links() if form.is_bound else [],
        "previous": previous,
    }
    return render(request, "assessments/assess.html", context, status=status)


def _step_number(posted: str) -> int:
    """The step a post came from; anything unexpected counts as the first."""
    return int(posted) if posted.isdigit() and int(posted) < len(STEPS) else 0


def _assessment_or_none(assessment_id: str) -> Assessment | None:
    """The stored assessment an id names, or None for a missing or malformed id."""
    try:
        return Assessment.objects.filter(id=uuid.UUID(assessment_id)).first()
    except ValueError:
        return None


@require_GET
@cache_control(private=True)  # it describes someone's project; no shared cache may keep it
def result(request: HttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """The stored recommendation, rendered exactly as it was made; with ?was=<id>, beside the
    earlier result it replaces and what changed between them."""
    assessment = get_object_or_404(Assessment, id=assessment_id)
    return _result_page(request, assessment, ReportMailForm())


def _result_page(
    request: HttpRequest, assessment: Assessment, mail_form: ReportMailForm, status: int = 200
) -> HttpResponse:
    rec = assessment.recommendation
    previous = _assessment_or_none(request.GET.get("was", ""))
    url = reverse("assessments:result", kwargs={"assessment_id": assessment.id})
    # "Try a change": with ?try, the same result for changed answers, nothing stored.
    trying = "try" in request.GET
    change_form = TryChangeForm(request.GET if trying else None, initial=initial_answers(rec))
    tried = try_change(rec, change_form) if trying and change_form.is_valid() else None
    if trying and not change_form.is_valid() and status == 200:
        status = 400
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": assessment,
            **result_context(rec),
            "what_if": what_if(previous, rec) if previous and previous != assessment else None,
            "share_url": request.build_absolute_uri(url),
            "chart": mark_safe(contributions_svg(rec)),  # SVG drawn by us from our own numbers
            "mail_form": mail_form,
            "mailed": request.GET.get("mailed") == "1",
            "change_form": change_form,
            "tried": tried,
        },
        status=status,
    )


@require_POST
@cache_control(private=True, no_store=True)
def email_report(request: HttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """Queue the result's PDF for the address the visitor gave and confirmed; the page says so.
    A mistake, a client over its rate or an address over its daily cap gets the result page
    back with the form's error and what was typed."""
    assessment = get_object_or_404(Assessment, id=assessment_id)
    form = ReportMailForm(request.POST)
    if not form.is_valid():
        return _result_page(request, assessment, form, status=400)
    wait = over_limit(request, "report-mail", settings.REPORT_MAIL_RATE_LIMIT)
    if wait is not None:
        minutes = max(1, round(wait / 60))
        form.add_error(
            None,
            f"Too many report e-mails were asked for from your network; try again in about "
            f"{minutes} minute{'s' if minutes != 1 else ''}, or download the PDF.",
        )
        return _result_page(request, assessment, form, status=429)
    address = form.cleaned_data["address"]
    if over_address_cap(address):
        form.add_error(
            "address",
            f"This address has been sent {settings.REPORT_MAILS_PER_ADDRESS} reports in the last "
            "24 hours, the most we send; download the PDF instead.",
        )
        return _result_page(request, assessment, form, status=429)
    queue_report_mail(assessment, address)
    url = reverse("assessments:result", kwargs={"assessment_id": assessment.id})
    return redirect(f"{url}?mailed=1#email-report")


DOWNLOADS = {
    "md": "text/markdown; charset=utf-8",
    "adr": "text/markdown; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
}


def markdown_safe(name: str) -> str:
    """A visitor's project name as plain Markdown text: one line, and no character that starts
    HTML, a link, a code span or emphasis (Markdown passes raw HTML through to the reader)."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", one_line(name))


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
        pdf = rendered.stored(assessment)
        if pdf is None:
            return _pdf_being_drawn(request, assessment)
        body = pdf
    response = HttpResponse(body, content_type=DOWNLOADS[kind])
    response["Content-Disposition"] = f'attachment; filename="{download_filename(rec, kind)}"'
    return response


def _pdf_being_drawn(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """202 while the worker draws the PDF: a page with the link to try again (the result page's
    script polls by Retry-After instead). No automatic refresh: a page that reloads itself on a
    timer is a barrier for screen-reader users (WCAG 2.2.1)."""
    tasks.ask_for_pdf(assessment)
    response = render(
        request,
        "assessments/report_preparing.html",
        {"assessment": assessment},
        status=202,
    )
    response["Retry-After"] = str(rendered.RETRY_SECONDS)
    return response
