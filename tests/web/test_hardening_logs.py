"""What the logs give away: no working call link, no e-mail address, and no traceback flood
from forged Host headers."""

from __future__ import annotations

import logging

import httpx

from stackwise.sitewide.logs import OneLinePerInterval
from tests.helpers.logs import console_of
from tests.helpers.served import served_site


def test_forged_host_headers_cost_one_warning_line_each_at_most_five_a_minute(client):
    logger = logging.getLogger("django.security.DisallowedHost")
    configured = next(f for f in logger.filters if isinstance(f, OneLinePerInterval))
    assert (configured.seconds, configured.burst) == (60, 5)
    # A fresh copy of the configured filter: another test's forged hosts may have used the
    # current minute's lines already.
    fresh = OneLinePerInterval(configured.seconds, configured.burst)
    logger.removeFilter(configured)
    logger.addFilter(fresh)
    try:
        with console_of("django.security.DisallowedHost") as written:
            answers = [client.get("/", HTTP_HOST=f"evil{i}.example").status_code for i in range(20)]
    finally:
        logger.removeFilter(fresh)
        logger.addFilter(configured)
    assert answers == [400] * 20
    lines = written.getvalue().splitlines()
    assert 1 <= len(lines) <= 5, lines
    assert all(line.startswith("WARNING Invalid HTTP_HOST header") for line in lines)
    assert "Traceback" not in written.getvalue()


def test_the_servers_access_log_carries_no_working_call_link(tmp_path):
    secret = "IjEyMyI:1a2b3c4d5e6f"  # the shape of a signed token; forged, so the site says 404
    with served_site(tmp_path, workers=1) as base:
        for path in (f"/book/call/{secret}/cancel/", f"/book/confirm/{secret}/", "/healthz"):
            httpx.get(base + path)
    access = (tmp_path / "access.log").read_text()
    assert "/book/call/<token>/cancel/" in access and "/book/confirm/<token>/" in access
    assert secret not in access and "/healthz" in access
