"""E-mails about bookings, through Django's e-mail framework; a failure never loses a booking."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from stackwise.booking.availability import current_rules
from stackwise.booking.ics import invite
from stackwise.booking.models import Booking
from stackwise.booking.tokens import cancel_token

log = logging.getLogger(__name__)


def _message(
    template: str, context: dict[str, object], to: str, zone: str
) -> EmailMultiAlternatives:
    """Render one e-mail with its times in the reader's zone (templates convert to the active one)."""
    context = {**context, "zone": zone}
    with timezone.override(zone):
        subject = render_to_string(f"booking/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"booking/email/{template}_body.txt", context)
        html = render_to_string(f"booking/email/{template}_body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message


def _context(booking: Booking) -> dict[str, object]:
    cancel = reverse("booking:cancel", args=[cancel_token(booking.id)])
    return {
        "booking": booking,
        "cancel_url": f"{settings.SITE_URL}{cancel}",
        "assessment": booking.assessment,
        "recommendation": booking.assessment.recommendation if booking.assessment else None,
        "site_url": settings.SITE_URL,
    }


def send_booking_emails(booking: Booking) -> bool:
    """Tell the visitor (with the invite) and the consultant; mark the booking sent or failed."""
    context = _context(booking)
    visitor = _message("visitor", context, booking.email, booking.timezone)
    visitor.attach("discovery-call.ics", invite(booking), "text/calendar; method=REQUEST")
    consultant = _message(
        "consultant", context, settings.CONSULTANT_EMAIL, current_rules().timezone
    )
    booking.mail_attempts += 1
    try:
        visitor.send()
        consultant.send()
    except Exception as exc:  # any transport failure: keep the booking, retry later
        log.warning("booking %s: e-mail failed: %s", booking.id, exc)
        booking.mail_status = Booking.Mail.FAILED
        booking.mail_error = str(exc)[:300]
        booking.save(update_fields=["mail_status", "mail_error", "mail_attempts"])
        return False
    booking.mail_status = Booking.Mail.SENT
    booking.mail_error = ""
    booking.save(update_fields=["mail_status", "mail_error", "mail_attempts"])
    return True


def send_status_change(booking: Booking) -> bool:
    """Tell the visitor that the consultant confirmed or cancelled the call."""
    if not booking.email:
        return False
    context = _context(booking)
    message = _message("status", context, booking.email, booking.timezone)
    cancelled = booking.status == Booking.Status.CANCELLED
    message.attach("discovery-call.ics", invite(booking, cancelled=cancelled), "text/calendar")
    try:
        message.send()
    except Exception as exc:
        log.warning("booking %s: status e-mail failed: %s", booking.id, exc)
        return False
    return True
