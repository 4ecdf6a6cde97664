"""Tasks whose worker died are queued again.

django-tasks marks a task RUNNING when a worker claims it and only the same worker marks it
finished: a worker killed mid-task (kill -9, an out-of-memory kill, a lost machine) leaves it
RUNNING for ever, so an e-mail notice was never retried. A task running longer than a stated
time is taken for lost and made READY again; the tasks are idempotent (a notice already SENT is
not sent again, a PDF already stored is not drawn again), so running one twice is harmless."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult
from django_tasks.base import TaskResultStatus

logger = logging.getLogger(__name__)


def requeue_stalled(older_than: dt.timedelta) -> int:
    """Make READY again every task RUNNING for longer than `older_than`; how many."""
    cutoff = timezone.now() - older_than
    # One UPDATE: a task that finishes meanwhile is no longer RUNNING and is left alone.
    count = (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .update(status=TaskResultStatus.READY, started_at=None)
    )
    if count:
        logger.warning(
            "queued %s task(s) again: running for more than %s s, their worker is gone",
            count,
            int(older_than.total_seconds()),
        )
    return count


class StalledTaskSweeper:
    """A daemon thread beside the worker's loop that sweeps at start and then every so often
    (half the stated time, at most a minute)."""

    def __init__(self, older_than: dt.timedelta) -> None:
        self.older_than = older_than
        self.every = min(older_than.total_seconds() / 2, 60.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stalled-task-sweeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        try:
            while True:
                try:
                    requeue_stalled(self.older_than)
                except DatabaseError as exc:  # a locked SQLite file or a restarting database
                    logger.warning("stalled-task sweep skipped: %s", type(exc).__name__)
                if self._stop.wait(self.every):
                    return
        finally:
            connection.close()  # this thread's own connection
