"""The consultant's availability and the visitors' bookings."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from stackwise.booking.zones import known_zone, zone_problem


def _valid_zone(value: str) -> None:
    if known_zone(value) is None:
        raise ValidationError(zone_problem(value))


# What a fresh site offers: weekdays 09:00-17:00 Europe/Berlin, 30-minute calls, 14 days ahead.
DEFAULT_AVAILABILITY = {
    "timezone": "Europe/Berlin",
    "slot_minutes": 30,
    "buffer_minutes": 0,
    "days_ahead": 14,
    "min_notice_hours": 2,
}
DEFAULT_WINDOWS = tuple((weekday, dt.time(9, 0), dt.time(17, 0)) for weekday in range(5))


class Availability(models.Model):
    """When the consultant takes calls. The site uses the first row (a fresh database has one)."""

    timezone = models.CharField(max_length=64, default="Europe/Berlin", validators=[_valid_zone])
    slot_minutes = models.PositiveIntegerField(default=30)
    buffer_minutes = models.PositiveIntegerField(default=0, help_text="Free time after each call.")
    days_ahead = models.PositiveIntegerField(
        default=14, help_text="How far ahead visitors may book."
    )
    min_notice_hours = models.PositiveIntegerField(
        default=2, help_text="No bookings sooner than this."
    )

    class Meta:
        verbose_name_plural = "availability"

    def __str__(self) -> str:
        return f"{self.slot_minutes}-minute calls, {self.days_ahead} days ahead ({self.timezone})"

    def clean(self) -> None:
        if self.slot_minutes < 5:
            raise ValidationError({"slot_minutes": "A call needs at least 5 minutes."})


class WeeklyWindow(models.Model):
    """A stretch of a weekday, in the availability's time zone, when calls can start."""

    WEEKDAYS = [
        (0, "Monday"),
        (1, "Tuesday"),
        (2, "Wednesday"),
        (3, "Thursday"),
        (4, "Friday"),
        (5, "Saturday"),
        (6, "Sunday"),
    ]
    availability = models.ForeignKey(Availability, on_delete=models.CASCADE, related_name="windows")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start >= self.end:
            raise ValidationError({"end": "The window must end after it starts."})


class BlockedDate(models.Model):
    """A day without calls (holiday, travel)."""

    availability = models.ForeignKey(Availability, on_delete=models.CASCADE, related_name="blocked")
    date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()


class Booking(models.Model):
    """A call. A new one is held briefly until the visitor confirms their address by e-mail;
    personal fields are emptied once a cancellation has been e-mailed, or by the retention purge."""

    class Status(models.TextChoices):
        # One status, said the same way on the pages, in the API and (as STATUS) in the invite.
        HELD = "held", "Waiting for e-mail confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired (not confirmed in time)"

    ACTIVE = (Status.HELD, Status.CONFIRMED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.HELD)
    hold_until = models.DateTimeField(
        null=True, blank=True, help_text="An unconfirmed booking frees its slot after this."
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="The invite's SEQUENCE: one more for every change after booking."
    )
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    company = models.CharField(max_length=120, blank=True)
    message = models.TextField(max_length=2000, blank=True)
    cancel_reason = models.TextField(
        max_length=500,
        blank=True,
        help_text="Why the visitor cancelled, if they said; sent to the consultant, then deleted "
        "with the visitor's other details.",
    )
    timezone = models.CharField(max_length=64, default="UTC")
    consent_at = models.DateTimeField(null=True, blank=True)
    # The visitor's clock (12 or 24 hours, from their browser's language): their e-mails use it.
    hour12 = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [
            # The database, not a check-then-insert, keeps a slot to one active booking.
            models.UniqueConstraint(
                fields=["start"],
                condition=Q(status__in=["held", "confirmed"]),
                name="one_active_booking_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} UTC {self.name or '(anonymised)'}"

    def forget_person(self) -> None:
        """Remove everything that identifies the visitor, also from the e-mail log; the slot and
        status stay for counts. Saves the booking."""
        self.name = self.email = self.company = self.message = self.cancel_reason = ""
        self.assessment = None
        self.save()
        self.notices.update(error="")


class Notice(models.Model):
    """One e-mail about a booking, sent by the task worker and retried on its own."""

    class Kind(models.TextChoices):
        CONFIRM_ADDRESS = "confirm_address", "Please confirm your e-mail"
        INVITE = "invite", "Invite"
        UPDATE = "update", "New time"
        CANCELLATION = "cancellation", "Cancellation"
        REMINDER = "reminder", "Reminder"

    class To(models.TextChoices):
        VISITOR = "visitor", "Visitor"
        CONSULTANT = "consultant", "Consultant"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"
        SKIPPED = "skipped", "Not sent: no longer true"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.CharField(max_length=12, choices=To.choices)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True, help_text="The last delivery error.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A reminder: when it is due, and the call time it reminds of (moved call, stale reminder).
    send_after = models.DateTimeField(null=True, blank=True)
    call_start = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to the {self.to}: {self.get_state_display().lower()}"


def linked_assessment(assessment_id: uuid.UUID) -> models.Model | None:
    """The assessment a booking may link to, or None.

    Found through the booking's own relation, so booking names no web module: the site's URL and
    app wiring is the one place that knows both."""
    assessments = Booking._meta.get_field("assessment").related_model
    return assessments._default_manager.filter(id=assessment_id).first()  # type: ignore[union-attr]


class BusyTime(models.Model):
    """A time the consultant's own calendar is taken (from BOOKING_BUSY_CALENDAR_URL): no slot
    overlapping it is offered. Replaced as a whole at each refresh of the feed."""

    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"busy {self.start:%Y-%m-%d %H:%M}-{self.end:%H:%M} UTC"


class BusyCalendarSync(models.Model):
    """The last refresh of the consultant's calendar feed: when, and whether it worked (a feed
    that fails keeps the busy times of the last good one)."""

    checked_at = models.DateTimeField()
    refreshed_at = models.DateTimeField(null=True, blank=True)
    busy_times = models.PositiveIntegerField(default=0)
    problem = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.problem or f"{self.busy_times} busy times, refreshed {self.refreshed_at}"
