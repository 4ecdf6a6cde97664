"""E-mail delivery as tasks for the database queue (`manage.py db_worker` runs them).

One task per message: a failure retries that message alone, with backoff, up to a cap, so the
visitor's mail is never sent twice because the consultant's failed. The task's arguments hold
only the notice id: no personal data is copied into the queue's table."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from stackwise.booking import conf
from stackwise.booking.emails import is_due, render
from stackwise.booking.holds import expire_holds
from stackwise.booking.models import Booking, Notice
from stackwise.sitewide.logs import redact_addresses

log = logging.getLogger(__name__)


def queue_notice(booking: Booking, kind: Notice.Kind, to: Notice.To) -> Notice:
    """Record a message and put its delivery on the queue (inside the caller's transaction)."""
    notice = Notice.objects.create(booking=booking, kind=kind, to=to)
    deliver_notice.enqueue(notice.pk)
    return notice


# Reminders go to the visitor this long before the call (the consultant has the invite).
REMINDER_LEADS = (dt.timedelta(days=1), dt.timedelta(hours=1))


def queue_reminders(booking: Booking, now: dt.datetime) -> list[Notice]:
    """The visitor's reminders of a confirmed call, each queued for its time; one whose time has
    already passed (a call booked for this afternoon gets no "tomorrow") is not queued. A call
    moved later gets new ones, and the old ones no longer match its time when they come due."""
    queued = []
    for lead in REMINDER_LEADS:
        due = booking.start - lead
        if due <= now:
            continue
        notice = Notice.objects.create(
            booking=booking,
            kind=Notice.Kind.REMINDER,
            to=Notice.To.VISITOR,
            send_after=due,
            call_start=booking.start,
        )
        deliver_notice.using(run_after=due).enqueue(notice.pk)
        queued.append(notice)
    return queued


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the n-th failed attempt: the base, doubled each time."""
    return dt.timedelta(seconds=conf.number("BOOKING_MAIL_RETRY_SECONDS") * 2 ** (attempts - 1))


@task()
def deliver_notice(notice_id: int) -> str:
    """Send one notice; on failure queue the next attempt or, at the cap, give up."""
    notice = Notice.objects.select_related("booking").filter(pk=notice_id).first()
    if notice is None or notice.state != Notice.State.QUEUED:
        return "nothing to send"
    booking = notice.booking
    if not is_due(notice):
        notice.state = Notice.State.SKIPPED
        notice.save(update_fields=["state"])
        forget_when_cancelled(booking)
        return "not due"
    notice.attempts += 1
    try:
        render(notice).send()
    except Exception as exc:  # any transport or address failure: this message alone retries
        # Named by ids only: an SMTP refusal quotes the address, and this line outlives the
        # booking's erased error text.
        log.warning(
            "booking %s notice %s: attempt %s failed: %s",
            booking.pk,
            notice.pk,
            notice.attempts,
            redact_addresses(f"{type(exc).__name__}: {exc}"),
        )
        notice.error = f"{type(exc).__name__}: {exc}"[:300]
        with transaction.atomic():
            if notice.attempts >= conf.number("BOOKING_MAIL_ATTEMPTS"):
                notice.state = Notice.State.FAILED
            else:
                later = timezone.now() + retry_delay(notice.attempts)
                deliver_notice.using(run_after=later).enqueue(notice.pk)
            notice.save(update_fields=["state", "error", "attempts"])
        forget_when_cancelled(booking)
        return "failed" if notice.state == Notice.State.FAILED else "will retry"
    notice.state = Notice.State.SENT
    notice.sent_at = timezone.now()
    notice.error = ""
    notice.save(update_fields=["state", "sent_at", "error", "attempts"])
    forget_when_cancelled(booking)
    return "sent"


def forget_when_cancelled(booking: Booking) -> None:
    """Once a cancelled call has nothing left to send, its personal data goes.

    It is kept until then so that the cancellation still names its ATTENDEE."""
    booking.refresh_from_db()
    if booking.status != Booking.Status.CANCELLED or not booking.email:
        return
    if not booking.notices.filter(state=Notice.State.QUEUED).exists():
        booking.forget_person()


@task()
def expire_lapsed_holds() -> int:
    """Queued for the moment a hold runs out; expires it (and any other lapsed one)."""
    return expire_holds(timezone.now())
