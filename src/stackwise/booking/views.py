"""The visitor's pages: pick a slot, confirm, add to calendar, cancel."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from stackwise.booking.availability import open_slots
from stackwise.booking.forms import BookingForm, valid_zone, zone_choices
from stackwise.booking.ics import invite
from stackwise.booking.models import Booking, linked_assessment
from stackwise.booking.services import (
    AssessmentNotFound,
    SlotTaken,
    SlotUnavailable,
    Visitor,
    book,
    cancel,
)
from stackwise.booking.slots import group_by_day
from stackwise.booking.tokens import booking_id_from, cancel_token
from stackwise.sitewide.limits import over_limit


def _assessment(value: object) -> Any:
    try:
        return linked_assessment(uuid.UUID(str(value or "")))
    except ValueError:
        return None


def _page(
    request: HttpRequest, form: BookingForm, zone: str, status: int = 200, **extra: Any
) -> HttpResponse:
    assessment = _assessment(
        form.data.get("assessment") if form.is_bound else form.initial.get("assessment")
    )
    chosen = form.data.get("start") if form.is_bound else None
    context = {
        "form": form,
        "zone": zone,
        "zones": zone_choices(zone),
        "days": group_by_day(open_slots(), zone),
        "chosen": chosen,
        "assessment": assessment,
        "telegram": settings.CONTACT_TELEGRAM_URL,
        "contact_email": settings.CONTACT_EMAIL,
        **extra,
    }
    return render(request, "booking/book.html", context, status=status)


@require_http_methods(["GET", "POST"])
def book_call(request: HttpRequest) -> HttpResponse:
    """Show free slots in the visitor's time zone and take a booking."""
    if request.method == "GET":
        zone = valid_zone(request.GET.get("tz")) or "Europe/Berlin"
        assessment = _assessment(request.GET.get("assessment"))
        form = BookingForm(
            initial={"timezone": zone, "assessment": assessment.id if assessment else None}
        )
        return _page(request, form, zone, detected=bool(request.GET.get("tz")))
    form = BookingForm(request.POST)
    zone = valid_zone(request.POST.get("timezone")) or "Europe/Berlin"
    if not form.is_valid():
        return _page(request, form, zone, status=422)
    wait = over_limit(request, "bookings", settings.BOOKING_RATE_LIMIT)
    if wait is not None:
        form.add_error(None, f"Too many bookings from your address; try again in {wait} seconds.")
        return _page(request, form, zone, status=429)
    data = form.cleaned_data
    visitor = Visitor(
        name=data["name"],
        email=data["email"],
        company=data["company"],
        message=data["message"],
        timezone=zone,
        assessment_id=data.get("assessment"),
    )
    try:
        booking = book(data["start"], visitor)
    except SlotTaken:
        form.add_error(
            "start", "That slot was just taken. Please pick another; your details are kept."
        )
        return _page(request, form, zone, status=409)
    except SlotUnavailable as exc:
        form.add_error("start", f"Please pick another time: {exc}.")
        return _page(request, form, zone, status=422)
    except AssessmentNotFound:
        form.add_error(
            "assessment", "The assessment to attach no longer exists; please book without it."
        )
        return _page(request, form, zone, status=422)
    return redirect("booking:confirmed", token=cancel_token(booking.id))


def _booking(token: str) -> Booking:
    booking_id = booking_id_from(token)
    booking = Booking.objects.filter(id=booking_id).first() if booking_id else None
    if booking is None:
        raise Http404("no such booking")
    return booking


def confirmed(request: HttpRequest, token: str) -> HttpResponse:
    """The booking's confirmation, with the calendar invite and the cancel link."""
    booking = _booking(token)
    if booking.status == Booking.Status.CANCELLED:
        return redirect("booking:cancel", token=token)
    return render(request, "booking/confirmed.html", {"booking": booking, "token": token})


def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """The call as an ICS file for the visitor's calendar."""
    booking = _booking(token)
    response = HttpResponse(
        invite(booking, cancelled=booking.status == Booking.Status.CANCELLED),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = 'attachment; filename="discovery-call.ics"'
    return response


@require_http_methods(["GET", "POST"])
def cancel_call(request: HttpRequest, token: str) -> HttpResponse:
    """Cancel the call; the visitor's personal data goes with it."""
    booking = _booking(token)
    if request.method == "POST" and booking.status != Booking.Status.CANCELLED:
        cancel(booking)
    return render(request, "booking/cancel.html", {"booking": booking, "token": token})
