"""Work the site hands to the task worker (`manage.py db_worker`) rather than do in a request."""

from __future__ import annotations

from django_tasks import task

from stackwise.web.assessments.models import Assessment
from stackwise.web.assessments.rendered import draw_and_store


@task()
def draw_pdf(assessment_id: str) -> str:
    """Draw and store one assessment's PDF report (nothing if it was deleted meanwhile)."""
    assessment = Assessment.objects.filter(id=assessment_id).first()
    if assessment is None:
        return "deleted"
    return f"{len(draw_and_store(assessment))} bytes"
