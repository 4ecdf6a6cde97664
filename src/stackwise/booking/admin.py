"""The consultant's side: availability, and bookings with their e-mails, cancel and CSV export."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from stackwise.booking.availability import current_rules
from stackwise.booking.export import write_bookings
from stackwise.booking.models import Availability, BlockedDate, Booking, Notice, WeeklyWindow
from stackwise.booking.services import cancel


class WeeklyWindowInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs
    model = WeeklyWindow
    extra = 0


class BlockedDateInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs
    model = BlockedDate
    extra = 0


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    inlines = [WeeklyWindowInline, BlockedDateInline]
    list_display = ("__str__", "timezone", "slot_minutes", "buffer_minutes", "days_ahead")


class NoticeInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs
    model = Notice
    extra = 0
    can_delete = False
    fields = ("kind", "to", "state", "attempts", "error", "created_at", "sent_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _with_zone(value: Any, zone: str) -> str:
    if value is None:
        return "-"
    local = value.astimezone(ZoneInfo(zone))
    return f"{local:%a %d %b %Y, %H:%M} {zone}"


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("when", "visitor_time", "status", "name", "email", "company", "mail")
    list_filter = ("status",)
    search_fields = ("name", "email", "company")
    inlines = [NoticeInline]
    fields = (
        "when",
        "visitor_time",
        "status",
        "hold_until_local",
        "name",
        "email",
        "company",
        "message",
        "cancel_reason",
        "timezone",
        "assessment",
        "sequence",
        "consent_at",
        "confirmed_at",
        "created_at",
        "purged_at",
        "id",
    )
    readonly_fields = (
        "when",
        "visitor_time",
        "status",
        "hold_until_local",
        "sequence",
        "id",
        "created_at",
        "consent_at",
        "confirmed_at",
        "purged_at",
        "cancel_reason",
    )
    actions = ["cancel_bookings", "export_csv"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Booking]:
        """Upcoming calls first (soonest at the top), then past ones."""
        now = timezone.now()
        bookings: QuerySet[Booking] = super().get_queryset(request)
        return (
            bookings.prefetch_related("notices")
            .annotate(
                past=Case(
                    When(start__lt=now, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("past", "start")
        )

    @admin.display(description="Call (your time)", ordering="start")
    def when(self, booking: Booking) -> str:
        return _with_zone(booking.start, current_rules().timezone)

    @admin.display(description="Visitor's time")
    def visitor_time(self, booking: Booking) -> str:
        return _with_zone(booking.start, booking.timezone)

    @admin.display(description="Hold until (your time)")
    def hold_until_local(self, booking: Booking) -> str:
        return _with_zone(booking.hold_until, current_rules().timezone)

    @admin.display(description="E-mails")
    def mail(self, booking: Booking) -> str:
        notices = list(booking.notices.all())
        if not notices:
            return "none"
        counts = {state.label: sum(n.state == state for n in notices) for state in Notice.State}
        return ", ".join(f"{n} {label.lower()}" for label, n in counts.items() if n)

    @admin.action(description="Cancel the selected calls (both sides are told)")
    def cancel_bookings(self, request: HttpRequest, queryset: QuerySet[Booking]) -> None:
        count = 0
        # A call that has taken place is history: cancelling it would e-mail both sides.
        for booking in queryset.filter(status__in=Booking.ACTIVE, end__gt=timezone.now()):
            cancel(booking)
            count += 1
        self.message_user(
            request,
            f"Cancelled {count} upcoming call(s); past calls are left as they were.",
            messages.SUCCESS,
        )

    @admin.action(description="Export the selected bookings as CSV")
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Booking]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="bookings.csv"'
        write_bookings(response, queryset)
        return response

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
