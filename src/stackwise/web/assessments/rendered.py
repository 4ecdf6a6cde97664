"""PDFs of an assessment: drawn once by the task worker, stored with the assessment, and served
from storage. A PDF takes seconds of CPU; drawn inside requests, nine at once stalled the site,
so a request only ever reads a stored file or asks the worker for one (tasks.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from stackwise.report.html import Contact
from stackwise.web.assessments.models import Assessment, RenderedFile

PDF = "report.pdf"
# What a visitor waiting for a PDF is told: about one drawing's time.
RETRY_SECONDS = 2


def stored(assessment: Assessment, kind: str = PDF) -> bytes | None:
    """A file rendered earlier for this assessment and its knowledge version, if any."""
    body = (
        RenderedFile.objects.filter(
            assessment=assessment, kind=kind, knowledge_version=assessment.knowledge_version
        )
        .values_list("body", flat=True)
        .first()
    )
    return None if body is None else bytes(body)


def site_contact(assessment: Assessment) -> Contact:
    """Where the PDF's reader finds the consultant and this result again (absolute links: a PDF
    is read away from the site)."""
    site = settings.SITE_URL.rstrip("/")
    return Contact(
        consultant=settings.CONSULTANT_NAME,
        booking_url=f"{site}{reverse('booking:book')}",
        email=settings.CONTACT_EMAIL,
        result_url=f"{site}{reverse('assessments:result', args=[assessment.id])}",
    )


def draw_and_store(assessment: Assessment) -> bytes:
    """Draw the PDF report and store it (the worker's job; a second drawing of the same
    assessment keeps the first file)."""
    body = stored(assessment)
    if body is not None:
        return body
    from stackwise.report.pdf import render_pdf

    body = render_pdf(
        assessment.recommendation,
        made_on=assessment.created_at.date(),
        contact=site_contact(assessment),
    )
    try:
        with transaction.atomic():
            RenderedFile.objects.create(
                assessment=assessment,
                kind=PDF,
                knowledge_version=assessment.knowledge_version,
                body=body,
            )
    except IntegrityError:
        pass  # another worker stored the same file first; it is the same file
    return body
