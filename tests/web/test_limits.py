"""Rate limits count the visitor behind the proxy, hold under races, and say when to come back."""

from __future__ import annotations

import json
import threading

import pytest
from django.test import RequestFactory

from stackwise.sitewide.limits import client_address
from tests.helpers.samples import SAAS

pytestmark = pytest.mark.django_db


FORM = {"product": "saas", "ai_later": "no", "team_size": "2", "deployment": "containers"}
FORM |= {"region": "western_europe"}


def post(client, body=SAAS, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/assessments", json.dumps(body), content_type="application/json", **extra
    )


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy declared: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote 6.6.6.6 itself
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.2", "203.0.113.9"),  # CDN, then nginx
        (2, "203.0.113.9", "203.0.113.9"),  # came in past the CDN: nginx's entry still counts
        (1, "", "10.0.0.1"),
        (3, "not-an-address", "10.0.0.1"),  # more hops declared than proxies: the client's words
    ],
)
def test_the_client_address_is_read_that_many_hops_from_the_right(
    settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_behind_a_proxy_each_visitor_gets_its_own_limit(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.ASSESSMENT_RATE_LIMIT = (1, 3600)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 201
    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code == 201
    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 429


def test_a_forged_forwarded_header_does_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.ASSESSMENT_RATE_LIMIT = (2, 3600)
    codes = [
        post(client, HTTP_X_FORWARDED_FOR=f"10.1.1.{n}, 203.0.113.7").status_code for n in range(4)
    ]
    assert codes == [201, 201, 429, 429]


def test_an_api_429_says_when_to_retry_as_json(client, settings):
    settings.ASSESSMENT_RATE_LIMIT = (1, 3600)
    post(client)
    refused = post(client)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert refused["Content-Type"].startswith("application/json")
    assert "retry in" in refused.json()["detail"]


def test_a_page_429_says_when_to_retry(client, settings):
    settings.ASSESSMENT_RATE_LIMIT = (1, 3600)  # an hour's window: see test_api's limit test
    assert client.post("/assess/", FORM).status_code == 302
    refused = client.post("/assess/", FORM)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600


@pytest.mark.slow
def test_racing_requests_to_three_workers_get_exactly_the_limit(tmp_path):
    """Twelve visitors' requests from one address reach three gunicorn workers at once; the
    limit of five holds (a read-then-write counter let racers through)."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from tests.helpers.served import served_site

    with served_site(tmp_path, workers=3, env={"ASSESSMENT_RATE_LIMIT": "5/hour"}) as base:
        start = threading.Barrier(12)

        def create(_: int) -> int:
            start.wait()
            return httpx.post(f"{base}/api/assessments", json=SAAS, timeout=60).status_code

        with ThreadPoolExecutor(12) as pool:
            codes = list(pool.map(create, range(12)))
    assert sorted(codes) == [201] * 5 + [429] * 7
