"""A run's evidence: per stack and data access, requests per core within the p99 target, with
intervals. This is exactly what the advisor reads (`knowledge.models.Evidence`); the publish step
writes it into the knowledge as a small file of its own, apart from the raw run it came from.
Each stack is represented by its framework's usual data access; the other variant is attached on
the database workloads, so the data layer's share can be read apart from the framework's.
"""

from __future__ import annotations

import statistics

from stackwise.knowledge.models import Evidence, Interval, StackCapacity, WorkloadCapacity
from stackwise.lab.data.results import AppConfiguration, Measurement, RunResults


def interval(values: list[float]) -> Interval:
    """Median with min-max bounds: with the lab's few repeats, a bootstrap adds nothing."""
    ordered = sorted(values)
    return Interval(
        median=round(statistics.median(ordered), 3),
        low=round(ordered[0], 3),
        high=round(ordered[-1], 3),
        repeats=len(ordered),
    )


def capacity(
    measurements: list[Measurement], cores: float, p99_target_ms: float
) -> WorkloadCapacity:
    """Per core, the best concurrency whose median p99 meets the target, else the lowest tail
    latency (flagged as missing the target)."""
    options = []
    for m in measurements:
        rps = interval([r.rps / cores for r in m.repeats])
        p99 = interval([r.latency_ms.p99 for r in m.repeats if r.latency_ms is not None])
        options.append((p99.median <= p99_target_ms, rps, p99))
    meeting = [o for o in options if o[0]]
    if meeting:
        _, rps, p99 = max(meeting, key=lambda o: o[1].median)
        return WorkloadCapacity(rps_per_core=rps, p99_ms=p99, meets_target=True)
    _, rps, p99 = min(options, key=lambda o: o[2].median)
    return WorkloadCapacity(rps_per_core=rps, p99_ms=p99, meets_target=False)


def describe_configuration(configuration: AppConfiguration, data_access: str) -> str:
    """One line a reader can check against the framework's documentation."""
    threads = f" x {configuration.threads} threads" if configuration.threads else ""
    pool = (
        f"pool of {configuration.db_pool} per process"
        if configuration.db_pool
        else "one connection per thread"
    )
    uses = configuration.data_access[data_access]  # type: ignore[index]
    return (
        f"{configuration.server}; here {configuration.workers} process(es){threads}; {uses}, {pool}"
    )


def _by_workload(
    measurements: list[Measurement], app: str, data_access: str
) -> dict[str, list[Measurement]]:
    grouped: dict[str, list[Measurement]] = {}
    for m in measurements:
        # Capacity is throughput within a p99 target: a pipelined run has no p99, so no capacity.
        timed = all(r.latency_ms is not None for r in m.repeats)
        if (m.app, m.data_access) == (app, data_access) and m.repeats and timed and not m.error:
            grouped.setdefault(m.workload, []).append(m)
    return grouped


def evidence_of(results: RunResults, document: str) -> Evidence:
    """The evidence of a run; `document` names where its raw results are kept."""
    config = results.configuration
    cores, target = float(config.app_cores), config.p99_target_ms
    stacks: dict[str, StackCapacity] = {}
    for app, info in results.apps.items():
        if info.status != "measured":
            continue
        usual = info.configuration.usual_data_access
        workloads = _by_workload(results.measurements, app, usual)
        if not workloads:
            continue
        variants = {}
        for variant in info.configuration.data_access:
            if variant != usual and (other := _by_workload(results.measurements, app, variant)):
                variants[variant] = {w: capacity(ms, cores, target) for w, ms in other.items()}
        ws = results.websocket.get(app)
        cold = results.cold_start.get(app)
        stacks[app] = StackCapacity(
            configuration=describe_configuration(info.configuration, usual),
            data_access=usual,
            workloads={w: capacity(ms, cores, target) for w, ms in workloads.items()},
            ws_memory_per_1000_kb=interval([float(ws.rss_per_1000_kb)])
            if ws is not None and ws.rss_per_1000_kb
            else None,
            cold_start_ms=interval(cold.samples_ms)
            if cold is not None and cold.samples_ms
            else None,
            source=info.configuration.source,
            sources=tuple(info.configuration.sources),
            variants=variants,
        )
    return Evidence(
        document=document,
        date=results.finished_at,
        machine=results.machine.summary,
        cores=cores,
        p99_target_ms=target,
        capacity=stacks,
    )
