"""ASGI entry point: gunicorn's uvicorn workers serve it (see gunicorn_conf.py).

The body guard sits in front of Django so that a slow or oversized body is refused before
Django's handler waits for it or spools it to disk."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

from stackwise.sitewide.request_body import RequestBodyGuard

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stackwise.web.settings")
django_application = get_asgi_application()
application = RequestBodyGuard(
    django_application, limit=settings.MAX_BODY_BYTES, timeout=settings.REQUEST_BODY_TIMEOUT
)
