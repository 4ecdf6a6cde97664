"""`stackwise lab serve`: one app on this machine for a `lab run --target` on another.

TechEmpower runs the app, the database and the load generator on separate machines; this keeps
the lab's own install, configuration and pinning for the app's machine, so the figures differ
from a one-machine run only by the network and the cores each side gets.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from stackwise.lab import apps as lab_apps
from stackwise.lab.configuration import split_cpus
from stackwise.lab.data.results import DataAccess


@contextmanager
def serving(
    name: str,
    data_access: DataAccess | None,
    workers: int | None,
    host: str,
    port: int | None,
    database_url: str | None,
    upstream_url: str | None,
) -> Iterator[lab_apps.RunningApp]:
    """Install and start the app pinned to this machine's app cores with its documented
    concurrency; a throw-away PostgreSQL (with the data) and the upstream stub go on the other
    cores unless their URLs are given. Everything stops when the block ends."""
    from stackwise.lab.dataset import load
    from stackwise.lab.orchestration import _started
    from stackwise.lab.postgres import throwaway_postgres
    from stackwise.lab.upstream import UpstreamStub

    app = lab_apps.discover_apps([name])[0]
    lab_apps.install(app)
    cpus = split_cpus(os.cpu_count() or 1)
    with ExitStack() as stack:
        if database_url is None:
            pg = stack.enter_context(throwaway_postgres(cpus=cpus.load_cpus))
            database_url = pg.create_database("lab")
            load(database_url)
        if upstream_url is None:
            upstream_url = stack.enter_context(UpstreamStub(cpus=cpus.load_cpus)).url
        running = lab_apps.RunningApp(
            app,
            database_url,
            upstream_url,
            app.concurrency(cpus.app_cores, workers),
            data_access,
            cpus=cpus.app_cpus,
            host=host,
            port=port,
        )
        yield stack.enter_context(_started(running))
