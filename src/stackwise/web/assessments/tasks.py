"""Work the site hands to the task worker (`manage.py db_worker`) rather than do in a request,
and the asking for it."""

from __future__ import annotations

from django.core.cache import cache
from django_tasks import task

from stackwise.web.assessments.models import Assessment
from stackwise.web.assessments.rendered import draw_and_store

# A request for a PDF that is not ready yet queues one drawing; asking again within this many
# seconds (the page polls) does not queue another. Past it, a worker that was down gets a new ask.
QUEUED_SECONDS = 60


@task()
def draw_pdf(assessment_id: str) -> str:
    """Draw and store one assessment's PDF report (nothing if it was deleted meanwhile)."""
    assessment = Assessment.objects.filter(id=assessment_id).first()
    if assessment is None:
        return "deleted"
    return f"{len(draw_and_store(assessment))} bytes"


def ask_for_pdf(assessment: Assessment) -> None:
    """Queue the drawing of this assessment's PDF, once however often it is asked for."""
    key = f"pdf-queued:{assessment.id}:{assessment.knowledge_version}"
    if cache.add(key, 1, timeout=QUEUED_SECONDS):
        draw_pdf.enqueue(str(assessment.id))
