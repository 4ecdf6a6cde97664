"""Work the site hands to the task worker (`manage.py db_worker`) rather than do in a request,
and the asking for it."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from stackwise.sitewide.limits import first_in
from stackwise.web.assessments.models import Assessment, ReportMail
from stackwise.web.assessments.rendered import draw_and_store

log = logging.getLogger(__name__)

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
    if first_in(QUEUED_SECONDS, "pdf-queued", f"{assessment.id}:{assessment.knowledge_version}"):
        draw_pdf.enqueue(str(assessment.id))


@task()
def send_report_mail(mail_id: int) -> str:
    """Send one requested report e-mail, drawing the PDF first if needed; on failure retry with
    backoff (the booking e-mails' attempts and wait), then give up. Either way the address goes
    once nothing more will be sent."""
    from stackwise.web.assessments.report_mail import message

    mail = ReportMail.objects.select_related("assessment").filter(pk=mail_id).first()
    if mail is None or mail.state != ReportMail.State.QUEUED:
        return "nothing to send"
    mail.attempts += 1
    try:
        message(mail, draw_and_store(mail.assessment)).send()
    except Exception as exc:  # any transport or address failure: this message alone retries
        log.warning(
            "report mail %s: attempt %s failed: %s", mail.pk, mail.attempts, type(exc).__name__
        )
        mail.error = type(exc).__name__
        with transaction.atomic():
            if mail.attempts >= settings.BOOKING_MAIL_ATTEMPTS:
                mail.state, mail.address = ReportMail.State.FAILED, ""
            else:
                delay = settings.BOOKING_MAIL_RETRY_SECONDS * 2 ** (mail.attempts - 1)
                later = timezone.now() + dt.timedelta(seconds=delay)
                send_report_mail.using(run_after=later).enqueue(mail.pk)
            mail.save(update_fields=["state", "address", "error", "attempts"])
        return "failed" if mail.state == ReportMail.State.FAILED else "will retry"
    mail.state, mail.address, mail.error = ReportMail.State.SENT, "", ""
    mail.sent_at = timezone.now()
    mail.save(update_fields=["state", "address", "error", "attempts", "sent_at"])
    return "sent"
