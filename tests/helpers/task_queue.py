"""The django-tasks database queue in tests: run what is due now, as `manage.py db_worker` would."""

from __future__ import annotations

import time


def _worker(*, batch: bool, interval: float):  # type: ignore[no-untyped-def]
    from django_tasks.backends.database.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
    )


def run_queue() -> int:
    """Run every task that is due, as `manage.py db_worker --batch` does; how many ran.

    Beside a live server on the in-memory SQLite test database (shared cache), a table another
    thread is writing is reported "locked" at once rather than waited for: try again shortly."""
    from django.db import OperationalError
    from django_tasks.backends.database.models import DBTaskResult

    for attempt in range(100):
        try:
            before = DBTaskResult.objects.exclude(status="READY").count()
            _worker(batch=True, interval=0).run()
            return DBTaskResult.objects.exclude(status="READY").count() - before
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)  # a retry interval for a lock held a few milliseconds
    raise AssertionError("unreachable")
