"""Log records that give nothing away and cannot flood the log.

Access logs are read by more people than bookings are meant for: a working call link in a
`GET /book/call/<token>/cancel/` line lets any reader move or cancel the call, and an e-mail
address in a worker's error line outlives the booking's erased error text. Requests with a
forged Host header arrive by the thousand; each used to write a traceback at ERROR."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Sequence

# An address as SMTP errors and headers quote it; deliberately broad (better one false match in
# a log line than one address kept).
_ADDRESS = re.compile(r"[^\s'\"<>(),;:\[\]{}]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
ADDRESS_MARK = "<address>"
TOKEN_MARK = "<token>"


def redact_addresses(text: str) -> str:
    """The text with every e-mail address replaced by a mark."""
    return _ADDRESS.sub(ADDRESS_MARK, text)


class RedactSecrets(logging.Filter):
    """Rewrite each record's message without e-mail addresses and without the path segment that
    follows any of `secret_paths` (where a URL carries a token that acts on someone's data)."""

    def __init__(self, secret_paths: Sequence[str] = ()) -> None:
        super().__init__()
        prefixes = "|".join(re.escape(p) for p in secret_paths)
        self._paths = re.compile(rf"({prefixes})[^/\s?\"']+") if secret_paths else None

    def redact(self, text: str) -> str:
        """The text without addresses and secret path segments."""
        if self._paths is not None:
            text = self._paths.sub(rf"\1{TOKEN_MARK}", text)
        return redact_addresses(text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if cleaned != message:
            # The formatted message replaces the template so no argument is formatted again.
            record.msg, record.args = cleaned, None
        return True


class OneLinePerInterval(logging.Filter):
    """Let through at most `burst` records per `seconds` (per process), each as one WARNING line
    without its traceback; the next line let through says how many were left out meanwhile."""

    def __init__(self, seconds: float = 60.0, burst: int = 5) -> None:
        super().__init__()
        self.seconds, self.burst = seconds, burst
        self._lock = threading.Lock()
        self._window_start = float("-inf")
        self._passed = 0
        self._dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._window_start >= self.seconds:
                self._window_start, self._passed = now, 0
            if self._passed >= self.burst:
                self._dropped += 1
                return False
            self._passed += 1
            dropped, self._dropped = self._dropped, 0
        message = record.getMessage()
        if dropped:
            message += f" ({dropped} more like it left out)"
        record.msg, record.args = message, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
