"""Cross-cutting limits: request body size and per-address rate limits."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse


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
            message = f"request body is {size} bytes; the limit is {settings.MAX_BODY_BYTES}"
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain")
        return self.get_response(request)


def client_address(request: HttpRequest) -> str:
    """The client's address (the proxy's, unless a trusted proxy is configured)."""
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def over_limit(request: HttpRequest, bucket: str, rate: tuple[int, int] | None) -> int | None:
    """Count one hit; return seconds to wait when the address is over its limit, else None."""
    if rate is None:
        return None
    count, period = rate
    window = int(time.time() // period)
    key = f"ratelimit:{bucket}:{client_address(request)}:{window}"
    added = cache.add(key, 1, timeout=period + 5)
    hits = 1 if added else cache.incr(key)
    if hits > count:
        return period - int(time.time()) % period
    return None
