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

from pydantic import ValidationError

from stackwise.knowledge.models import Evidence, Interval, StackCapacity, WorkloadCapacity

# The tail latency under which a throughput figure counts as capacity, for files that do not
# state their own: an interactive API that answers within half a second at p99.
DEFAULT_P99_TARGET_MS = 500.0


class EvidenceError(ValueError):
    """A lab results file is not JSON or does not fit the evidence shape."""


class _Misfit(ValueError):
    """A value of an old-format results file that does not fit, with where it sits."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        super().__init__(problem)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Misfit(where, f"must be a number, not {json.dumps(value)[:40]}")
    return float(value)


def _numbers(values: Any, where: str) -> list[float]:
    if not isinstance(values, list) or not values:
        raise _Misfit(where, f"must be a list of numbers, not {json.dumps(values)[:40]}")
    return [_number(v, f"{where}[{i}]") for i, v in enumerate(values)]


def _table(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Misfit(where, f"must be an object, not {json.dumps(value)[:40]}")
    return value


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
    try:
        if "evidence" in data:
            return Evidence.model_validate({**data["evidence"], "document": path.name})
        return _from_flat_results(data, path.name)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in ("evidence", *first["loc"]))
        raise EvidenceError(f"{path}: {where}: {first['msg']}") from None
    except _Misfit as exc:
        raise EvidenceError(f"{path}: {exc.where}: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EvidenceError(f"{path}: does not fit the lab results shape ({exc!r})") from None


def _from_flat_results(data: dict[str, Any], document: str) -> Evidence:
    """Convert a schema-1 results file: every app had one process pinned to one core."""
    config = _table(data.get("configuration"), "configuration")
    cores = _number(config.get("workers", 1), "configuration.workers")
    machine = _table(data.get("machine"), "machine")
    description = ", ".join(
        str(machine[k]) for k in ("cpu_model", "cores", "os") if machine.get(k) is not None
    )
    by_stack: dict[str, dict[str, list[dict[str, Any]]]] = {}
    measurements = data.get("measurements", [])
    if not isinstance(measurements, list):
        raise _Misfit("measurements", "must be a list")
    for i, m in enumerate(measurements):
        m = _table(m, f"measurements[{i}]")
        if m.get("error") or not m.get("repeats"):
            continue
        for r, repeat in enumerate(m["repeats"]):
            where = f"measurements[{i}].repeats[{r}]"
            _number(_table(repeat, where).get("rps"), f"{where}.rps")
            _number(_table(repeat.get("latency_ms"), where).get("p99"), f"{where}.latency_ms.p99")
        by_stack.setdefault(m["app"], {}).setdefault(m["workload"], []).append(m)
    websocket = _table(data.get("websocket"), "websocket")
    cold_starts = _table(data.get("cold_start"), "cold_start")
    stacks: dict[str, StackCapacity] = {}
    for stack, workloads in by_stack.items():
        figures = {w: capacity(ms, cores, DEFAULT_P99_TARGET_MS) for w, ms in workloads.items()}
        ws = _table(websocket.get(stack), f"websocket.{stack}")
        cold = _table(cold_starts.get(stack), f"cold_start.{stack}")
        rss = ws.get("rss_per_1000_kb")
        samples = cold.get("samples_ms")
        stacks[stack] = StackCapacity(
            configuration=f"{int(cores)} process(es) pinned to {int(cores)} core(s), "
            f"database pool {config.get('db_pool', '?')}",
            data_access="raw" if stack == "express" else "orm",
            workloads=figures,
            ws_memory_per_1000_kb=(
                interval([_number(rss, f"websocket.{stack}.rss_per_1000_kb")]) if rss else None
            ),
            cold_start_ms=(
                interval(_numbers(samples, f"cold_start.{stack}.samples_ms")) if samples else None
            ),
        )
    cold_start_ms = _table(data.get("cold_start_ms"), "cold_start_ms")
    return Evidence(
        document=document,
        date=str(data.get("finished_at", "")),
        machine=description or "unknown machine",
        cores=cores,
        p99_target_ms=DEFAULT_P99_TARGET_MS,
        capacity=stacks,
        concurrency=data.get("summary_concurrency"),
        summary=data.get("summary", {}),
        cold_start_ms={k: _number(v, f"cold_start_ms.{k}") for k, v in cold_start_ms.items()},
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
