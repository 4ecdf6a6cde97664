"""`stackwise lab run`'s steps in order: verify, then measure every app under the same conditions.

Install every app (cached), start PostgreSQL (throw-away, or the one `--database-url` names)
with the data and the upstream stub on the load cores, then per app and data-access variant:
the conformance check (a variant that fails it is not measured), cold start and the WebSocket
room on fresh processes (usual variant), then every workload at every concurrency. The result is
built as the results' own models, each validated as it is filled in.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stackwise.lab import apps as lab_apps
from stackwise.lab.configuration import cpu_list, cpus_of
from stackwise.lab.data.results import (
    AppConfiguration,
    AppEntry,
    ColdStart,
    Configuration,
    DataAccess,
    Measurement,
    RunResults,
    VariantStatus,
    WebSocketFigures,
)
from stackwise.lab.data.workloads import DATABASE_WORKLOADS

Progress = Callable[[str, float], None]  # (what is happening now, estimated seconds just done)
# Where each app lives in this repository: the project publishes no public URL to link to.
SOURCE_BASE = "lab/apps"


@contextmanager
def _started(running: lab_apps.RunningApp) -> Iterator[lab_apps.RunningApp]:
    """Start an app and always stop it, also when Ctrl-C lands while it is still starting."""
    try:
        running.start()
    except BaseException:
        running.stop()
        raise
    try:
        yield running
    finally:
        running.stop()


@contextmanager
def _affinity(cpus: str | None) -> Iterator[None]:
    """Run this process (wrk's parent, the samplers) on the load-side cores."""
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpu_list(cpus))
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def app_configuration(app: lab_apps.LabApp, config: Configuration) -> AppConfiguration:
    """How one app ran: its server model at the CPU budget, pools, data access and sources."""
    concurrency = app.concurrency(config.app_cores, config.workers_override)
    return AppConfiguration(
        server=app.production.server,
        workers=concurrency.workers,
        threads=concurrency.threads,
        db_pool=concurrency.db_pool,
        db_connections=concurrency.connections,
        env=app.env,
        usual_data_access=app.usual_data_access,
        data_access=app.data_access,
        sources=list(app.production.sources),
        source=f"{SOURCE_BASE}/{app.name}",
    )


def _variants(app: lab_apps.LabApp, config: Configuration) -> list[DataAccess]:
    usual: DataAccess = app.usual_data_access
    if config.target:
        return [config.target_data_access or usual]
    others: list[DataAccess] = [v for v in app.data_access if v != usual]
    database = any(w in DATABASE_WORKLOADS for w in config.workloads)
    return [usual, *(others if config.variants and database else [])]


@dataclass
class _Collected:
    """What the run has measured so far, as the results' models."""

    apps: dict[str, AppEntry]
    measurements: list[Measurement] = field(default_factory=list)
    cold_start: dict[str, ColdStart] = field(default_factory=dict)
    websocket: dict[str, WebSocketFigures] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _measure_workloads(
    running: lab_apps.RunningApp,
    config: Configuration,
    load: Any,
    results: _Collected,
    tick: Progress,
) -> None:
    """Every workload this variant serves at every concurrency, appended to results."""
    from stackwise.lab.machine_load import wait_until_quiet
    from stackwise.lab.measure import measure_load

    name, variant = running.app.name, running.data_access
    usual = variant == running.app.usual_data_access
    label = name if usual else f"{name}/{variant}"
    workloads = [w for w in config.workloads if usual or w in DATABASE_WORKLOADS]
    for workload in workloads:
        for concurrency in config.concurrency:
            where = f"{label} /{workload} at {concurrency}"
            tick(f"{label}: /{workload} at {concurrency} connections", 0)
            machine = wait_until_quiet(config.busy_wait_s, check=functools.partial(tick, where, 0))
            entry = measure_load(
                running,
                name,
                variant,
                workload,
                concurrency,
                config.duration_s,
                config.warmup_s,
                config.repeat,
                load,
                machine,
            )
            results.measurements.append(entry)
            results.warnings += [f"{where}: {w}" for w in entry.warnings]
            if entry.error:
                results.warnings.append(f"{where}: {entry.error}")
            tick(f"{where} done", config.warmup_s + config.repeat * (config.duration_s + 1.5))


Starter = Callable[[lab_apps.LabApp, DataAccess], AbstractContextManager[lab_apps.RunningApp]]


def _run_app(
    app: lab_apps.LabApp,
    config: Configuration,
    start: Starter,
    load_side: Any,
    results: _Collected,
    tick: Progress,
    stub: Any,
    db_url: str,
) -> None:
    """One app: each variant checked, then cold start and WebSockets once, then the load."""
    from stackwise.lab.measure import measure_cold_start
    from stackwise.lab.verify import DATABASE_ENDPOINTS, ENDPOINTS, Verifier

    info = results.apps[app.name]
    info.variants = {}
    for variant in _variants(app, config):
        usual = variant == app.usual_data_access
        label = app.name if usual else f"{app.name}/{variant}"
        tick(f"{label}: conformance check", 0)
        # A variant differs only in its data access: the checks of the database workloads.
        endpoints: tuple[str, ...] = ENDPOINTS if usual else DATABASE_ENDPOINTS
        if config.target:
            # The served app calls the stub on its own machine, which this run cannot steer.
            endpoints = tuple(e for e in endpoints if e not in ("upstream", "ws"))
        try:
            with start(app, variant) as running:
                checks = Verifier(running, db_url, stub).run(endpoints=endpoints)
            failed = [f"{c.endpoint}: {c.detail}" for c in checks if not c.ok]
        except lab_apps.AppError as exc:
            failed = [f"did not start: {str(exc).splitlines()[0]}"]
        info.variants[variant] = VariantStatus(
            status="excluded" if failed else "measured", verification=failed
        )
        if failed:
            reason = "failed the conformance check: " + "; ".join(failed)
            tick(f"{label}: failed the conformance check", 0)
            if usual:
                info.status, info.reason, info.verification = "excluded", reason, failed
                return
            results.warnings.append(f"{label} was not measured: {reason}")
            continue
        tick(f"{label}: passed the conformance check", 10)
        info.status, info.reason, info.verification = "measured", None, []
        if usual and not config.target:
            tick(f"{app.name}: cold start and WebSocket room", 0)
            try:
                cold, ws = measure_cold_start(
                    functools.partial(start, app, variant),
                    config.cold_start_samples,
                    config.ws_idle_connections,
                    config.ws_broadcast_clients,
                    config.ws_broadcast_rounds,
                )
            except lab_apps.AppError as exc:
                cold = ColdStart(error=str(exc)[:500])
                ws = WebSocketFigures(error="the app did not start")
            results.cold_start[app.name] = cold
            results.websocket[app.name] = ws
            if ws.error:
                results.warnings.append(f"{app.name}: WebSocket measurement: {ws.error}")
            tick(f"{app.name}: cold start done", 3 * config.cold_start_samples + 9)
        try:
            with start(app, variant) as running:
                _measure_workloads(running, config, load_side, results, tick)
        except lab_apps.AppError as exc:
            results.warnings.append(f"{label}: load phase did not start: {exc}")


def run_lab(config: Configuration, progress: Progress | None = None) -> RunResults:
    """Measure the apps and return the run's results."""
    from stackwise.lab.dataset import load
    from stackwise.lab.machine import this_machine
    from stackwise.lab.measure import LoadSide
    from stackwise.lab.postgres import throwaway_postgres
    from stackwise.lab.upstream import UpstreamStub

    tick = progress or (lambda _what, _seconds: None)
    started, began = datetime.now(UTC), time.monotonic()
    selected = lab_apps.discover_apps(config.apps)
    cpus = cpus_of(config)

    apps_block: dict[str, AppEntry] = {}
    versions: dict[str, str | None] = {}
    installed = []
    for app in selected:
        info = AppEntry(
            family=app.family,
            framework=app.framework,
            configuration=app_configuration(app, config),
        )
        apps_block[app.name] = info
        if config.target:  # installed and started by `lab serve` on its machine
            versions[app.name] = None
            installed.append(app)
            continue
        tick(f"{app.name}: installing (cached when unchanged)", 0)
        try:
            lab_apps.install(app)
        except (lab_apps.AppError, OSError) as exc:
            info.reason = f"install failed: {str(exc).splitlines()[0]}"
            continue
        versions[app.name] = lab_apps.version(app)
        info.packages = lab_apps.installed_packages(app)
        installed.append(app)

    results = _Collected(apps_block)
    logs = Path(tempfile.mkdtemp(prefix="stackwise-lab-logs-"))
    try:
        with ExitStack() as stack:
            if config.database_url:
                db_url, postgres_pids = config.database_url, []
            else:
                pg = stack.enter_context(throwaway_postgres(cpus=cpus.load_cpus))
                db_url, postgres_pids = pg.create_database("lab"), pg.pids
            stub = stack.enter_context(
                UpstreamStub(delay_ms=round(config.upstream_delay_ms), cpus=cpus.load_cpus)
            )
            stack.enter_context(_affinity(cpus.load_cpus))
            tick("loading the data set into PostgreSQL", 0)
            load(db_url, seed=config.seed)
            load_side = LoadSide(
                wrk_cpus=cpus.load_cpus,
                wrk_threads=config.wrk_threads,
                load_cpus=cpu_list(cpus.load_cpus) if cpus.load_cpus else [],
                postgres_pids=postgres_pids,
            )

            def start(
                app: lab_apps.LabApp, variant: DataAccess
            ) -> AbstractContextManager[lab_apps.RunningApp]:
                if config.target:
                    return _started(lab_apps.RunningApp.elsewhere(app, config.target, variant))
                concurrency = app.concurrency(cpus.app_cores, config.workers_override)
                running = lab_apps.RunningApp(
                    app, db_url, stub.url, concurrency, variant, logs, cpus.app_cpus
                )
                return _started(running)

            for app in installed:
                _run_app(app, config, start, load_side, results, tick, stub, db_url)
    finally:
        shutil.rmtree(logs, ignore_errors=True)

    if not installed:
        results.warnings.append("no app could be installed")
    for name, info in apps_block.items():
        if info.status == "excluded":
            results.warnings.append(f"{name} was not measured: {info.reason}")
    return RunResults(
        started_at=started.isoformat(timespec="seconds"),
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        duration_s=round(time.monotonic() - began, 1),
        machine=this_machine(
            versions,
            note=f"Measured by a real `stackwise lab run{' --quick' if config.quick else ''}`, "
            "apps, database and load generator on the one machine described, over loopback.",
        ),
        configuration=config,
        apps=apps_block,
        measurements=results.measurements,
        cold_start=results.cold_start,
        websocket=results.websocket,
        warnings=results.warnings,
    )
