"""Cross-cutting limits: request body size, and per-visitor rate limits in a store every
process and server shares (Redis with CACHE_URL, else the database's own rate-limit table)."""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from limits import RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from stackwise.sitewide.rate_storage import DatabaseStorage
from stackwise.sitewide.request_body import too_large_message

logger = logging.getLogger("stackwise.web")
# The request attribute where over_limit leaves its wait, for RetryAfterMiddleware to send.
WAIT_ATTRIBUTE = "stackwise_retry_after"
# For a 429 that did not come through over_limit: django-axes' admin login lockout, which lasts
# AXES_COOLOFF_TIME (one hour).
LOCKOUT_SECONDS = 3600


class BodySizeLimitMiddleware:
    """Refuse bodies over MAX_BODY_BYTES with 413 before anything reads them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            size = int(length)
        except ValueError:
            size = 0
        if size > settings.MAX_BODY_BYTES:
            message = too_large_message(size, settings.MAX_BODY_BYTES)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain")
        return self.get_response(request)


class RetryAfterMiddleware:
    """Every 429 tells the client when to come back, whichever view refused it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wait = getattr(request, WAIT_ATTRIBUTE, None)
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(wait if wait is not None else LOCKOUT_SECONDS)
        return response


def client_address(request: HttpRequest) -> str:
    """The visitor's address: behind TRUSTED_PROXY_HOPS proxies, the X-Forwarded-For entry that
    many places from the right (each proxy appends the address it saw; entries further left are
    whatever the client sent); with no proxy declared, the connection's own address."""
    hops: int = settings.TRUSTED_PROXY_HOPS
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if hops and forwarded:
        # Fewer entries than hops: the request skipped an outer proxy; the leftmost entry was
        # still written by a trusted one.
        chosen = forwarded[-min(hops, len(forwarded))]
        if _is_address(chosen):  # not, when more hops are declared than there are proxies
            return chosen
    remote = str(request.META.get("REMOTE_ADDR") or "")
    # django-axes stores the address in an address column; a request built in-process (the test
    # client's force_login) has none.
    return remote if _is_address(remote) else "0.0.0.0"


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_network(request: HttpRequest) -> str:
    """Whom a rate limit counts: an IPv4 client by its address, an IPv6 client by its network
    of RATE_LIMIT_IPV6_PREFIX bits (a subscriber is given a whole /64 and may use any address
    in it; one count per address let 32 assessments through from one /64)."""
    address = ipaddress.ip_address(client_address(request))
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is an IPv4 client
            return str(address.ipv4_mapped)
        prefix: int = settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
    return str(address)


def over_limit(request: HttpRequest, bucket: str, rate: tuple[int, int] | None) -> int | None:
    """Count one hit; return seconds to wait when the visitor is over its limit, else None.

    A moving window (limits' MovingWindowRateLimiter): at most `count` hits in any `period`
    seconds, so no client gets twice its limit across a clock-aligned window's end. A refused
    hit is not stored, so a client hammering its limit does not grow the store."""
    if rate is None:
        return None
    count, period = rate
    item = RateLimitItemPerSecond(count, period)
    limiter = _limiter()
    client = client_network(request)
    try:
        if limiter.hit(item, bucket, client):
            return None
        reset_at, _ = limiter.get_window_stats(item, bucket, client)
    except StorageError as exc:
        # The store cannot write (its database is read-only or down, Redis is away). Not the
        # visitor's fault; let the request meet the real error rather than call it a limit.
        logger.warning(
            "rate limit for %s not counted: %s", bucket, type(exc.storage_error).__name__
        )
        return None
    wait = max(1, math.ceil(reset_at - time.time()))
    setattr(request, WAIT_ATTRIBUTE, wait)
    return wait


def first_in(seconds: int, bucket: str, key: str) -> bool:
    """Whether this is the first call for `key` in `seconds` (in the rate limits' store, which
    nothing evicts): what "ask once" needs when asking twice costs work. A cache entry for it
    was culled under load, and 30 asks for one PDF queued its drawing ten times."""
    try:
        return _limiter().hit(RateLimitItemPerSecond(1, seconds), bucket, key)
    except StorageError as exc:
        # The store is away: say yes (the callers' work is idempotent, only repeated).
        logger.warning("%s not recorded: %s", bucket, type(exc.storage_error).__name__)
        return True


def _limiter() -> MovingWindowRateLimiter:
    """The limiter on the shared store: the Redis of CACHE_URL, else the database's table."""
    cache = settings.CACHES["default"]
    # One thread builds it: the first requests of a worker arrive together (each in its own
    # thread under ASGI), and limits' check of the redis package's version is not thread-safe
    # (concurrent first checks found "version 0.0.0" and refused).
    with _building:
        return _limiter_for(str(cache["BACKEND"]), str(cache.get("LOCATION", "")))


_building = threading.Lock()


@functools.cache
def _limiter_for(backend: str, location: str) -> MovingWindowRateLimiter:
    if backend.endswith("RedisCache"):
        # limits names a Redis socket redis+unix:// where redis-py (and CACHE_URL) say unix://
        url = "redis+" + location if location.startswith("unix://") else location
        return MovingWindowRateLimiter(storage_from_string(url, wrap_exceptions=True))
    return MovingWindowRateLimiter(DatabaseStorage(wrap_exceptions=True))
