"""Booking in the logs: call links and addresses never written, the worker names ids."""

from __future__ import annotations

import logging

import pytest

from stackwise.booking import services
from stackwise.booking.tokens import manage_token
from tests.helpers.logs import console_of
from tests.helpers.task_queue import run_queue


@pytest.mark.django_db
def test_a_call_link_in_a_log_line_is_written_as_a_mark(client, free_slot):
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    token = manage_token(booking.id)
    with console_of("") as written:
        logging.getLogger("django.request").warning("Not Found: %s", f"/book/call/{token}/cancel/")
        logging.getLogger("stackwise").warning("mail to ada@example.com refused")
    text = written.getvalue()
    assert token not in text and "/book/call/<token>/cancel/" in text
    assert "ada@example.com" not in text and "mail to <address> refused" in text


@pytest.mark.django_db(transaction=True)
def test_the_worker_names_a_failing_notice_by_ids_never_by_address(client, smtp, free_slot, caplog):
    smtp.refuse.add("ada@example.com")
    booking = services.book(free_slot.start, services.Visitor("Ada", "ada@example.com"))
    with caplog.at_level(logging.WARNING, logger="stackwise.booking.tasks"):
        run_queue()
    failures = [r.getMessage() for r in caplog.records if "attempt 1 failed" in r.getMessage()]
    assert failures and f"booking {booking.pk} notice" in failures[0]
    assert "451" in failures[0] and "ada@example.com" not in failures[0]
