"""A lab run's configuration: the command line turned into one checked object, and the CPU split.

Fair means an equal CPU budget: every app gets the same pinned cores and runs inside them the
concurrency its framework's production documentation recommends (see each app's lab.toml). The
load side (wrk, the upstream stub, this process and the throw-away PostgreSQL) gets the other
cores, so an app never competes with its own load generator or database for CPU.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from stackwise.lab.measure_wrk import WORKLOADS

QUICK_WORKLOADS = ("json", "saas")
QUICK_CONCURRENCY = (32,)
FULL_CONCURRENCY = (64,)  # one point keeps the full run within 30 minutes with the variants
# The workloads whose code differs between the ORM and the raw-driver variant of an app.
DATABASE_WORKLOADS = ("db", "queries", "updates", "fortunes", "saas")
MAX_CONCURRENCY = 1024
MAX_DURATION_S = 600.0
# A p99 within which a throughput figure counts as capacity: an interactive API's half second.
P99_TARGET_MS = 500.0


class RunInputError(ValueError):
    """A command-line value the run cannot use; the message names the option."""


@dataclass(frozen=True)
class CpuSplit:
    """Which cores the apps get (the CPU budget) and which the load side gets."""

    app_cpus: str | None  # taskset list, None when not pinned (one core, or a remote app)
    load_cpus: str | None

    @property
    def app_cores(self) -> int:
        """The CPU budget every app gets, in cores."""
        return len(cpu_list(self.app_cpus)) if self.app_cpus else os.cpu_count() or 1

    @property
    def load_cores(self) -> int:
        return len(cpu_list(self.load_cpus)) if self.load_cpus else os.cpu_count() or 1

    @property
    def note(self) -> str:
        """How the cores were shared, in words, for the results and the report."""
        if self.app_cpus is None:
            return "not pinned: the apps, wrk and PostgreSQL shared every core"
        return (
            f"apps pinned to CPU {self.app_cpus} ({self.app_cores} core(s), the budget every app "
            f"gets); wrk, the upstream stub, the harness and PostgreSQL pinned to CPU "
            f"{self.load_cpus}"
        )


def cpu_list(text: str) -> list[int]:
    """`0-2,5` as [0, 1, 2, 5]."""
    cpus: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        cpus.extend(range(int(first), int(last or first) + 1))
    return cpus


def split_cpus(cores: int) -> CpuSplit:
    """The first half of the cores for the app, the rest for the load side (one core: no pins)."""
    if cores < 2:
        return CpuSplit(None, None)
    half = cores // 2
    app = "0" if half == 1 else f"0-{half - 1}"
    load = str(half) if half == cores - 1 else f"{half}-{cores - 1}"
    return CpuSplit(app, load)


@dataclass(frozen=True)
class RunConfig:
    """Everything that shapes a run; recorded in the results' configuration block."""

    apps: list[str] | None
    workloads: list[str]
    concurrency: list[int]
    duration_s: float
    warmup_s: float
    repeat: int
    quick: bool
    workers: int | None  # None: each framework's documented count; N: N processes for every app
    variants: bool  # also measure each app's other data-access variant on the database workloads
    cold_start_samples: int
    ws_idle_connections: int
    ws_broadcast_clients: int
    ws_broadcast_rounds: int
    busy_wait_s: float  # how long to wait for a busy machine to calm down before measuring
    database_url: str | None = None  # an existing PostgreSQL instead of a throw-away one
    target: str | None = None  # an app `lab serve` runs elsewhere: verified and loaded, not started
    target_cores: int = 1  # that app's CPU budget, for requests per core
    target_data_access: str | None = None  # the variant it was started with (None: usual)
    upstream_delay_ms: int = 50
    seed: int = 2026
    p99_target_ms: float = P99_TARGET_MS
    cpus: CpuSplit = field(default_factory=lambda: split_cpus(os.cpu_count() or 1))

    @property
    def headline_concurrency(self) -> int:
        """The highest measured concurrency: the one the flat summary reports."""
        return max(self.concurrency)

    @property
    def wrk_threads(self) -> int:
        return self.cpus.load_cores

    @property
    def app_cores(self) -> int:
        """The CPU budget of every measured app (a served one's as stated by --target-cores)."""
        return self.target_cores if self.target else self.cpus.app_cores

    def planned_seconds(self, apps: int) -> float:
        """A rough estimate of the run's length, for the progress bar's ETA."""
        per_point = self.warmup_s + self.repeat * (self.duration_s + 1.5)
        points = len(self.workloads) + (
            sum(w in DATABASE_WORKLOADS for w in self.workloads) if self.variants else 0
        )
        load = points * len(self.concurrency) * per_point
        per_app = 25 + 3 * self.cold_start_samples + 9 + load
        return apps * per_app


def parse_duration(text: str, option: str = "--duration") -> float:
    """`15s`, `15`, `2m` or `500ms` as seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", text)
    if not match:
        raise RunInputError(f"{option}: {text!r} is not a duration (examples: 15s, 2m)")
    value = float(match[1]) * {"ms": 0.001, "s": 1.0, None: 1.0, "m": 60.0}[match[2]]
    if not 1 <= value <= MAX_DURATION_S:
        raise RunInputError(f"{option}: {text!r} must be between 1 s and {MAX_DURATION_S:.0f} s")
    return value


def parse_concurrency(text: str) -> list[int]:
    """`16,64,256` as a sorted list of distinct connection counts."""
    values = []
    for part in text.split(","):
        if not part.strip().isdigit() or not 1 <= int(part) <= MAX_CONCURRENCY:
            raise RunInputError(
                f"--concurrency: {part.strip()!r} is not a connection count in 1..{MAX_CONCURRENCY}"
            )
        values.append(int(part))
    return sorted(set(values))


def parse_workloads(text: str) -> list[str]:
    """`json,db` as workload names, in the lab's order."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown or not names:
        raise RunInputError(
            f"--workloads: unknown {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(WORKLOADS)}"
        )
    return [w for w in WORKLOADS if w in names]


def parse_apps(text: str | None) -> list[str] | None:
    """`django,express` as app names (checked against lab/apps when the run starts)."""
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise RunInputError("--apps: name at least one app (e.g. django,express)")
    return names


def parse_url(text: str | None, option: str, schemes: tuple[str, ...]) -> str | None:
    """A URL option, refused with its name when the scheme or host is missing."""
    if text is None:
        return None
    match = re.fullmatch(r"([a-z]+)://[^/\s]+(/\S*)?", text.strip())
    if not match or match[1] not in schemes:
        raise RunInputError(
            f"{option}: {text!r} is not a URL of the form {schemes[0]}://host:port/..."
        )
    return text.strip().rstrip("/") if option == "--target" else text.strip()


def build_config(
    apps: str | None = None,
    workloads: str | None = None,
    concurrency: str | None = None,
    duration: str | None = None,
    repeat: int | None = None,
    quick: bool = False,
    workers: int | None = None,
    variants: bool | None = None,
    database_url: str | None = None,
    target: str | None = None,
    target_cores: int | None = None,
    data_access: str | None = None,
) -> RunConfig:
    """The run's configuration from the command line: --quick sets small defaults, options win."""
    if repeat is not None and not 1 <= repeat <= 20:
        raise RunInputError(f"--repeat: {repeat} must be between 1 and 20")
    if workers is not None and not 1 <= workers <= 64:
        raise RunInputError(f"--workers: {workers} must be between 1 and 64")
    default_workloads = ",".join(QUICK_WORKLOADS if quick else WORKLOADS)
    default_concurrency = ",".join(map(str, QUICK_CONCURRENCY if quick else FULL_CONCURRENCY))
    duration_s = parse_duration(duration or ("3s" if quick else "8s"))
    cores = os.cpu_count() or 1
    names = parse_apps(apps)
    target_url = parse_url(target, "--target", ("http", "https"))
    if target_url is None and (target_cores is not None or data_access is not None):
        raise RunInputError("--target-cores and --data-access describe a --target; give its URL")
    if target_url and (names is None or len(names) != 1):
        raise RunInputError("--target: name the one app it serves with --apps (e.g. --apps django)")
    if target_url and database_url is None:
        raise RunInputError("--target: give the --database-url the served app uses")
    if data_access not in (None, "orm", "raw"):
        raise RunInputError(f"--data-access: {data_access!r} is not orm or raw")
    if target_cores is not None and not 1 <= target_cores <= 1024:
        raise RunInputError(f"--target-cores: {target_cores} must be between 1 and 1024")
    return RunConfig(
        apps=names,
        workloads=parse_workloads(workloads or default_workloads),
        concurrency=parse_concurrency(concurrency or default_concurrency),
        duration_s=duration_s,
        warmup_s=1.0 if quick else 2.0,
        repeat=repeat or (1 if quick else 3),
        quick=quick,
        workers=workers,
        variants=True if variants is None else variants,
        cold_start_samples=2 if quick else 5,
        ws_idle_connections=200 if quick else 1000,
        ws_broadcast_clients=10 if quick else 100,
        ws_broadcast_rounds=5 if quick else 20,
        busy_wait_s=0.0 if quick else 30.0,
        database_url=parse_url(database_url, "--database-url", ("postgresql", "postgres")),
        target=target_url,
        target_cores=target_cores or 1,
        target_data_access=data_access,
        # The served app is pinned on its own machine; here the load side may use every core.
        cpus=CpuSplit(None, None) if target_url else split_cpus(cores),
    )
