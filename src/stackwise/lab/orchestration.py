"""`stackwise lab run`'s steps in order: verify, then measure every app under the same conditions.

Install every app (cached), start PostgreSQL (throw-away, or the one `--database-url` names)
with the data and the upstream stub on the load cores, then per app and data-access variant:
the conformance check (a variant that fails it is not measured), cold start and the WebSocket
room on fresh processes (usual variant), then every workload at every concurrency. The result is
a plain document that `results.RunResults` validates when it is written.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stackwise.lab import apps as lab_apps
from stackwise.lab.configuration import DATABASE_WORKLOADS, RunConfig, cpu_list

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


def configuration_block(config: RunConfig, apps: list[str]) -> dict[str, Any]:
    """The run's options as recorded in the results."""
    return {
        "apps": apps,
        "workloads": config.workloads,
        "concurrency": config.concurrency,
        "duration_s": config.duration_s,
        "warmup_s": config.warmup_s,
        "repeat": config.repeat,
        "quick": config.quick,
        "workers_override": config.workers,
        "variants": config.variants,
        "app_cores": config.app_cores,
        "pinning": {"app_cpus": config.cpus.app_cpus, "load_cpus": config.cpus.load_cpus}
        if config.cpus.app_cpus
        else None,
        "cpu_note": config.cpus.note,
        "database": "existing server (--database-url)"
        if config.database_url
        else "throw-away PostgreSQL on the load cores",
        "target": config.target,
        "wrk_threads": config.wrk_threads,
        "upstream_delay_ms": config.upstream_delay_ms,
        "headline_concurrency": config.headline_concurrency,
        "p99_target_ms": config.p99_target_ms,
        "busy_wait_s": config.busy_wait_s,
        "cold_start_samples": config.cold_start_samples,
        "ws_idle_connections": config.ws_idle_connections,
        "ws_broadcast_clients": config.ws_broadcast_clients,
        "ws_broadcast_rounds": config.ws_broadcast_rounds,
        "seed": config.seed,
    }


def app_configuration(app: lab_apps.LabApp, config: RunConfig) -> dict[str, Any]:
    """How one app ran: its server model at the CPU budget, pools, data access and sources."""
    concurrency = app.concurrency(config.app_cores, config.workers)
    return {
        "server": app.production.server,
        "workers": concurrency.workers,
        "threads": concurrency.threads,
        "db_pool": concurrency.db_pool,
        "db_connections": concurrency.connections,
        "env": app.env,
        "usual_data_access": app.usual_data_access,
        "data_access": app.data_access,
        "sources": list(app.production.sources),
        "source": f"{SOURCE_BASE}/{app.name}",
    }


def _variants(app: lab_apps.LabApp, config: RunConfig) -> list[str]:
    if config.target:
        return [config.target_data_access or app.usual_data_access]
    others = [v for v in app.data_access if v != app.usual_data_access]
    database = any(w in DATABASE_WORKLOADS for w in config.workloads)
    return [app.usual_data_access, *(others if config.variants and database else [])]


def _measure_workloads(
    running: lab_apps.RunningApp,
    config: RunConfig,
    load: Any,
    results: dict[str, Any],
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
                workload,
                concurrency,
                config.duration_s,
                config.warmup_s,
                config.repeat,
                load,
                machine,
            )
            entry.update(app=name, data_access=variant)
            results["measurements"].append(entry)
            results["warnings"] += [f"{where}: {w}" for w in entry["warnings"]]
            if entry["error"]:
                results["warnings"].append(f"{where}: {entry['error']}")
            tick(f"{where} done", config.warmup_s + config.repeat * (config.duration_s + 1.5))


Starter = Callable[[lab_apps.LabApp, str], AbstractContextManager[lab_apps.RunningApp]]


def _run_app(
    app: lab_apps.LabApp,
    config: RunConfig,
    start: Starter,
    load_side: Any,
    results: dict[str, Any],
    tick: Progress,
    stub: Any,
    db_url: str,
) -> None:
    """One app: each variant checked, then cold start and WebSockets once, then the load."""
    from stackwise.lab.measure import measure_cold_start
    from stackwise.lab.verify import DATABASE_ENDPOINTS, ENDPOINTS, Verifier

    info = results["apps"][app.name]
    info["variants"] = {}
    for variant in _variants(app, config):
        usual = variant == app.usual_data_access
        label = app.name if usual else f"{app.name}/{variant}"
        tick(f"{label}: conformance check", 0)
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
        info["variants"][variant] = {
            "status": "excluded" if failed else "measured",
            "verification": failed,
        }
        if failed:
            reason = "failed the conformance check: " + "; ".join(failed)
            tick(f"{label}: failed the conformance check", 0)
            if usual:
                info.update(status="excluded", reason=reason, verification=failed)
                return
            results["warnings"].append(f"{label} was not measured: {reason}")
            continue
        tick(f"{label}: passed the conformance check", 10)
        info.update(status="measured", reason=None, verification=[])
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
                cold = {"samples_ms": [], "median_ms": None, "error": str(exc)[:500]}
                ws = {"error": "the app did not start"}
            results["cold_start"][app.name] = cold
            results["websocket"][app.name] = ws
            if ws.get("error"):
                results["warnings"].append(f"{app.name}: WebSocket measurement: {ws['error']}")
            tick(f"{app.name}: cold start done", 3 * config.cold_start_samples + 9)
        try:
            with start(app, variant) as running:
                _measure_workloads(running, config, load_side, results, tick)
        except lab_apps.AppError as exc:
            results["warnings"].append(f"{label}: load phase did not start: {exc}")


def run_lab(config: RunConfig, progress: Progress | None = None) -> dict[str, Any]:
    """Measure the apps and return the results document (validated by the caller's write)."""
    from stackwise.lab.dataset import load
    from stackwise.lab.measure import LoadSide
    from stackwise.lab.postgres import throwaway_postgres
    from stackwise.lab.results import SCHEMA_VERSION, add_summary, machine_block
    from stackwise.lab.upstream import UpstreamStub

    tick = progress or (lambda _what, _seconds: None)
    started, began = datetime.now(UTC), time.monotonic()
    selected = lab_apps.discover_apps(config.apps)
    cpus = config.cpus

    apps_block: dict[str, dict[str, Any]] = {}
    versions: dict[str, str | None] = {}
    installed = []
    for app in selected:
        info: dict[str, Any] = {
            "family": app.family,
            "framework": app.framework,
            "configuration": app_configuration(app, config),
        }
        apps_block[app.name] = info
        if config.target:  # installed and started by `lab serve` on its machine
            versions[app.name] = None
            installed.append(app)
            continue
        tick(f"{app.name}: installing (cached when unchanged)", 0)
        try:
            lab_apps.install(app)
        except (lab_apps.AppError, OSError) as exc:
            info.update(status="excluded", reason=f"install failed: {str(exc).splitlines()[0]}")
            continue
        versions[app.name] = lab_apps.version(app)
        info["packages"] = lab_apps.installed_packages(app)
        installed.append(app)

    results: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": "stackwise lab run",
        "configuration": configuration_block(config, [a.name for a in selected]),
        "apps": apps_block,
        "measurements": [],
        "cold_start": {},
        "websocket": {},
        "warnings": [],
    }
    logs = Path(tempfile.mkdtemp(prefix="stackwise-lab-logs-"))
    try:
        with ExitStack() as stack:
            if config.database_url:
                db_url, postgres_pids = config.database_url, []
            else:
                pg = stack.enter_context(throwaway_postgres(cpus=cpus.load_cpus))
                db_url, postgres_pids = pg.create_database("lab"), pg.pids
            stub = stack.enter_context(
                UpstreamStub(delay_ms=config.upstream_delay_ms, cpus=cpus.load_cpus)
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
                app: lab_apps.LabApp, variant: str
            ) -> AbstractContextManager[lab_apps.RunningApp]:
                if config.target:
                    return _started(lab_apps.RunningApp.elsewhere(app, config.target, variant))
                concurrency = app.concurrency(cpus.app_cores, config.workers)
                running = lab_apps.RunningApp(
                    app, db_url, stub.url, concurrency, variant, logs, cpus.app_cpus
                )
                return _started(running)

            for app in installed:
                _run_app(app, config, start, load_side, results, tick, stub, db_url)
    finally:
        shutil.rmtree(logs, ignore_errors=True)

    if not installed:
        results["warnings"].append("no app could be installed")
    for name, info in apps_block.items():
        info.setdefault("status", "excluded")
        info.setdefault("reason", "not reached")
        if info["status"] == "excluded":
            results["warnings"].append(f"{name} was not measured: {info['reason']}")
    finished = datetime.now(UTC)
    results.update(
        started_at=started.isoformat(timespec="seconds"),
        finished_at=finished.isoformat(timespec="seconds"),
        duration_s=round(time.monotonic() - began, 1),
        machine=machine_block(
            versions,
            note=f"Measured by a real `stackwise lab run{' --quick' if config.quick else ''}` on "
            "this machine over loopback.",
        ),
    )
    return add_summary(results)
