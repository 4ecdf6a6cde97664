"""Render one notice as an e-mail: subject and plain text unescaped, HTML escaped, invite attached.

Each message is rendered when the worker sends it, in its reader's time zone, with the invite
or cancellation made at that moment (its DTSTAMP is the time of the message)."""

from __future__ import annotations

import datetime as dt
from email.mime.text import MIMEText
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from stackwise.booking import conf, ics
from stackwise.booking.availability import current_rules
from stackwise.booking.holds import kept_for
from stackwise.booking.links import absolute, admin_url, confirm_url, manage_url
from stackwise.booking.models import Booking, Notice
from stackwise.sitewide.text import one_line

ATTACHMENT = "discovery-call.ics"


def calendar_part(data: bytes, method: str) -> MIMEText:
    """A text/calendar part whose `method=` matches the METHOD inside (iMIP, RFC 6047 2.4)."""
    part = MIMEText(data.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=ATTACHMENT)
    return part


def _context(notice: Notice) -> dict[str, Any]:
    booking = notice.booking
    assessment = booking.assessment
    return {
        "booking": booking,
        "to": notice.to,
        "status": booking.get_status_display(),
        "consultant": conf.text("CONSULTANT_NAME"),
        "meeting_url": conf.text("MEETING_URL"),
        "minutes": int((booking.end - booking.start).total_seconds() // 60),
        "confirm_url": confirm_url(booking),
        "manage_url": manage_url(booking),
        "admin_url": admin_url(booking),
        "book_url": absolute("/book/"),
        "hold_until": booking.hold_until,
        "keep_hours": kept_for() // dt.timedelta(hours=1),
        "assessment": assessment,
        "assessment_url": absolute(f"/assessments/{assessment.id}/") if assessment else "",
        "recommendation": assessment.recommendation if assessment else None,
        "lead": _lead(notice),
        # Booked at once (the default) or after the visitor opened the e-mailed link.
        "address_confirmed": booking.notices.filter(kind=Notice.Kind.CONFIRM_ADDRESS).exists(),
    }


def _lead(notice: Notice) -> str:
    """How far off the call is, for a reminder: "tomorrow" or "in 1 hour"."""
    if notice.send_after is None or notice.call_start is None:
        return ""
    hours = round((notice.call_start - notice.send_after).total_seconds() / 3600)
    return "tomorrow" if hours >= 20 else f"in {hours} hour{'s' if hours != 1 else ''}"


def _identity(notice: Notice) -> dict[str, str]:
    """One Message-ID per notice, the same on every attempt: should a worker die after the mail
    server took the message but before the notice was marked sent, the copy sent again carries
    the same identity, which mail stores and readers use to drop duplicates (RFC 5322 3.6.4)."""
    domain = urlsplit(settings.SITE_URL).hostname or "stackwise.localhost"
    return {"Message-ID": f"<booking-notice-{notice.pk}@{domain}>"}


def render(notice: Notice) -> EmailMultiAlternatives:
    """The e-mail of one notice, addressed to its reader."""
    booking = notice.booking
    if notice.to == Notice.To.CONSULTANT:
        recipient, zone = settings.CONSULTANT_EMAIL, current_rules().timezone
    else:
        recipient, zone = booking.email, booking.timezone
    # The visitor's own clock; the consultant's e-mails keep 24 hours.
    hour12 = booking.hour12 and notice.to == Notice.To.VISITOR
    context = {**_context(notice), "zone": zone, "hour12": hour12}
    name = f"booking/email/{notice.kind}"
    with timezone.override(zone):
        subject = one_line(render_to_string(f"{name}_subject.txt", context))
        text = render_to_string(f"{name}_body.txt", context)
        html = render_to_string(f"{name}_body.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient], headers=_identity(notice)
    )
    message.attach_alternative(html, "text/html")
    if notice.kind in (Notice.Kind.INVITE, Notice.Kind.UPDATE):
        message.attach(calendar_part(ics.request(booking), ics.REQUEST))
    elif notice.kind == Notice.Kind.CANCELLATION:
        message.attach(calendar_part(ics.cancellation(booking), ics.CANCEL))
    return message


def is_due(notice: Notice) -> bool:
    """Whether the notice still says something true: an invite for a call cancelled meanwhile,
    or a confirm request for a hold whose details are deleted, is not sent."""
    status = notice.booking.status
    if notice.kind == Notice.Kind.CANCELLATION:
        return status == Booking.Status.CANCELLED
    if notice.kind == Notice.Kind.CONFIRM_ADDRESS:  # a lapsed hold's link still books it again
        return status == Booking.Status.HELD or (
            status == Booking.Status.EXPIRED and bool(notice.booking.email)
        )
    if notice.kind == Notice.Kind.REMINDER:  # and not of a time the call was moved from
        return status == Booking.Status.CONFIRMED and notice.call_start == notice.booking.start
    return status == Booking.Status.CONFIRMED
