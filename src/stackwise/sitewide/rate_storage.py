"""A `limits` storage on the site's own database, for deployments without Redis.

limits' memory storage counts per process (two gunicorn workers would each allow the limit) and
the database cache evicts; this table is shared by every worker and server on the database and
forgets a hit only when it expires. Each key holds at most its limit of rows (a refused request
adds none), and expired rows of every key are deleted as hits arrive, so no client can grow it."""

from __future__ import annotations

import time

from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Min
from limits.storage import MovingWindowSupport, Storage

from stackwise.sitewide.models import RateLimitHit


class DatabaseStorage(Storage, MovingWindowSupport):
    """Moving-window hits as rows of RateLimitHit, one transaction per decision."""

    STORAGE_SCHEME = None  # not reachable from a URI: settings choose it (sitewide/limits.py)

    @property
    def base_exceptions(self) -> type[Exception]:
        return DatabaseError

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Admit `amount` hits when the key has room in its window of `expiry` seconds."""
        now = time.time()
        with transaction.atomic():
            _lock(key)
            RateLimitHit.objects.filter(expires_at__lte=now).delete()
            live = RateLimitHit.objects.filter(key=key).count()
            if live + amount > limit:
                return False
            RateLimitHit.objects.bulk_create(
                RateLimitHit(key=key, expires_at=now + expiry) for _ in range(amount)
            )
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """(when the oldest live hit was admitted, how many hits are live)."""
        now = time.time()
        live = RateLimitHit.objects.filter(key=key, expires_at__gt=now)
        oldest = live.aggregate(first=Min("expires_at"))["first"]
        return (now, 0) if oldest is None else (oldest - expiry, live.count())

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Record `amount` hits without a limit; how many are live now."""
        now = time.time()
        with transaction.atomic():
            _lock(key)
            RateLimitHit.objects.bulk_create(
                RateLimitHit(key=key, expires_at=now + expiry) for _ in range(amount)
            )
            return RateLimitHit.objects.filter(key=key, expires_at__gt=now).count()

    def get(self, key: str) -> int:
        return RateLimitHit.objects.filter(key=key, expires_at__gt=time.time()).count()

    def get_expiry(self, key: str) -> float:
        last = RateLimitHit.objects.filter(key=key).aggregate(last=Max("expires_at"))["last"]
        return float(last) if last is not None else time.time()

    def check(self) -> bool:
        try:
            RateLimitHit.objects.exists()
        except DatabaseError:
            return False
        return True

    def reset(self) -> int | None:
        deleted, _ = RateLimitHit.objects.all().delete()
        return deleted

    def clear(self, key: str) -> None:
        RateLimitHit.objects.filter(key=key).delete()


def _lock(key: str) -> None:
    """Serialise decisions on one key until the transaction ends. PostgreSQL: an advisory lock
    on the key's hash (racers on other keys do not wait). SQLite: the site opens every
    transaction IMMEDIATE, which already takes the database's write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
