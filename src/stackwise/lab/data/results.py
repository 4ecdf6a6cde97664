"""A lab run's raw results: one set of Pydantic models, from which its JSON Schema is generated.

The run builds these objects as it measures (every assignment is validated, so a bad figure
fails where it is made, not after a half-hour run), the report and the evidence page read them,
and the publish step turns one into the knowledge's small evidence file (see `capacity`). The
flat figures (medians at the headline concurrency, cold starts, WebSocket memory) are worked out
from the measurements when asked, never stored beside them.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from stackwise.lab.data.workloads import known_workload
from stackwise.lab.location import LAB_DIR

SCHEMA_VERSION = 3
RESULTS_FILE = "results.json"

WorkloadName = Annotated[str, AfterValidator(known_workload)]
DataAccess = Literal["orm", "raw"]
NonNegative = Field(ge=0)


class ResultsError(ValueError):
    """A results file is missing, not JSON, or does not fit the model."""


class _Model(BaseModel):
    # Assignments are validated too: the run fills these objects in step by step.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


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

    @property
    def total(self) -> int:
        return self.connect + self.read + self.write + self.timeout


class Repeat(_Model):
    """One wrk run with what the app, PostgreSQL and the load cores used meanwhile."""

    rps: float = NonNegative
    # None when wrk pipelined the requests: it then times whole batches, and its correction for
    # coordinated omission, spaced by answers rather than batches, fills its histogram below the
    # fastest batch, so the percentiles it prints (0 ms at p99) are no latency.
    latency_ms: Latency | None
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
    workload: WorkloadName
    concurrency: int = Field(ge=1)
    machine_before: MachineBefore | None = None
    repeats: list[Repeat] = []
    warnings: list[str] = []
    error: str | None = None


class ColdStart(_Model):
    samples_ms: list[float] = []
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
    status: Literal["measured", "excluded"] = "excluded"
    reason: str | None = "not reached"
    verification: list[str] = []
    configuration: AppConfiguration
    variants: dict[DataAccess, VariantStatus] = {}
    packages: dict[str, str] = {}  # exact installed versions


class Pinning(_Model):
    app_cpus: str
    load_cpus: str | None


class Configuration(_Model):
    """Everything that shapes a run: built from the command line, dumped as the results' block."""

    apps: list[str] = Field(min_length=1)
    workloads: list[WorkloadName] = Field(min_length=1)
    concurrency: list[int] = Field(min_length=1)
    duration_s: float = Field(gt=0)
    warmup_s: float = NonNegative
    repeat: int = Field(ge=1)
    quick: bool
    # None: each framework's documented process count; N: N processes for every app.
    workers_override: int | None = Field(default=None, ge=1)
    # Also measure each app's other data-access variant on the database workloads.
    variants: bool
    app_cores: int = Field(ge=1)  # the CPU budget every app gets
    pinning: Pinning | None
    cpu_note: str
    database: str
    # Never recorded: it may carry a password.
    database_url: str | None = Field(default=None, exclude=True)
    target: str | None = None  # an app served by `lab serve` elsewhere
    target_data_access: DataAccess | None = None  # the variant it was started with (None: usual)
    wrk_threads: int = Field(ge=1)
    upstream_delay_ms: float = NonNegative
    p99_target_ms: float = Field(gt=0)
    busy_wait_s: float = NonNegative  # how long a busy machine may calm down before measuring
    cold_start_samples: int = NonNegative
    ws_idle_connections: int = NonNegative
    ws_broadcast_clients: int = NonNegative
    ws_broadcast_rounds: int = NonNegative
    seed: int

    @property
    def headline_concurrency(self) -> int:
        """The highest measured concurrency: the one the flat figures report."""
        return max(self.concurrency)


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

    @property
    def summary(self) -> str:
        """The machine in one line, as the evidence names it."""
        return f"{self.cpu_model}, {self.cores} cores, {self.os}"


class Figures(_Model):
    """Median requests/s and median p99 over the repeats of one measurement."""

    rps: float = NonNegative
    p99_ms: float | None = Field(default=None, ge=0)  # None: not measured (pipelined)


class RunResults(_Model):
    """What `stackwise lab run` measured, where, and with which configuration."""

    schema_version: Literal[3] = 3  # SCHEMA_VERSION
    tool: str = "stackwise lab run"
    started_at: str
    finished_at: str
    duration_s: float = NonNegative
    machine: Machine
    configuration: Configuration
    apps: dict[str, AppEntry]
    measurements: list[Measurement] = []
    cold_start: dict[str, ColdStart] = {}
    websocket: dict[str, WebSocketFigures] = {}
    warnings: list[str] = []

    @property
    def summary_concurrency(self) -> int:
        return self.configuration.headline_concurrency

    def usual_measurements(self) -> list[Measurement]:
        """The measurements of each app on its framework's usual data access."""
        usual = {app: info.configuration.usual_data_access for app, info in self.apps.items()}
        return [m for m in self.measurements if usual.get(m.app) == m.data_access]

    def headline_repeats(self, app: str, workload: str) -> list[Repeat]:
        """One app's repeats on its usual data access at the headline concurrency."""
        for m in self.usual_measurements():
            if (m.app, m.workload, m.concurrency) == (app, workload, self.summary_concurrency):
                return list(m.repeats)
        return []

    @property
    def summary(self) -> dict[str, dict[str, Figures]]:
        """Per app and workload, usual data access: median req/s and p99 at the headline
        concurrency."""
        summary: dict[str, dict[str, Figures]] = {}
        for m in self.usual_measurements():
            if m.concurrency == self.summary_concurrency and m.repeats:
                summary.setdefault(m.app, {})[m.workload] = median_figures(m.repeats)
        return summary

    @property
    def cold_start_ms(self) -> dict[str, float]:
        return {
            app: cold.median_ms
            for app, cold in self.cold_start.items()
            if cold.median_ms is not None
        }

    @property
    def ws_rss_per_1000_kb(self) -> dict[str, float]:
        return {
            app: ws.rss_per_1000_kb
            for app, ws in self.websocket.items()
            if ws.rss_per_1000_kb is not None
        }


def median_figures(repeats: list[Repeat]) -> Figures:
    """Median requests/s and median p99 over the repeats of one measurement."""
    timed = [r.latency_ms.p99 for r in repeats if r.latency_ms is not None]
    return Figures(
        rps=round(statistics.median(r.rps for r in repeats), 1),
        p99_ms=round(statistics.median(timed), 3) if timed else None,
    )


def json_schema() -> dict[str, Any]:
    """The results file's JSON Schema, generated from the models (`stackwise lab schema`)."""
    return RunResults.model_json_schema()


def misfits(exc: ValidationError) -> list[str]:
    """Every place where a document breaks the model, as `path: message`."""
    return [f"{'.'.join(map(str, e['loc'])) or '(top level)'}: {e['msg']}" for e in exc.errors()]


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every place where a JSON document breaks the model (empty when valid)."""
    try:
        RunResults.model_validate(document)
    except ValidationError as exc:
        return misfits(exc)
    return []


def write_results(folder: Path, results: RunResults) -> Path:
    """Write a run's results.json into folder (the models were validated as they were built)."""
    target = folder / RESULTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(results.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return target


def load_results(location: Path) -> RunResults:
    """Read a results file (or the `results.json` in a folder), validated."""
    path = location / RESULTS_FILE if location.is_dir() else location
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResultsError(f"{path}: no results file here (run `stackwise lab run`)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{path}: not valid JSON ({exc})") from None
    try:
        results = RunResults.model_validate(document)
    except ValidationError as exc:
        raise ResultsError(
            f"{path}: does not fit the results model: " + "; ".join(misfits(exc)[:5])
        ) from None
    return results


def run_file(document: str) -> Path:
    """The results file an evidence's `document` names: repository-relative names are read
    from the checkout the lab folder is in."""
    path = Path(document)
    return path if path.is_absolute() else LAB_DIR.parent / path


def document_of(run_dir: Path) -> str:
    """How an evidence names a run kept in run_dir: relative to the repository when the run is
    in it, else its absolute path (the inverse of `run_file`)."""
    path = (run_dir / RESULTS_FILE).resolve()
    try:
        return path.relative_to(LAB_DIR.resolve().parent).as_posix()
    except ValueError:
        return str(path)
