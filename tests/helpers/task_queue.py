"""The django-tasks database queue in tests: run what is due now, or keep a worker running
beside a live server, as `manage.py db_worker` does in production."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


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
    """Run every task that is due, as `manage.py db_worker --batch` does; how many ran."""
    from django_tasks.backends.database.models import DBTaskResult

    before = DBTaskResult.objects.exclude(status="READY").count()
    _worker(batch=True, interval=0).run()
    return DBTaskResult.objects.exclude(status="READY").count() - before


@contextmanager
def worker_running() -> Iterator[None]:
    """A task worker in a thread of this process for as long as the block runs."""
    from django.db import connection

    worker = _worker(batch=False, interval=0.1)

    def work() -> None:
        try:
            worker.run()
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=work, name="task-worker", daemon=True)
    thread.start()
    try:
        yield
    finally:
        worker.running = False
        thread.join(timeout=60)
