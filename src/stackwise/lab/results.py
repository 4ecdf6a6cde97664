"""The lab's results file: one set of Pydantic models, from which its JSON Schema is generated.

A file is validated whenever it is written or read, so the advisor, the report and the web page
can trust its shape. Its `evidence` block is the advisor's `Evidence` (capacity per core with
intervals), so the advisor reads the shipped results file itself. Files of the first schema
(one process per app, no data-access variants) are upgraded when read.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stackwise.knowledge.models import Evidence, WorkloadFigures
from stackwise.lab.postgres import PG_BIN

SCHEMA_VERSION = 2
RESULTS_FILE = "results.json"

Results = dict[str, Any]
Workload = Literal["json", "plaintext", "db", "queries", "updates", "fortunes", "saas", "upstream"]
DataAccess = Literal["orm", "raw"]
NonNegative = Field(ge=0)


class ResultsError(ValueError):
    """A results file is missing, not JSON, or does not fit the model."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Latency(_Model):
    p50: float = NonNegative
    p90: float = NonNegative
    p99: float = NonNegative
    max: float = NonNegative


class SocketErrors(_Model):
    connect: int = NonNegative
    read: int = NonNegative
    write: int = NonNegative
    timeout: int = NonNegative


class Repeat(_Model):
    """One wrk run with what the app, PostgreSQL and the load cores used meanwhile."""

    rps: float = NonNegative
    latency_ms: Latency
    requests: int = NonNegative
    duration_s: float = NonNegative
    non_2xx: int = NonNegative
    socket_errors: SocketErrors
    app_peak_rss_kb: int = NonNegative
    app_peak_pss_kb: int = NonNegative
    app_processes: int = NonNegative
    app_cpu_s: float = NonNegative
    wrk_cpu_s: float = NonNegative
    wrk_cpu_share: float = NonNegative
    postgres_cpu_s: float | None = Field(default=None, ge=0)  # None: database elsewhere
    load_cores_busy: float | None = Field(default=None, ge=0, le=1)  # None: not pinned


class MachineBefore(_Model):
    """The busy-machine check made just before the measurement."""

    load_average_1m: float = NonNegative
    busy_share: float = Field(ge=0, le=1)
    steal_share: float = Field(ge=0, le=1)
    waited_s: float = NonNegative


class Measurement(_Model):
    app: str
    data_access: DataAccess
    workload: Workload
    concurrency: int = Field(ge=1)
    machine_before: MachineBefore | None = None
    repeats: list[Repeat]
    warnings: list[str] = []
    error: str | None = None


class ColdStart(_Model):
    samples_ms: list[float]
    median_ms: float | None = Field(default=None, ge=0)
    idle_rss_kb: int | None = Field(default=None, ge=0)
    idle_pss_kb: int | None = Field(default=None, ge=0)
    error: str | None = None


class WebSocketFigures(_Model):
    idle_connections: int | None = Field(default=None, ge=0)
    rss_before_kb: int | None = Field(default=None, ge=0)
    rss_after_kb: int | None = Field(default=None, ge=0)
    rss_per_1000_kb: float | None = None
    broadcast_clients: int | None = Field(default=None, ge=0)
    broadcast_rounds: int | None = Field(default=None, ge=0)
    broadcast_median_ms: float | None = Field(default=None, ge=0)
    broadcast_max_ms: float | None = Field(default=None, ge=0)
    error: str | None = None


class AppConfiguration(_Model):
    """How an app ran, and the documentation that says production runs it so."""

    server: str
    workers: int = Field(ge=1)
    threads: int = NonNegative
    db_pool: int = NonNegative  # per process; 0 means one connection per thread
    db_connections: int = NonNegative
    env: dict[str, str] = {}
    usual_data_access: DataAccess
    data_access: dict[DataAccess, str]  # variant -> what it uses
    sources: list[str]
    source: str  # the app's code


class VariantStatus(_Model):
    status: Literal["measured", "excluded"]
    verification: list[str] = []


class AppEntry(_Model):
    family: Literal["python", "node"]
    framework: str
    status: Literal["measured", "excluded"]
    reason: str | None = None
    verification: list[str] = []
    configuration: AppConfiguration | None = None
    variants: dict[DataAccess, VariantStatus] = {}
    packages: dict[str, str] = {}  # exact installed versions


class Pinning(_Model):
    app_cpus: str
    load_cpus: str | None


class Configuration(_Model):
    apps: list[str] = Field(min_length=1)
    workloads: list[Workload] = Field(min_length=1)
    concurrency: list[int] = Field(min_length=1)
    duration_s: float = Field(gt=0)
    warmup_s: float = NonNegative
    repeat: int = Field(ge=1)
    quick: bool
    workers_override: int | None = Field(default=None, ge=1)
    variants: bool
    app_cores: int = Field(ge=1)
    pinning: Pinning | None
    cpu_note: str
    database: str
    target: str | None = None  # an app served by `lab serve` elsewhere
    wrk_threads: int = Field(ge=1)
    upstream_delay_ms: float = NonNegative
    headline_concurrency: int = Field(ge=1)
    p99_target_ms: float = Field(gt=0)
    busy_wait_s: float = NonNegative
    cold_start_samples: int = NonNegative
    ws_idle_connections: int = NonNegative
    ws_broadcast_clients: int = NonNegative
    ws_broadcast_rounds: int = NonNegative
    seed: int


class Machine(_Model):
    cpu_model: str
    cores: int = Field(ge=1)
    memory_gb: float = NonNegative
    os: str
    kernel: str = ""
    python: str
    node: str | None
    postgresql: str | None
    wrk: str | None = None
    frameworks: dict[str, str | None]
    note: str


class RunResults(_Model):
    """What `stackwise lab run` measured, where, and with which configuration."""

    schema_version: Literal[2]
    tool: str = "stackwise lab run"
    started_at: str
    finished_at: str
    duration_s: float = NonNegative
    machine: Machine
    configuration: Configuration
    apps: dict[str, AppEntry]
    measurements: list[Measurement]
    cold_start: dict[str, ColdStart]
    websocket: dict[str, WebSocketFigures]
    summary_concurrency: int = Field(ge=1)
    # Per app and workload, usual data access: median req/s and p99 at summary_concurrency.
    summary: dict[str, dict[Workload, WorkloadFigures]]
    cold_start_ms: dict[str, float]
    ws_rss_per_1000_kb: dict[str, float]
    warnings: list[str]
    evidence: Evidence  # what the advisor reads: capacity per core, with intervals


def json_schema() -> dict[str, Any]:
    """The results file's JSON Schema, generated from the models (`stackwise lab schema`)."""
    return RunResults.model_json_schema()


def schema_errors(results: Results) -> list[str]:
    """Every place where the document breaks the model, as `path: message` (empty when valid)."""
    try:
        RunResults.model_validate(results)
    except ValidationError as exc:
        return [
            f"{'.'.join(map(str, e['loc'])) or '(top level)'}: {e['msg']}" for e in exc.errors()
        ]
    return []


def write_results(path: Path, results: Results) -> Path:
    """Validate and write a results file (`path` a folder: its results.json); refuse a broken one."""
    problems = schema_errors(results)
    if problems:
        raise ResultsError("the results do not fit the results model: " + "; ".join(problems[:5]))
    target = path / RESULTS_FILE if path.suffix != ".json" else path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def load_results(location: Path) -> Results:
    """Read a results file (or the `results.json` in a folder), upgraded and validated."""
    path = location / RESULTS_FILE if location.is_dir() else location
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResultsError(f"{path}: no results file here (run `stackwise lab run`)") from None
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(results, dict):
        raise ResultsError(f"{path}: a results file holds one JSON object")
    if results.get("schema_version") == 1:
        results = upgrade_first_schema(results, path.name)
    problems = schema_errors(results)
    if problems:
        raise ResultsError(f"{path}: does not fit the results model: " + "; ".join(problems[:5]))
    checked: Results = results
    return checked


def upgrade_first_schema(old: Results, document: str) -> Results:
    """A schema-1 file in the current shape: one process per app, each on its usual data access
    (raw SQL for Express, the ORM elsewhere), database not pinned and its CPU not recorded."""
    from stackwise.knowledge.evidence import first_misfit, from_first_schema

    try:
        evidence = from_first_schema(old, document)
    except ValidationError as exc:
        raise ResultsError(f"{document}: {first_misfit(exc)}") from None
    try:
        config = old["configuration"]
        usual: dict[str, DataAccess] = {
            app: "raw" if app == "express" else "orm" for app in old["apps"]
        }
        pinning = config.get("pinning")
        new = {
            **old,
            "schema_version": SCHEMA_VERSION,
            "configuration": {
                **{
                    k: v
                    for k, v in config.items()
                    if k not in ("workers", "db_pool", "workers_note")
                },
                "workers_override": config["workers"],
                "variants": False,
                "app_cores": config["workers"],
                "pinning": pinning
                and {"app_cpus": pinning["app_cpus"], "load_cpus": pinning["wrk_cpus"]},
                "cpu_note": config["workers_note"],
                "database": "throw-away PostgreSQL, not pinned (schema 1)",
                "wrk_threads": config.get("wrk_threads", 1),
                "p99_target_ms": 500.0,
                "busy_wait_s": 0.0,
                "seed": config.get("seed", 0),
            },
            "measurements": [{**m, "data_access": usual[m["app"]]} for m in old["measurements"]],
            "evidence": evidence.model_dump(mode="json"),
        }
        for key in ("upstream_delay_ms", "cold_start_samples", "ws_idle_connections"):
            new["configuration"].setdefault(key, 0)
        for key in ("ws_broadcast_clients", "ws_broadcast_rounds"):
            new["configuration"].setdefault(key, 0)
        return new
    except (KeyError, TypeError) as exc:
        raise ResultsError(f"{document}: a schema-1 file missing {exc}") from None


def _first_line(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float:
    import psutil

    return round(float(psutil.virtual_memory().total) / 1024**3, 1)


def _os_name() -> str:
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
    except OSError:
        return platform.system()


def machine_block(frameworks: dict[str, str | None], note: str) -> dict[str, Any]:
    """Where the run happened: hardware, OS and the version of every runtime and framework."""
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count() or 1,
        "memory_gb": _memory_gb(),
        "os": _os_name(),
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "node": _first_line(["node", "--version"]),
        "postgresql": _first_line([str(PG_BIN / "postgres"), "--version"]),
        "wrk": _first_line(["wrk", "-v"]),
        "frameworks": frameworks,
        "note": note,
    }


def median_figures(repeats: list[dict[str, Any]]) -> dict[str, float]:
    """Median requests/s and median p99 over the repeats of one measurement."""
    return {
        "rps": round(statistics.median(r["rps"] for r in repeats), 1),
        "p99_ms": round(statistics.median(r["latency_ms"]["p99"] for r in repeats), 3),
    }


def usual_measurements(results: Results) -> list[dict[str, Any]]:
    """The measurements of each app on its framework's usual data access."""
    usual = {
        app: (info.get("configuration") or {}).get("usual_data_access")
        for app, info in results["apps"].items()
    }
    return [m for m in results["measurements"] if usual.get(m["app"]) in (None, m["data_access"])]


def add_summary(results: Results) -> Results:
    """Fill the blocks the advisor and the report read: the flat summary and the evidence."""
    from stackwise.lab.capacity import evidence_block

    headline = results["configuration"]["headline_concurrency"]
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for measurement in usual_measurements(results):
        if measurement["concurrency"] != headline or not measurement["repeats"]:
            continue
        figures = median_figures(measurement["repeats"])
        summary.setdefault(measurement["app"], {})[measurement["workload"]] = figures
    results["summary_concurrency"] = headline
    results["summary"] = summary
    results["cold_start_ms"] = {
        app: cold["median_ms"]
        for app, cold in results["cold_start"].items()
        if cold.get("median_ms") is not None
    }
    results["ws_rss_per_1000_kb"] = {
        app: ws["rss_per_1000_kb"]
        for app, ws in results["websocket"].items()
        if ws.get("rss_per_1000_kb") is not None
    }
    results["evidence"] = evidence_block(results)
    return results
