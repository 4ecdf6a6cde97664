"""`manage.py db_worker`: django-tasks' worker, plus the sweep that re-queues lost tasks.

This app comes before django_tasks in INSTALLED_APPS, so this command is the one Django runs
under the usual name: `make run`, the docs and every deployment keep their command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django_tasks.backends.database.management.commands.db_worker import (
    Command as DatabaseWorkerCommand,
)

from stackwise.sitewide.stalled_tasks import StalledTaskSweeper


class Command(DatabaseWorkerCommand):
    help = (
        "Run the database task queue's worker. Tasks left running by a worker that died for "
        "longer than TASK_STALLED_SECONDS are queued again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sweeper = StalledTaskSweeper(dt.timedelta(seconds=settings.TASK_STALLED_SECONDS))
        sweeper.start()
        try:
            super().handle(*args, **options)
        finally:
            sweeper.stop()
