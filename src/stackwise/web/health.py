"""The health check load balancers and uptime monitors call: the process and its database."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 when this process can query its database, 503 when it cannot: a server that answers
    but cannot read or store anything should be taken out of the pool."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return JsonResponse({"status": "error", "database": first_line}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
