"""E-mailing a result's PDF to the visitor who asks: the form, the caps that keep it from being
used to send mail to strangers, and the message itself. The task worker sends it (tasks.py);
the address is forgotten once the message has gone or been given up."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import unicodedata

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stackwise.report.wording import headline
from stackwise.web.assessments.models import Assessment, ReportMail
from stackwise.web.assessments.presentation import download_filename

CAP_WINDOW = dt.timedelta(hours=24)


class ReportMailForm(forms.Form):
    address = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label="Send the PDF of this result to this address. It is used for this one e-mail and "
        "then deleted.",
        error_messages={"required": "Tick the box to let us send the e-mail."},
    )

    def clean_address(self) -> str:
        address: str = self.cleaned_data["address"]
        # Django accepts a quoted local part, which may carry escape sequences or a vertical
        # tab that would reach logs and mail headers raw.
        if any(unicodedata.category(c)[0] == "C" for c in address):
            raise forms.ValidationError(
                "The address contains control or invisible characters; type it again."
            )
        return address.strip()


def address_digest(address: str) -> str:
    """A keyed digest of an address (lower-cased): enough to count its e-mails, not to read it."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.lower().encode(), hashlib.sha256).hexdigest()


def over_address_cap(address: str) -> bool:
    """True when this address has had its share of report e-mails in the last 24 hours."""
    since = timezone.now() - CAP_WINDOW
    recent = ReportMail.objects.filter(
        address_digest=address_digest(address), requested_at__gte=since
    ).exclude(state=ReportMail.State.FAILED)
    return recent.count() >= settings.REPORT_MAILS_PER_ADDRESS


def queue_report_mail(assessment: Assessment, address: str) -> ReportMail:
    """Record the request and put its sending on the queue, together or not at all."""
    from stackwise.web.assessments.tasks import send_report_mail

    with transaction.atomic():
        mail = ReportMail.objects.create(
            assessment=assessment, address=address, address_digest=address_digest(address)
        )
        send_report_mail.enqueue(mail.pk)
    return mail


def message(mail: ReportMail, pdf: bytes) -> EmailMessage:
    """The e-mail: what was recommended, where the result lives, the next step, the PDF."""
    recommendation = mail.assessment.recommendation
    site = settings.SITE_URL.rstrip("/")
    result = f"{site}{reverse('assessments:result', args=[mail.assessment_id])}"
    booking = f"{site}{reverse('booking:book')}?assessment={mail.assessment_id}"
    name = recommendation.profile.name or "your project"
    body = "\n".join(
        [
            f"Here is the stackwise report for {name}, as a PDF attached.",
            "",
            headline(recommendation),
            "",
            f"The result online, with its Markdown, ADR and JSON downloads: {result}",
            f"To talk it through, book a free discovery call with {settings.CONSULTANT_NAME}: "
            f"{booking}",
            "",
            "You receive this because someone asked for it on the result page and confirmed "
            "the address. We have not kept the address.",
        ]
    )
    email = EmailMessage(
        subject=f"Your stackwise report: {headline(recommendation).rstrip('.')}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.address],
    )
    email.attach(download_filename(recommendation, "pdf"), pdf, "application/pdf")
    return email
