"""`purge_bookings --older-than DAYS`: remove personal data of past calls, keep anonymous counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from stackwise.booking.holds import expire_holds
from stackwise.booking.models import Booking


class Command(BaseCommand):
    help = "Remove the personal data of bookings whose call ended more than DAYS ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["older_than"]
        if days < 0:
            raise CommandError("--older-than must be 0 or more days")
        cutoff = timezone.now() - dt.timedelta(days=days)
        expire_holds(timezone.now())
        purged = 0
        for booking in Booking.objects.filter(end__lt=cutoff, purged_at__isnull=True):
            booking.purged_at = timezone.now()
            booking.forget_person()
            purged += 1
        kept = Booking.objects.count()
        self.stdout.write(
            f"purged personal data of {purged} booking(s); {kept} anonymous booking(s) kept for counts"
        )
