"""Reading what the site's configured log handlers write."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def console_of(logger_name: str) -> Iterator[io.StringIO]:
    """What the site's configured console handler writes for one logger, with the level."""
    handler = next(
        h for h in logging.getLogger(logger_name).handlers if isinstance(h, logging.StreamHandler)
    )
    written = io.StringIO()
    old_stream, old_formatter = handler.setStream(written), handler.formatter
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    try:
        yield written
    finally:
        handler.setStream(old_stream)
        handler.setFormatter(old_formatter)
