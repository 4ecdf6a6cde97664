"""`retry_booking_emails`: queue again the e-mails that gave up, once the mail server is fixed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stackwise.booking.models import Booking, Notice
from stackwise.booking.tasks import deliver_notice


class Command(BaseCommand):
    help = "Queue again the booking e-mails that failed every attempt (the worker sends them)."

    def handle(self, *args: Any, **options: Any) -> None:
        failed = Notice.objects.filter(
            state=Notice.State.FAILED,
            booking__status__in=[*Booking.ACTIVE, Booking.Status.CANCELLED],
        ).exclude(booking__email="")
        count = 0
        for notice in failed:
            notice.state, notice.attempts = Notice.State.QUEUED, 0
            notice.save(update_fields=["state", "attempts"])
            deliver_notice.enqueue(notice.pk)
            count += 1
        self.stdout.write(f"queued {count} e-mail(s) again")
