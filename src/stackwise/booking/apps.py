"""Django app config for booking."""

from __future__ import annotations

import logging

from django.apps import AppConfig

# The servers' own access logs, which Django's LOGGING does not configure (gunicorn hands its
# handlers to uvicorn's access logger when a worker starts, before Django is set up).
ACCESS_LOGGERS = ("uvicorn.access", "gunicorn.access")


class BookingConfig(AppConfig):
    name = "stackwise.booking"
    label = "booking"
    verbose_name = "Discovery calls"

    def ready(self) -> None:
        """Access logs write call links as /book/call/<token>/: a reader of logs cannot act."""
        from stackwise.booking.tokens import TOKEN_PATHS
        from stackwise.sitewide.logs import RedactSecrets

        for name in ACCESS_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, RedactSecrets) for f in logger.filters):
                logger.addFilter(RedactSecrets(TOKEN_PATHS))
