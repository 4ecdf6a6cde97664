"""Measure one running app: load per workload and concurrency, cold start, idle and WebSocket memory.

Each function returns the results' own models (validated as they are filled in), so the
orchestrator only arranges the order of things and the results file holds exactly what was
measured.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from typing import Protocol

from stackwise.lab.data.results import (
    ColdStart,
    DataAccess,
    Latency,
    MachineBefore,
    Measurement,
    Repeat,
    SocketErrors,
    WebSocketFigures,
)
from stackwise.lab.data.workloads import BY_NAME
from stackwise.lab.machine_load import CoreUsage, MachineState
from stackwise.lab.measure_process import TreeSampler, sample_tree
from stackwise.lab.measure_wrk import WrkError, run_wrk, wrk_command
from stackwise.lab.measure_ws import measure_broadcast, measure_idle_memory

# wrk gets this long beyond its duration before the run counts as hung.
WRK_GRACE_S = 30.0
IDLE_SETTLE_S = 1.0


class Running(Protocol):
    """What the measurement needs of a started app (stackwise.lab.apps.RunningApp has it)."""

    @property
    def base_url(self) -> str: ...

    @property
    def ws_url(self) -> str: ...

    @property
    def pids(self) -> list[int]: ...

    @property
    def started_at(self) -> float: ...


@dataclass(frozen=True)
class LoadSide:
    """Where the load comes from: wrk's cores and threads, and PostgreSQL's processes to watch."""

    wrk_cpus: str | None
    wrk_threads: int
    load_cpus: list[int]  # every core of the load side, checked for saturation
    postgres_pids: list[int]  # empty when the database is not on this machine


def measure_load(
    running: Running,
    app: str,
    data_access: DataAccess,
    workload: str,
    concurrency: int,
    duration_s: float,
    warmup_s: float,
    repeat: int,
    load: LoadSide,
    machine: MachineState,
) -> Measurement:
    """Warm up, then run wrk `repeat` times while sampling the app's and PostgreSQL's processes
    and the load cores' busy share."""
    entry = Measurement(
        app=app,
        data_access=data_access,
        workload=workload,
        concurrency=concurrency,
        machine_before=MachineBefore(**asdict(machine)),
    )
    warnings = [w for w in [machine.warning()] if w]

    def command(seconds: float) -> list[str]:
        return wrk_command(
            running.base_url,
            BY_NAME[workload],
            concurrency,
            seconds,
            load.wrk_threads,
            load.wrk_cpus,
        )

    try:
        if warmup_s > 0:
            run_wrk(command(warmup_s), warmup_s + WRK_GRACE_S)
        for _ in range(repeat):
            with (
                TreeSampler(running.pids) as sampler,
                TreeSampler(load.postgres_pids) as postgres,
                CoreUsage(load.load_cpus) as cores,
            ):
                run = run_wrk(command(duration_s), duration_s + WRK_GRACE_S)
            usage = sampler.usage()
            f = run.figures
            repeat_figures = Repeat(
                rps=f.rps,
                latency_ms=None
                if BY_NAME[workload].pipeline > 1  # wrk's latency is no latency then
                else Latency(p50=f.p50_ms, p90=f.p90_ms, p99=f.p99_ms, max=f.max_ms),
                requests=f.requests,
                duration_s=f.duration_s,
                non_2xx=f.non_2xx,
                socket_errors=SocketErrors(**f.socket_errors),
                app_peak_rss_kb=usage.peak_rss_kb,
                app_peak_pss_kb=usage.peak_pss_kb,
                app_processes=usage.processes,
                app_cpu_s=usage.cpu_s,
                wrk_cpu_s=run.wrk_cpu_s,
                wrk_cpu_share=round(run.wrk_cpu_share, 3),
                postgres_cpu_s=postgres.usage().cpu_s if load.postgres_pids else None,
                load_cores_busy=cores.busy_share if load.load_cpus else None,
            )
            entry.repeats.append(repeat_figures)
            if load.load_cpus and (warning := cores.warning()):
                warnings.append(warning)
            socket_errors = repeat_figures.socket_errors.total
            if f.non_2xx + socket_errors:
                warnings.append(
                    f"{f.non_2xx} non-2xx answers and {socket_errors} socket "
                    f"errors in {f.requests} requests"
                )
    except WrkError as exc:
        entry.error = str(exc).splitlines()[0]
    entry.warnings = sorted(set(warnings))
    return entry


def measure_cold_start(
    start: Callable[[], AbstractContextManager[Running]],
    samples: int,
    ws_idle_connections: int,
    ws_broadcast_clients: int,
    ws_broadcast_rounds: int,
) -> tuple[ColdStart, WebSocketFigures]:
    """Start the app `samples` times, timing spawn to the first 200 on /json (`start` waits for
    it); in the last, still fresh, instance read idle memory and measure the WebSocket room."""
    cold, ws = ColdStart(), WebSocketFigures()
    for number in range(samples):
        with start() as running:
            # started_at is the perf_counter reading taken just before the first process spawned.
            cold.samples_ms.append(round((time.perf_counter() - running.started_at) * 1000, 1))
            if number < samples - 1:
                continue
            time.sleep(IDLE_SETTLE_S)
            idle = sample_tree(running.pids)
            cold.idle_rss_kb = sum(s.rss_kb for s in idle)
            cold.idle_pss_kb = sum(s.pss_kb for s in idle)
            ws = measure_websocket(
                running, ws_idle_connections, ws_broadcast_clients, ws_broadcast_rounds
            )
    if cold.samples_ms:
        cold.median_ms = round(statistics.median(cold.samples_ms), 1)
    return cold, ws


def measure_websocket(
    running: Running, idle_connections: int, broadcast_clients: int, broadcast_rounds: int
) -> WebSocketFigures:
    """Memory per idle connection, then broadcast latency, or the error that stopped them."""
    from stackwise.lab.measure_ws import WebSocketMeasurementError

    figures = WebSocketFigures()
    try:
        if idle_connections:
            memory = measure_idle_memory(running.ws_url, running.pids, idle_connections)
            figures.idle_connections = memory.connections
            figures.rss_before_kb = memory.rss_before_kb
            figures.rss_after_kb = memory.rss_after_kb
            figures.rss_per_1000_kb = memory.rss_per_1000_kb
        if broadcast_clients and broadcast_rounds:
            latency = measure_broadcast(running.ws_url, broadcast_clients, broadcast_rounds)
            figures.broadcast_clients = latency.clients
            figures.broadcast_rounds = len(latency.rounds_ms)
            figures.broadcast_median_ms = latency.median_ms
            figures.broadcast_max_ms = latency.max_ms
    except WebSocketMeasurementError as exc:
        figures.error = str(exc)
    return figures
