"""'E-mail me this report': the PDF reaches the address through a real SMTP server, with the next
steps in it; mistakes keep what was typed; nobody can use it to mail a stranger repeatedly; the
address is gone once the message is."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache

from stackwise.web.assessments.models import ReportMail
from tests.booking.mailbox import plain, subject
from tests.helpers.documents import pdf_text
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "founder@example.org"


@pytest.fixture(autouse=True)
def _site(settings):  # type: ignore[no-untyped-def]
    settings.CONSULTANT_NAME = "Dana Berger"
    settings.SITE_URL = "https://stackwise.example"


def _ask(client, assessment, address=ADDRESS, consent=True, **extra):  # type: ignore[no-untyped-def]
    data = {"address": address}
    if consent:
        data["consent"] = "on"
    return client.post(f"/assessments/{assessment.id}/email/", data, **extra)


def test_the_pdf_arrives_with_the_next_steps_and_the_address_is_then_forgotten(
    client, assessment, smtp
):
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    assert "E-mail me this report" in page
    response = _ask(client, assessment)
    assert response.status_code == 302
    assert response["Location"].endswith("?mailed=1#email-report")
    assert "We are sending the PDF" in client.get(response["Location"]).content.decode()

    run_queue()
    [message] = smtp.to(ADDRESS)
    pick = assessment.recommendation.ranking[0].name
    assert pick in subject(message)
    body = plain(message)
    assert f"https://stackwise.example/assessments/{assessment.id}/" in body
    assert "Dana Berger" in body
    [attachment] = [
        p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"
    ]
    text = pdf_text(attachment.get_content())
    assert "Next steps" in text
    assert "book a free discovery call" in text
    assert "https://stackwise.example/book/" in "".join(text.split())  # the URL may wrap
    assert "Dana Berger" in text
    assert text.rindex("Next steps") > text.rindex("Sources")  # the PDF ends with them
    mail = ReportMail.objects.get()
    assert mail.state == ReportMail.State.SENT and mail.address == ""


def test_a_mistake_keeps_what_was_typed_and_names_the_field(client, assessment, smtp):
    response = _ask(client, assessment, address="founder@", consent=False)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="founder@"' in page
    assert "Enter a valid email address" in page
    assert "Tick the box to let us send the e-mail." in page
    control = _ask(client, assessment, address='"a\x1b[2Jb"@example.org')
    assert control.status_code == 400
    assert "control or invisible characters" in control.content.decode()
    assert ReportMail.objects.count() == 0
    run_queue()
    assert smtp.messages == []


def test_one_address_gets_at_most_its_daily_share_whoever_asks(client, assessment, smtp, settings):
    settings.REPORT_MAILS_PER_ADDRESS = 2
    for n in range(2):
        assert _ask(client, assessment, REMOTE_ADDR=f"203.0.113.{n + 1}").status_code == 302
    refused = _ask(client, assessment, address=ADDRESS.upper(), REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "the most we send" in refused.content.decode()
    run_queue()
    assert len(smtp.to(ADDRESS)) == 2


def test_one_client_is_limited_however_many_addresses_it_gives(client, assessment, smtp, settings):
    settings.REPORT_MAIL_RATE_LIMIT = (2, 3600)
    cache.clear()  # counters of other tests' clients
    assert _ask(client, assessment, address="a@example.org").status_code == 302
    assert _ask(client, assessment, address="b@example.org").status_code == 302
    refused = _ask(client, assessment, address="c@example.org")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many report e-mails" in refused.content.decode()
    assert 'value="c@example.org"' in refused.content.decode()


def test_a_refusing_server_is_retried_then_given_up_without_the_address_in_the_log(
    client, assessment, smtp, settings, caplog
):
    settings.BOOKING_MAIL_ATTEMPTS = 2
    smtp.refuse.add(ADDRESS)
    _ask(client, assessment)
    with caplog.at_level(logging.WARNING):
        run_queue()
    mail = ReportMail.objects.get()
    assert mail.state == ReportMail.State.FAILED and mail.attempts == 2 and mail.address == ""
    assert "attempt 2 failed" in caplog.text
    assert ADDRESS not in caplog.text
