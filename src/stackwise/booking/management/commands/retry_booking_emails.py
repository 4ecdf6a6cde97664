"""`retry_booking_emails`: send the e-mails of bookings whose sending failed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stackwise.booking.emails import send_booking_emails
from stackwise.booking.models import Booking


class Command(BaseCommand):
    help = "Retry the booking e-mails that could not be sent."

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = Booking.objects.filter(
            mail_status__in=[Booking.Mail.FAILED, Booking.Mail.PENDING], status__in=Booking.ACTIVE
        ).exclude(email="")
        sent = failed = 0
        for booking in waiting:
            if send_booking_emails(booking):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"sent {sent}, still failing {failed}")
