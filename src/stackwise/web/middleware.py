"""Site-wide request rules: HEAD wherever GET is, and JSON (only JSON) on the API."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse

API_PREFIX = "/api/"
logger = logging.getLogger("stackwise.web")


class HeadAsGetMiddleware:
    """Answer HEAD as the same GET without its body (RFC 9110): views and the API router only
    declare GET, and uptime checkers and link previewers send HEAD."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if isinstance(response, StreamingHttpResponse):
            response.close()
            response.streaming_content = []
        elif not response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        else:
            response.content = b""
        return response


class JsonApiMiddleware:
    """Under /api/, every answer is JSON and only JSON bodies are read: a form or text/plain
    post (which a browser sends cross-site without a preflight) is refused with 415, and
    Django's HTML 404, 405 and 500 pages become `{"detail": ...}`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method in {"POST", "PUT", "PATCH"}:
            media_type = (request.content_type or "").lower()
            if media_type != "application/json":
                return JsonResponse(
                    {"detail": f"send the body as application/json, not {media_type or 'nothing'}"},
                    status=415,
                )
        response = self.get_response(request)
        if response.status_code in {404, 405} and not _is_json(response):
            detail = "no such API path" if response.status_code == 404 else ""
            if response.status_code == 405:
                allowed = response.get("Allow", "")
                detail = f"{request.method} is not allowed here; use {allowed}"
            json_response = JsonResponse({"detail": detail}, status=response.status_code)
            if response.has_header("Allow"):
                json_response["Allow"] = response["Allow"]
            return json_response
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """An unexpected error on the API: logged with its traceback, answered as JSON."""
        expected = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)
        if not request.path.startswith(API_PREFIX) or isinstance(exception, expected):
            return None  # Django answers these itself; __call__ turns a 404 into JSON
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exception)
        return JsonResponse({"detail": "internal error; it has been logged"}, status=500)


def _is_json(response: HttpResponse) -> bool:
    return str(response.get("Content-Type", "")).startswith("application/json")
