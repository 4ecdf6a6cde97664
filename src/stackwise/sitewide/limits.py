"""Cross-cutting limits: request body size and per-visitor rate limits in the shared cache."""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

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


def over_limit(request: HttpRequest, bucket: str, rate: tuple[int, int] | None) -> int | None:
    """Count one hit; return seconds to wait when the visitor is over its limit, else None.

    Each hit claims a numbered token with the cache's atomic `add`, so racing processes and
    servers sharing the cache never both get the last token (an increment would be a read and a
    write in the database cache, and racers would lose counts). The highest token known to be
    taken is kept as a hint so a hit usually costs one read and one add."""
    if rate is None:
        return None
    count, period = rate
    now = time.time()
    window = int(now // period)
    wait = period - int(now) % period
    key = f"ratelimit:{bucket}:{client_address(request)}:{window}"
    taken = int(cache.get(f"{key}:taken") or 0)
    for token in range(taken + 1, count + 1):
        if cache.add(f"{key}:{token}", 1, timeout=period + 5):
            cache.set(f"{key}:taken", token, timeout=period + 5)
            return None
    if taken < count and cache.get(f"{key}:{count}") is None:
        # The last add failed although nobody holds that token: the cache cannot write (its
        # database is read-only or down). Not the visitor's fault; let the request meet the
        # real error rather than call it a rate limit.
        logger.warning("rate limit for %s not counted: the cache refused a write", bucket)
        return None
    setattr(request, WAIT_ATTRIBUTE, wait)
    return wait
