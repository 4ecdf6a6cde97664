"""PDFs of an assessment: drawn once by the task worker, stored with the assessment, and served
from storage. A PDF takes seconds of CPU; drawn inside requests, nine at once stalled the site,
so a request only ever reads a stored file or asks the worker for one (tasks.py)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

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


def draw_and_store(assessment: Assessment) -> bytes:
    """Draw the PDF report and store it (the worker's job; a second drawing of the same
    assessment keeps the first file)."""
    body = stored(assessment)
    if body is not None:
        return body
    from stackwise.report.pdf import render_pdf

    body = render_pdf(assessment.recommendation, made_on=assessment.created_at.date())
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
