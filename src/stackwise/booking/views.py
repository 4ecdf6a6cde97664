"""The visitor's pages: pick a day and a time, confirm by e-mail, then reschedule or cancel."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from stackwise.booking import conf, ics
from stackwise.booking.availability import current_rules, open_slots
from stackwise.booking.calendar_links import calendar_links
from stackwise.booking.forms import BookingForm, CancelForm, SlotForm
from stackwise.booking.holds import details_kept_until, kept_for
from stackwise.booking.models import Booking, linked_assessment
from stackwise.booking.picker import clock, months, times_by_day, twelve_hour
from stackwise.booking.services import (
    AddressAtCap,
    AssessmentNotFound,
    CallPassed,
    DetailsGone,
    HoldExpired,
    RateLimited,
    SlotTaken,
    SlotUnavailable,
    Visitor,
    book,
    book_again,
    cancel,
    confirm,
    has_passed,
    reschedule,
)
from stackwise.booking.slots import find_slot
from stackwise.booking.tokens import booking_id_from, confirmed_booking_id, manage_token
from stackwise.booking.zones import current_name, zone_option, zone_options, zone_problem
from stackwise.sitewide.limits import over_limit

DEFAULT_ZONE = "Europe/Berlin"
# Buttons that only change what the picker shows: the form comes back with what was typed.
SHOW_DAY, SHOW_ZONE = "day", "show"
# How the error summary names a field whose label is long or hidden.
SUMMARY_NAMES = {"start": "Time", "consent": "Consent", "message": "Message"}


def _assessment(value: object) -> Any:
    try:
        return linked_assessment(uuid.UUID(str(value or "")))
    except ValueError:
        return None


def _host() -> dict[str, str]:
    name = conf.text("CONSULTANT_NAME")
    words = [w for w in name.split() if w[:1].isalpha()]
    initials = (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper() if words else "?"
    return {
        "name": name,
        "initials": initials,
        "photo": conf.text("CONSULTANT_PHOTO_URL"),
        "meeting_url": conf.text("MEETING_URL"),
    }


def _zone(raw: str | None) -> tuple[str, str | None]:
    """The zone to show times in, and the error for a name that is not a zone."""
    if not raw:
        return DEFAULT_ZONE, None
    zone = current_name(raw)
    return (zone, None) if zone else (DEFAULT_ZONE, zone_problem(raw))


def _picker(request: HttpRequest, zone: str, chosen: str | None, day: str | None) -> dict[str, Any]:
    rules = current_rules()
    hour12 = twelve_hour(request.headers.get("Accept-Language", ""))
    times = times_by_day(open_slots(), zone, hour12)
    chosen_day = next(
        (d for d, ts in times.items() for t in ts if t.value == chosen), None
    ) or next((d for d in times if d.isoformat() == day), None)
    if chosen_day is None and times:
        chosen_day = next(iter(times))
    now = timezone.now()
    today = now.astimezone(dt.UTC).date()
    return {
        "zone": zone,
        "zone_now": zone_option(zone, now, lambda t: clock(t, hour12)),
        "zones": zone_options(now, lambda t: clock(t, hour12), zone),
        "months": months(times, today),
        "times": times,
        "chosen": chosen,
        "chosen_day": chosen_day,
        "hour12": hour12,
        "minutes": rules.slot_minutes,
        "host": _host(),
    }


def _day_of(start: dt.datetime, zone: str) -> str:
    """The day a time falls on in the visitor's zone, as the picker names days: a refused time
    leaves the picker on that day rather than on the first one."""
    return start.astimezone(ZoneInfo(zone)).date().isoformat()


def _summary(form: forms.Form) -> list[tuple[str, str]]:
    """Every error as (anchor, text) for the summary at the top of the page."""
    items = [("", str(e)) for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form[name]
        anchor = {"start": "slot-picker", "timezone": "tz"}.get(name, field.id_for_label)
        label = SUMMARY_NAMES.get(name, field.label)
        items += [(anchor, f"{label}: {e}") for e in errors]
    return items


def _page(
    request: HttpRequest,
    form: BookingForm,
    zone: str,
    status: int = 200,
    day: str | None = None,
    zone_error: str | None = None,
    again: dict[str, Any] | None = None,
) -> HttpResponse:
    data = form.data if form.is_bound else form.initial
    assessment = _assessment(data.get("assessment"))
    errors = _summary(form) if form.is_bound else []
    if zone_error:
        errors.insert(0, ("tz", f"Time zone: {zone_error}"))
    context = {
        "form": form,
        "errors": errors,
        "assessment": assessment,
        "telegram": settings.CONTACT_TELEGRAM_URL,
        "contact_email": settings.CONTACT_EMAIL,
        "again": again,
        **_picker(request, zone, data.get("start"), day),
    }
    return render(request, "booking/book.html", context, status=status)


# Every booking page shows or echoes a visitor's name and e-mail: never_cache sends
# `Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private`, so neither a shared
# proxy nor the browser's back-forward cache keeps a copy.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def book_call(request: HttpRequest) -> HttpResponse:
    """Show free days and times in the visitor's zone and take a booking."""
    rules = current_rules()
    if request.method != "POST":
        zone, zone_error = _zone(request.GET.get("tz"))
        assessment = _assessment(request.GET.get("assessment"))
        form = BookingForm(
            initial={"timezone": zone, "assessment": assessment.id if assessment else None},
            days_ahead=rules.days_ahead,
        )
        status = 422 if zone_error else 200
        return _page(request, form, zone, status, request.GET.get("day"), zone_error)
    zone, zone_error = _zone(request.POST.get("timezone"))
    if SHOW_DAY in request.POST or SHOW_ZONE in request.POST:
        # Only the picker changes; what was typed comes back as it was, without errors.
        kept = {k: v for k, v in request.POST.items() if k in BookingForm.base_fields}
        kept["timezone"] = zone
        form = BookingForm(initial=kept, days_ahead=rules.days_ahead)
        return _page(
            request, form, zone, 422 if zone_error else 200, request.POST.get(SHOW_DAY), zone_error
        )
    form = BookingForm(request.POST, days_ahead=rules.days_ahead)
    if not form.is_valid():
        return _page(request, form, zone, status=422)
    data = form.cleaned_data
    # The day of the chosen time, where the picker stays should the time be refused.
    chosen_day = _day_of(data["start"], zone)
    visitor = Visitor(
        name=data["name"],
        email=data["email"],
        company=data["company"],
        message=data["message"],
        timezone=data["timezone"],
        assessment_id=data.get("assessment"),
        hour12=twelve_hour(request.headers.get("Accept-Language", "")),
    )
    try:
        booking = book(
            data["start"],
            visitor,
            admit=lambda: over_limit(request, "bookings", settings.BOOKING_RATE_LIMIT),
        )
    except SlotTaken:
        form.add_error(
            "start", "That time was just taken. Please pick another; your details are kept."
        )
        return _page(request, form, zone, status=409, day=chosen_day)
    except RateLimited as exc:
        form.add_error(
            None, f"Too many bookings from your address; try again in {exc.wait} seconds."
        )
        return _page(request, form, zone, status=429)
    except AddressAtCap as exc:
        form.add_error("email", f"This e-mail address {exc}.")
        return _page(request, form, zone, status=422)
    except SlotUnavailable as exc:
        form.add_error("start", f"Please pick another time: {exc}.")
        return _page(request, form, zone, status=422, day=chosen_day)
    except AssessmentNotFound:
        form.add_error(
            "assessment", "The assessment to attach no longer exists; please book without it."
        )
        return _page(request, form, zone, status=422)
    return redirect("booking:manage", token=manage_token(booking.id))


def _booking(booking_id: uuid.UUID | None) -> Booking:
    booking = Booking.objects.filter(id=booking_id).first() if booking_id else None
    if booking is None:
        raise Http404("no such booking")
    return booking


def _call_page(
    request: HttpRequest, template: str, booking: Booking, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {
        "booking": booking,
        "token": manage_token(booking.id),
        "host": _host(),
        "minutes": int((booking.end - booking.start).total_seconds() // 60),
        "hour12": twelve_hour(request.headers.get("Accept-Language", "")),
        "passed": has_passed(booking),
        "calendar_links": calendar_links(booking),
        "keep_hours": kept_for() // dt.timedelta(hours=1),
        "kept_until": details_kept_until(booking),
        **extra,
    }
    return render(request, template, context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The call's own page: what it waits for, or its details with calendar, move and cancel."""
    return _call_page(request, "booking/manage.html", _booking(booking_id_from(token)))


# The confirm link's button that books a lapsed hold's time again, and its query asking for
# the booking page with the hold's details filled in.
AGAIN, OTHER_TIME = "again", "other"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: a button (mail scanners open links; only a person clicks).

    After the hold lapsed the link still knows the visitor's choice and details for
    BOOKING_EXPIRED_KEEP_HOURS: the same time again in one click while it is free, else the
    booking page on that day with the details filled in."""
    booking = _booking(confirmed_booking_id(token))
    if request.method == "POST" and AGAIN in request.POST:
        try:
            booking = book_again(booking)
        except (SlotTaken, SlotUnavailable, DetailsGone):
            booking.refresh_from_db()
            return _lapsed_hold(
                request, booking, status=409
            )  # says what happened, offers what is left
        except AddressAtCap as exc:
            return _call_page(
                request,
                "booking/confirm.html",
                booking,
                422,
                expired=True,
                kept=True,
                problem=str(exc),
            )
        return redirect("booking:manage", token=manage_token(booking.id))
    if request.method == "POST":
        try:
            booking = confirm(booking)
        except HoldExpired:
            return _lapsed_hold(request, booking, status=410)
        return redirect("booking:manage", token=manage_token(booking.id))
    if booking.status == Booking.Status.CONFIRMED:
        return redirect("booking:manage", token=manage_token(booking.id))
    if booking.status == Booking.Status.HELD and not _lapsed(booking):
        return _call_page(request, "booking/confirm.html", booking)
    return _lapsed_hold(request, booking, other=OTHER_TIME in request.GET)


def _lapsed(booking: Booking) -> bool:
    return booking.hold_until is not None and booking.hold_until < timezone.now()


def _lapsed_hold(
    request: HttpRequest, booking: Booking, status: int = 200, other: bool = False
) -> HttpResponse:
    """What the confirm link shows once its hold ran out (or the request was cancelled)."""
    until = details_kept_until(booking)
    kept = (
        booking.status in (Booking.Status.HELD, Booking.Status.EXPIRED)
        and bool(booking.email)
        and until is not None
        and until > timezone.now()
    )
    free = kept and bool(open_slots(booking.start, booking.start))
    if kept and (other or not free):
        if other and free:
            reason = "other"  # the visitor asked for another time
        elif find_slot(current_rules(), timezone.now(), booking.start) is None:
            reason = "gone"  # passed, too soon now, or the consultant is busy then
        else:
            reason = "taken"
        return _pick_again(request, booking, reason, status)
    return _call_page(
        request,
        "booking/confirm.html",
        booking,
        status,
        expired=True,
        kept=kept,
        same_day=_day_of(booking.start, booking.timezone),
    )


def _pick_again(request: HttpRequest, booking: Booking, reason: str, status: int) -> HttpResponse:
    """The booking page on the lapsed hold's day, with its details and assessment filled in
    (never in the address: only this page, reached from the e-mailed link, shows them)."""
    form = BookingForm(
        initial={
            "name": booking.name,
            "email": booking.email,
            "company": booking.company,
            "message": booking.message,
            "timezone": booking.timezone,
            "assessment": booking.assessment_id,
        },
        days_ahead=current_rules().days_ahead,
    )
    again = {
        "booking": booking,
        "reason": reason,
        "kept_until": details_kept_until(booking),
        "hour12": twelve_hour(request.headers.get("Accept-Language", "")),
    }
    day = _day_of(booking.start, booking.timezone)
    return _page(request, form, booking.timezone, status, day=day, again=again)


@never_cache
@require_http_methods(["GET", "HEAD"])
def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmed call as an ICS file for the visitor's calendar."""
    booking = _booking(booking_id_from(token))
    if booking.status != Booking.Status.CONFIRMED:
        raise Http404("only a confirmed call has a calendar file")
    response = HttpResponse(ics.request(booking), content_type="text/calendar; method=REQUEST")
    response["Content-Disposition"] = 'attachment; filename="discovery-call.ics"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reschedule_call(request: HttpRequest, token: str) -> HttpResponse:
    """Pick another day and time; both sides get the updated invite."""
    booking = _booking(booking_id_from(token))
    if booking.status != Booking.Status.CONFIRMED or has_passed(booking):
        return redirect("booking:manage", token=token)
    source = request.POST if request.method == "POST" else request.GET
    zone, zone_error = _zone(source.get("timezone") or source.get("tz") or booking.timezone)
    form = SlotForm(
        source if request.method == "POST" and "move" in source else None,
        initial={"timezone": zone},
        days_ahead=current_rules().days_ahead,
    )
    status = 422 if zone_error or (form.is_bound and not form.is_valid()) else 200
    day = source.get(SHOW_DAY)
    if form.is_bound and form.is_valid():
        day = _day_of(form.cleaned_data["start"], zone)  # the picker stays there if refused
        try:
            reschedule(booking, form.cleaned_data["start"])
        except CallPassed:  # it ended while the form was open
            return redirect("booking:manage", token=token)
        except SlotTaken:
            form.add_error("start", "That time was just taken. Please pick another.")
            status = 409
        except SlotUnavailable as exc:
            form.add_error("start", f"Please pick another time: {exc}.")
            status = 422
        else:
            return redirect("booking:manage", token=token)
    errors = _summary(form) if form.is_bound else []
    if zone_error:
        errors.insert(0, ("tz", f"Time zone: {zone_error}"))
    picker = _picker(request, zone, source.get("start"), day)
    return _call_page(
        request,
        "booking/reschedule.html",
        booking,
        status=status,
        form=form,
        errors=errors,
        **picker,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_call(request: HttpRequest, token: str) -> HttpResponse:
    """Cancel the call: both sides are told, then the visitor's personal data is deleted."""
    booking = _booking(booking_id_from(token))
    if has_passed(booking) and booking.status in Booking.ACTIVE:
        # The link only shows the call now; 410 tells a script that the action is gone.
        return _call_page(
            request, "booking/manage.html", booking, status=410 if request.method == "POST" else 200
        )
    form = CancelForm(request.POST if request.method == "POST" else None)
    if form.is_bound and not form.is_valid():
        return _call_page(
            request, "booking/cancel.html", booking, status=422, form=form, errors=_summary(form)
        )
    if form.is_bound:
        booking = cancel(booking, form.cleaned_data["reason"])
    return _call_page(request, "booking/cancel.html", booking, form=form)
