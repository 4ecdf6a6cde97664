"""The upstream stub answers after its delay, and fails or stalls when told to."""

from __future__ import annotations

import time

import httpx

from stackwise.lab.upstream import UpstreamStub


def test_it_answers_json_after_the_delay_and_can_fail_or_stall():
    with UpstreamStub(delay_ms=100) as stub:
        started = time.perf_counter()
        response = httpx.get(stub.url)
        assert response.json()["answer"] == "42"
        assert time.perf_counter() - started >= 0.09
        assert httpx.get(stub.url + "fail").status_code == 500
        stub.set_mode("fail")
        assert httpx.get(stub.url).status_code == 500
        stub.set_mode("slow")
        try:
            httpx.get(stub.url, timeout=1)
            raise AssertionError("a slow upstream must not answer within a second")
        except httpx.TimeoutException:
            pass
        assert stub.requests >= 4
