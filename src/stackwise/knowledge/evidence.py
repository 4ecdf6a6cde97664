"""Read a lab results file into the advisor's Evidence: capacity per core with intervals.

A results file written by the current lab carries an `evidence` block in exactly the shape of
`Evidence`. Older files (one app process pinned to one core, a flat `summary`) are converted
here, so the advisor always reads one shape.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from stackwise.knowledge.models import Evidence, Interval, StackCapacity, WorkloadCapacity

# The tail latency under which a throughput figure counts as capacity, for files that do not
# state their own: an interactive API that answers within half a second at p99.
DEFAULT_P99_TARGET_MS = 500.0


class EvidenceError(ValueError):
    """A lab results file is not JSON or does not fit the evidence shape."""


class _Schema1(BaseModel):
    """The parts of a schema-1 results file the conversion reads; the rest is ignored.

    Strict: a figure written as text or as true is a mistake to name, not a value to coerce."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class _Latency(_Schema1):
    p99: float


class _Repeat(_Schema1):
    rps: float
    latency_ms: _Latency


class _Measurement(_Schema1):
    app: str
    workload: str
    error: str | None = None
    repeats: list[_Repeat] | None = None


class _Configuration(_Schema1):
    workers: float = 1
    db_pool: int | str = "?"


class _Websocket(_Schema1):
    rss_per_1000_kb: float | None = None


class _ColdStart(_Schema1):
    samples_ms: list[float] | None = None  # empty: not measured


class _FlatResults(_Schema1):
    configuration: _Configuration = _Configuration()
    machine: dict[str, Any] | None = None
    measurements: list[_Measurement] = []
    websocket: dict[str, _Websocket] | None = None
    cold_start: dict[str, _ColdStart] | None = None
    cold_start_ms: dict[str, float] | None = None
    summary_concurrency: int | None = None
    summary: dict[str, Any] | None = None
    finished_at: str = ""


def first_misfit(exc: ValidationError, *within: str) -> str:
    """The first problem of a validation as the file writes its place:
    `measurements[0].repeats[1].rps: Input should be a valid number`."""
    first = exc.errors(include_url=False)[0]
    loc = (*within, *first["loc"])
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return f"{where.lstrip('.')}: {first['msg']}"


def interval(values: list[float]) -> Interval:
    """Median with min-max bounds: with the lab's few repeats, a bootstrap adds nothing."""
    ordered = sorted(values)
    return Interval(
        median=round(statistics.median(ordered), 3),
        low=round(ordered[0], 3),
        high=round(ordered[-1], 3),
        repeats=len(ordered),
    )


def read_evidence(path: Path) -> Evidence | None:
    """The evidence in a results file, or None when there is no file."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvidenceError(f"{path}: not valid JSON ({exc})") from None
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot be read ({exc.strerror})") from None
    if not isinstance(data, dict):
        raise EvidenceError(f"{path}: expected a JSON object, got {type(data).__name__}")
    current = "evidence" in data
    try:
        if current:
            return Evidence.model_validate({**data["evidence"], "document": path.name})
        return from_first_schema(data, path.name)
    except ValidationError as exc:
        within = ("evidence",) if current else ()
        raise EvidenceError(f"{path}: {first_misfit(exc, *within)}") from None


def from_first_schema(data: dict[str, Any], document: str) -> Evidence:
    """Convert a schema-1 results file: every app had one process pinned to one core.

    Raises pydantic's ValidationError, located in the file's own terms, when it does not fit."""
    old = _FlatResults.model_validate(data)
    cores = old.configuration.workers
    machine = old.machine or {}
    description = ", ".join(
        str(machine[k]) for k in ("cpu_model", "cores", "os") if machine.get(k) is not None
    )
    by_stack: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for m in old.measurements:
        if m.error or not m.repeats:
            continue
        by_stack.setdefault(m.app, {}).setdefault(m.workload, []).append(m.model_dump())
    websocket, cold_starts = old.websocket or {}, old.cold_start or {}
    stacks: dict[str, StackCapacity] = {}
    for stack, workloads in by_stack.items():
        rss = websocket[stack].rss_per_1000_kb if stack in websocket else None
        samples = cold_starts[stack].samples_ms if stack in cold_starts else None
        stacks[stack] = StackCapacity(
            configuration=f"{int(cores)} process(es) pinned to {int(cores)} core(s), "
            f"database pool {old.configuration.db_pool}",
            data_access="raw" if stack == "express" else "orm",
            workloads={
                w: capacity(ms, cores, DEFAULT_P99_TARGET_MS) for w, ms in workloads.items()
            },
            ws_memory_per_1000_kb=interval([rss]) if rss else None,
            cold_start_ms=interval(samples) if samples else None,
        )
    return Evidence(
        document=document,
        date=old.finished_at,
        machine=description or "unknown machine",
        cores=cores,
        p99_target_ms=DEFAULT_P99_TARGET_MS,
        capacity=stacks,
        concurrency=old.summary_concurrency,
        summary=old.summary or {},
        cold_start_ms=old.cold_start_ms or {},
    )


def capacity(
    measurements: list[dict[str, Any]], cores: float, p99_target_ms: float
) -> WorkloadCapacity:
    """Per core, the best concurrency whose median p99 meets the target, else the lowest tail
    latency (flagged as missing the target)."""
    options = []
    for m in measurements:
        rps = interval([r["rps"] / cores for r in m["repeats"]])
        p99 = interval([r["latency_ms"]["p99"] for r in m["repeats"]])
        options.append((p99.median <= p99_target_ms, rps, p99))
    meeting = [o for o in options if o[0]]
    if meeting:
        _, rps, p99 = max(meeting, key=lambda o: o[1].median)
        return WorkloadCapacity(rps_per_core=rps, p99_ms=p99, meets_target=True)
    _, rps, p99 = min(options, key=lambda o: o[2].median)
    return WorkloadCapacity(rps_per_core=rps, p99_ms=p99, meets_target=False)
