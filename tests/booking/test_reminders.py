"""Reminders a day and an hour before the call, to the visitor, through a real SMTP server; a
moved call is reminded of its new time only, a cancelled one not at all."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from stackwise.booking import services
from stackwise.booking.availability import open_slots
from stackwise.booking.models import Booking, Notice
from tests.booking.mailbox import CONSULTANT, plain, subject
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)


def _confirmed_call(start: dt.datetime) -> Booking:
    visitor = services.Visitor("Ada Lovelace", "ada@example.com", timezone="Europe/London")
    return services.confirm(services.book(start, visitor))


def _reminders_come_due() -> int:
    """Let every queued task's time arrive, as it would in a day, and run the queue."""
    from django_tasks.backends.database.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    return run_queue()


def _later_slots() -> list:  # type: ignore[type-arg]
    soon = timezone.now() + dt.timedelta(days=2)
    return [s for s in open_slots() if s.start > soon]


def test_the_visitor_is_reminded_a_day_and_an_hour_before_and_not_before_their_time(smtp):
    call = _later_slots()[0]
    _confirmed_call(call.start)
    run_queue()
    assert [subject(m).split(":")[0] for m in smtp.to("ada@example.com")] == ["Confirmed"]

    reminders = Notice.objects.filter(kind=Notice.Kind.REMINDER).order_by("send_after")
    assert [r.call_start - r.send_after for r in reminders] == [
        dt.timedelta(days=1),
        dt.timedelta(hours=1),
    ]
    _reminders_come_due()
    sent = [m for m in smtp.to("ada@example.com") if subject(m).startswith("Reminder")]
    assert sorted(subject(m).split(",")[0] for m in sent) == [
        "Reminder: your discovery call with stackwise in 1 hour",
        "Reminder: your discovery call with stackwise tomorrow",
    ]
    assert "Reschedule or cancel: http" in plain(sent[0])
    assert not [m for m in smtp.to(CONSULTANT) if subject(m).startswith("Reminder")]


def test_a_call_booked_for_later_today_gets_no_reminder_of_tomorrow(smtp):
    from stackwise.booking.tasks import queue_reminders

    booking = _confirmed_call(_later_slots()[0].start)
    Notice.objects.filter(kind=Notice.Kind.REMINDER).delete()
    # Confirmed three hours before the call: only the hour's reminder still has its time ahead.
    [reminder] = queue_reminders(booking, booking.start - dt.timedelta(hours=3))
    assert reminder.call_start - reminder.send_after == dt.timedelta(hours=1)
    assert queue_reminders(booking, booking.start - dt.timedelta(minutes=30)) == []


def test_a_moved_call_is_reminded_of_its_new_time_and_a_cancelled_one_not_at_all(smtp):
    first, second = _later_slots()[0], _later_slots()[3]
    booking = _confirmed_call(first.start)
    services.reschedule(booking, second.start)
    _reminders_come_due()
    reminders = [m for m in smtp.to("ada@example.com") if subject(m).startswith("Reminder")]
    assert len(reminders) == 2
    new_time = second.start.astimezone(ZoneInfo("Europe/London"))
    assert all(f"{new_time:%-d %B %Y} at {new_time:%H:%M}" in plain(m) for m in reminders)
    skipped = Notice.objects.filter(kind=Notice.Kind.REMINDER, state=Notice.State.SKIPPED)
    assert skipped.count() == 2  # the old time's

    other = _confirmed_call(_later_slots()[5].start)
    services.cancel(other)
    assert not other.notices.filter(kind=Notice.Kind.REMINDER, state=Notice.State.QUEUED)
    run_queue()
    other.refresh_from_db()
    assert other.email == ""  # nothing left to send: the details go now, not in a day
