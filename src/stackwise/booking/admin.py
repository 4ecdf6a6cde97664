"""The consultant's side: availability, and bookings with confirm, cancel and CSV export."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from stackwise.booking.emails import send_status_change
from stackwise.booking.models import Availability, BlockedDate, Booking, WeeklyWindow
from stackwise.booking.services import cancel


class WeeklyWindowInline(admin.TabularInline):
    model = WeeklyWindow
    extra = 0


class BlockedDateInline(admin.TabularInline):
    model = BlockedDate
    extra = 0


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    inlines = [WeeklyWindowInline, BlockedDateInline]
    list_display = ("__str__", "timezone", "slot_minutes", "buffer_minutes", "days_ahead")


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("start", "status", "name", "email", "company", "mail_status", "assessment")
    list_filter = ("status", "mail_status")
    search_fields = ("name", "email", "company")
    readonly_fields = ("id", "created_at", "consent_at", "mail_attempts", "mail_error", "purged_at")
    actions = ["confirm_bookings", "cancel_bookings", "export_csv"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Booking]:
        """Upcoming calls first (soonest at the top), then past ones, latest first."""
        now = timezone.now()
        return (
            super()
            .get_queryset(request)
            .annotate(
                past=Case(
                    When(start__lt=now, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("past", "start")
        )

    @admin.action(description="Confirm the selected calls (the visitor is told)")
    def confirm_bookings(self, request: HttpRequest, queryset: QuerySet[Booking]) -> None:
        count = 0
        for booking in queryset.filter(status=Booking.Status.PENDING):
            booking.status = Booking.Status.CONFIRMED
            booking.save(update_fields=["status"])
            send_status_change(booking)
            count += 1
        self.message_user(request, f"Confirmed {count} call(s).", messages.SUCCESS)

    @admin.action(description="Cancel the selected calls (the visitor is told)")
    def cancel_bookings(self, request: HttpRequest, queryset: QuerySet[Booking]) -> None:
        count = 0
        for booking in queryset.exclude(status=Booking.Status.CANCELLED):
            booking.status = Booking.Status.CANCELLED
            send_status_change(booking)
            cancel(booking)
            count += 1
        self.message_user(request, f"Cancelled {count} call(s).", messages.SUCCESS)

    @admin.action(description="Export the selected bookings as CSV")
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Booking]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="bookings.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "start_utc",
                "end_utc",
                "status",
                "name",
                "email",
                "company",
                "message",
                "timezone",
                "assessment",
                "created_at",
            ]
        )
        for b in queryset:
            writer.writerow(
                [
                    b.start.isoformat(),
                    b.end.isoformat(),
                    b.status,
                    b.name,
                    b.email,
                    b.company,
                    b.message,
                    b.timezone,
                    b.assessment_id or "",
                    b.created_at.isoformat(),
                ]
            )
        return response

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
