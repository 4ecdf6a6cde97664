"""What can happen to a booking: held, confirmed by e-mail, rescheduled, cancelled, expired.

Each step changes the booking in one transaction and queues the e-mails it owes to both sides;
nothing here waits on a mail server."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from stackwise.booking import conf
from stackwise.booking.availability import current_rules
from stackwise.booking.holds import details_kept_until, expire_holds, kept_for
from stackwise.booking.models import Booking, Notice, linked_assessment
from stackwise.booking.slots import Slot, find_slot
from stackwise.booking.tasks import expire_lapsed_holds, queue_notice, queue_reminders


class SlotTaken(Exception):
    """Somebody else booked this slot first."""


class SlotUnavailable(ValueError):
    """The time is not an offered slot (past, too soon, or outside availability)."""


class AssessmentNotFound(ValueError):
    """The booking names an assessment this site does not have."""


class HoldExpired(Exception):
    """The visitor confirmed too late: the hold lapsed and the slot may be someone else's."""


class DetailsGone(Exception):
    """A lapsed hold can no longer be booked again: cancelled, or its details deleted."""


class AddressAtCap(Exception):
    """The e-mail address already has BOOKING_CALLS_PER_EMAIL upcoming calls held or confirmed."""

    def __init__(self, cap: int) -> None:
        super().__init__(
            f"already has {cap} upcoming call{'s' if cap != 1 else ''} booked or waiting for "
            "confirmation; cancel one (its link is in the e-mail) before booking another"
        )


class CallPassed(Exception):
    """The call has ended: its link only shows it now."""


class RateLimited(Exception):
    """The client made too many bookings; `wait` seconds until the next is allowed."""

    def __init__(self, wait: int) -> None:
        super().__init__(f"retry in {wait} s")
        self.wait = wait


@dataclass(frozen=True)
class Visitor:
    """What the visitor typed (already validated by the form or the API)."""

    name: str
    email: str
    company: str = ""
    message: str = ""
    timezone: str = "UTC"
    assessment_id: uuid.UUID | None = None
    hour12: bool = False  # the visitor reads times on a 12-hour clock


def _offered(start: dt.datetime) -> Slot:
    slot = find_slot(current_rules(), timezone.now(), start)
    if slot is None:
        raise SlotUnavailable(
            "that time is not an open slot: it is past, too soon, outside the hours or the "
            "consultant is busy then"
        )
    return slot


def book(
    start: dt.datetime, visitor: Visitor, admit: Callable[[], int | None] | None = None
) -> Booking:
    """Book the call at once (both sides get the invite), or with BOOKING_CONFIRM_BY_EMAIL hold
    the slot for BOOKING_HOLD_MINUTES and e-mail the visitor a link to confirm.

    `admit` is the rate limit: asked only once the slot is ours, so that a refusal for a taken
    slot never counts against the visitor; when it answers a wait, nothing is kept."""
    slot = _offered(start)
    assessment = None
    if visitor.assessment_id:
        assessment = linked_assessment(visitor.assessment_id)
        if assessment is None:
            raise AssessmentNotFound(f"no assessment {visitor.assessment_id} on this site")
    now = timezone.now()
    cap = conf.number("BOOKING_CALLS_PER_EMAIL")
    try:
        with transaction.atomic():
            expire_holds(now)
            if _upcoming_for(visitor.email, now) >= cap:
                raise AddressAtCap(cap)
            by_email = conf.flag("BOOKING_CONFIRM_BY_EMAIL")
            booking = Booking.objects.create(
                start=slot.start,
                end=slot.end,
                status=Booking.Status.HELD if by_email else Booking.Status.CONFIRMED,
                hold_until=(
                    now + dt.timedelta(minutes=conf.number("BOOKING_HOLD_MINUTES"))
                    if by_email
                    else None
                ),
                confirmed_at=None if by_email else now,
                name=visitor.name,
                email=visitor.email,
                company=visitor.company,
                message=visitor.message,
                timezone=visitor.timezone,
                hour12=visitor.hour12,
                consent_at=now,
                assessment_id=assessment.pk if assessment else None,
            )
            wait = admit() if admit else None
            if wait is not None:
                raise RateLimited(wait)
            if not by_email:
                _invite(booking, now)
                return booking
            queue_notice(booking, Notice.Kind.CONFIRM_ADDRESS, Notice.To.VISITOR)
            # The worker frees the slot as soon as the hold runs out, and deletes the details
            # once the e-mailed link may no longer book the time again.
            expire_lapsed_holds.using(run_after=booking.hold_until).enqueue()
            if kept_for():
                expire_lapsed_holds.using(run_after=details_kept_until(booking)).enqueue()
    except IntegrityError:
        raise SlotTaken("that slot was just taken; pick another") from None
    return booking


def _invite(booking: Booking, now: dt.datetime) -> None:
    """A booked call's e-mails: the invite to both sides and the visitor's reminders."""
    queue_notice(booking, Notice.Kind.INVITE, Notice.To.VISITOR)
    queue_notice(booking, Notice.Kind.INVITE, Notice.To.CONSULTANT)
    queue_reminders(booking, now)


def _upcoming_for(email: str, now: dt.datetime) -> int:
    """Held and confirmed calls of one address that have not ended (case-insensitively: the
    same inbox)."""
    return Booking.objects.filter(
        email__iexact=email,
        status__in=(Booking.Status.HELD, Booking.Status.CONFIRMED),
        end__gt=now,
    ).count()


def _drop_reminders(booking: Booking) -> None:
    """Reminders of a time the call no longer has are not sent (marked now, so a cancelled
    call's personal data need not wait for them to come due)."""
    booking.notices.filter(kind=Notice.Kind.REMINDER, state=Notice.State.QUEUED).update(
        state=Notice.State.SKIPPED
    )


def has_passed(booking: Booking, now: dt.datetime | None = None) -> bool:
    """Whether the call has ended: its link then shows it and changes nothing."""
    return booking.end <= (now or timezone.now())


def confirm(booking: Booking) -> Booking:
    """The visitor confirmed their address: the call is booked and both sides get the invite."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CONFIRMED:
            return booking  # a second click changes nothing
        now = timezone.now()
        if booking.status != Booking.Status.HELD or (
            booking.hold_until is not None and booking.hold_until < now
        ):
            raise HoldExpired("the hold on that time lapsed before it was confirmed")
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.hold_until = None
        booking.save(update_fields=["status", "confirmed_at", "hold_until"])
        _invite(booking, now)
    return booking


def book_again(booking: Booking) -> Booking:
    """Book the time of a hold that lapsed, from the e-mailed link, with the details it kept.

    Opening that link proves the address, so the call is booked at once (both sides get the
    invite) rather than held for yet another e-mail; the time must still be free."""
    _offered(booking.start)
    now = timezone.now()
    cap = conf.number("BOOKING_CALLS_PER_EMAIL")
    try:
        with transaction.atomic():
            expire_holds(now)
            booking = Booking.objects.select_for_update().get(pk=booking.pk)
            if booking.status == Booking.Status.CONFIRMED:
                return booking  # a second click changes nothing
            if booking.status != Booking.Status.EXPIRED or not booking.email:
                raise DetailsGone("the request was cancelled or its details were deleted")
            if _upcoming_for(booking.email, now) >= cap:
                raise AddressAtCap(cap)
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            booking.hold_until = None
            booking.save(update_fields=["status", "confirmed_at", "hold_until"])
            _invite(booking, now)
    except IntegrityError:
        raise SlotTaken("that slot was taken meanwhile; pick another") from None
    return booking


def reschedule(booking: Booking, start: dt.datetime) -> Booking:
    """Move a confirmed call to another free slot; both sides get the updated invite."""
    slot = _offered(start)
    try:
        with transaction.atomic():
            expire_holds(timezone.now())
            booking = Booking.objects.select_for_update().get(pk=booking.pk)
            if has_passed(booking):
                raise CallPassed("the call has taken place; it can no longer be moved")
            if booking.status != Booking.Status.CONFIRMED:
                raise SlotUnavailable("only a confirmed call can be moved")
            if booking.start == slot.start:
                return booking
            booking.start, booking.end = slot.start, slot.end
            booking.sequence += 1
            booking.save(update_fields=["start", "end", "sequence"])
            queue_notice(booking, Notice.Kind.UPDATE, Notice.To.VISITOR)
            queue_notice(booking, Notice.Kind.UPDATE, Notice.To.CONSULTANT)
            _drop_reminders(booking)
            queue_reminders(booking, timezone.now())
    except IntegrityError:
        raise SlotTaken("that slot was just taken; pick another") from None
    return booking


def cancel(booking: Booking, reason: str = "") -> Booking:
    """Cancel the call. A confirmed call tells both sides (the cancellation keeps its ATTENDEE
    and the visitor's reason, if given, until sent, then the visitor's details are deleted); an
    unconfirmed one is forgotten now (nobody is told, so its reason is not kept)."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status in (Booking.Status.CANCELLED, Booking.Status.EXPIRED):
            return booking
        if has_passed(booking):
            raise CallPassed("the call has taken place; it can no longer be cancelled")
        was_confirmed = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.hold_until = None
        if not was_confirmed:
            booking.forget_person()  # nobody was sent an invite: nothing to take back
            return booking
        booking.sequence += 1
        booking.cancel_reason = reason
        booking.save(update_fields=["status", "hold_until", "sequence", "cancel_reason"])
        _drop_reminders(booking)
        queue_notice(booking, Notice.Kind.CANCELLATION, Notice.To.VISITOR)
        queue_notice(booking, Notice.Kind.CANCELLATION, Notice.To.CONSULTANT)
    return booking
