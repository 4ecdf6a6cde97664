"""The django-tasks database queue in tests: run what is due now, as `manage.py db_worker` would."""

from __future__ import annotations

import time


def run_queue() -> int:
    """Run every task that is due, as `manage.py db_worker --batch` does; how many ran.

    Beside a live server on the in-memory SQLite test database (shared cache), a table another
    thread is writing is reported "locked" at once rather than waited for: try again shortly."""
    from django.db import OperationalError
    from django_tasks.backends.database.management.commands.db_worker import Worker
    from django_tasks.backends.database.models import DBTaskResult

    def run() -> int:
        before = DBTaskResult.objects.exclude(status="READY").count()
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
        ).run()
        return DBTaskResult.objects.exclude(status="READY").count() - before

    for _ in range(99):
        try:
            return run()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.05)  # a retry interval for a lock held a few milliseconds
    return run()  # the last try lets its error through
