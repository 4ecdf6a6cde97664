"""Rate limits the store cannot forget, over a moving window, per IPv6 /64."""

from __future__ import annotations

import json
import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from stackwise.sitewide.limits import client_network, over_limit
from tests.helpers.samples import SAAS

pytestmark = pytest.mark.django_db


def post(client, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/assessments", json.dumps(SAAS), content_type="application/json", **extra
    )


def from_address(address: str):  # type: ignore[no-untyped-def]
    return RequestFactory().post("/api/assessments", REMOTE_ADDR=address)


def test_clients_at_their_limit_cannot_evict_another_clients_count(client, settings):
    settings.ASSESSMENT_RATE_LIMIT = (30, 3600)
    limited = "203.0.113.1"
    for _ in range(30):
        assert over_limit(from_address(limited), "assessments", (30, 3600)) is None
    # Twelve other clients spend their whole limit and keep sending refused requests: with the
    # counters in Django's database cache (300 entries, a third culled when full) this evicted
    # the first client's count.
    for n in range(12):
        for _ in range(31):
            over_limit(from_address(f"198.51.100.{n}"), "assessments", (30, 3600))
    for n in range(400):  # and whatever else the site caches meanwhile
        cache.set(f"~filler-{n}", n)
    assert post(client, REMOTE_ADDR=limited).status_code == 429


def test_the_window_moves_so_a_clocks_minute_end_gives_no_second_allowance(
    client, settings, monkeypatch
):
    settings.ASSESSMENT_RATE_LIMIT = (2, 60)
    minute_end = (time.time() // 60 + 1) * 60
    now = [minute_end - 0.5]
    monkeypatch.setattr(time, "time", lambda: now[0])
    assert [post(client).status_code for _ in range(2)] == [201, 201]
    now[0] = minute_end + 0.5  # a new clock minute, but not a minute since those two
    refused = post(client)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    now[0] = minute_end + 60  # a minute after both: room again
    assert post(client).status_code == 201


@pytest.mark.parametrize(
    ("address", "prefix", "network"),
    [
        ("203.0.113.9", 64, "203.0.113.9"),
        ("2001:db8:1:2::1", 64, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:1:2:3", 64, "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", 48, "2001:db8:1::/48"),
        ("::ffff:203.0.113.9", 64, "203.0.113.9"),  # an IPv4 client on a dual-stack socket
    ],
)
def test_ipv6_clients_are_counted_per_network_and_ipv4_per_address(
    settings, address, prefix, network
):
    settings.RATE_LIMIT_IPV6_PREFIX = prefix
    assert client_network(from_address(address)) == network


def test_addresses_of_one_ipv6_slash_64_share_one_limit(client, settings):
    settings.ASSESSMENT_RATE_LIMIT = (5, 3600)
    codes = [post(client, REMOTE_ADDR=f"2001:db8:1:2::{n:x}").status_code for n in range(1, 8)]
    assert codes == [201] * 5 + [429] * 2
    assert post(client, REMOTE_ADDR="2001:db8:1:3::1").status_code == 201  # the next /64


def test_bookings_from_one_ipv6_slash_64_meet_the_booking_limit(client, settings):
    from stackwise.booking.availability import open_slots

    settings.BOOKING_RATE_LIMIT = (5, 3600)
    codes = []
    for n, slot in enumerate(open_slots()[:7], start=1):
        body = {
            "start": slot.start.isoformat(),
            "name": f"Visitor {n}",
            "email": f"v{n}@example.com",
            "consent": True,
        }
        codes.append(
            client.post(
                "/api/bookings",
                json.dumps(body),
                content_type="application/json",
                REMOTE_ADDR=f"2001:db8:7:7::{n:x}",
            ).status_code
        )
    assert codes == [201] * 5 + [429] * 2


def test_a_pdf_asked_for_thirty_times_is_queued_once_whatever_the_cache_forgets(client, assessment):
    from django_tasks.backends.database.models import DBTaskResult

    report = f"/assessments/{assessment.id}/report.pdf"
    codes = []
    for n in range(30):
        codes.append(client.get(report).status_code)
        for m in range(40):  # the site caches other things meanwhile (a third culled when full)
            cache.set(f"~filler-{n}-{m}", m)
    assert codes == [202] * 30
    assert DBTaskResult.objects.filter(task_path__endswith="draw_pdf").count() == 1
