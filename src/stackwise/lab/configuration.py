"""A lab run's configuration: the command line turned into one checked object, and the CPU split.

Fair means an equal CPU budget: every app gets the same pinned cores and runs inside them the
concurrency its framework's production documentation recommends (see each app's lab.toml). The
load side (wrk, the upstream stub, this process and the throw-away PostgreSQL) gets the other
cores, so an app never competes with its own load generator or database for CPU. The object is
the results' `Configuration` model: what shaped the run is recorded exactly as it was used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from stackwise.knowledge.models import STACK_IDS
from stackwise.lab.data.results import Configuration, DataAccess, Pinning
from stackwise.lab.data.workloads import DATABASE_WORKLOADS, WORKLOAD_NAMES

QUICK_WORKLOADS = ("json", "saas")
QUICK_CONCURRENCY = (32,)
# One point keeps the full run near half an hour with the variants (about 33 minutes for the
# ten workloads on a 2-core machine).
FULL_CONCURRENCY = (64,)
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


def parse_duration(text: str, option: str = "--duration") -> float:
    """`15s`, `15`, `2m` or `500ms` as seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", text)
    if not match:
        raise RunInputError(f"{option}: {text!r} is not a duration (examples: 15s, 2m)")
    value = float(match[1]) * {"ms": 0.001, "s": 1.0, None: 1.0, "m": 60.0}[match[2]]
    if not 1 <= value <= MAX_DURATION_S:
        raise RunInputError(f"{option}: {text!r} must be between 1 s and {MAX_DURATION_S:.0f} s")
    return value


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


def cpus_of(config: Configuration) -> CpuSplit:
    """The cores a configuration pins the apps and the load side to."""
    if config.pinning is None:
        return CpuSplit(None, None)
    return CpuSplit(config.pinning.app_cpus, config.pinning.load_cpus)


def planned_seconds(config: Configuration, apps: int) -> float:
    """A rough estimate of the run's length, for the progress bar's ETA."""
    per_point = config.warmup_s + config.repeat * (config.duration_s + 1.5)
    points = len(config.workloads) + (
        sum(w in DATABASE_WORKLOADS for w in config.workloads) if config.variants else 0
    )
    load = points * len(config.concurrency) * per_point
    per_app = 25 + 3 * config.cold_start_samples + 9 + load
    return apps * per_app


def build_config(
    *,
    apps: list[str] | None = None,
    workloads: list[str] | None = None,
    concurrency: list[int] | None = None,
    duration: str | None = None,
    repeat: int | None = None,
    quick: bool = False,
    workers: int | None = None,
    variants: bool = True,
    database_url: str | None = None,
    target: str | None = None,
    target_cores: int | None = None,
    data_access: DataAccess | None = None,
) -> Configuration:
    """The run's configuration from the command line's typed options: --quick sets small
    defaults, options win. Typer has checked each value's type and range; this checks what
    only the options together can say."""
    target_url = parse_url(target, "--target", ("http", "https"))
    if target_url is None and (target_cores is not None or data_access is not None):
        raise RunInputError("--target-cores and --data-access describe a --target; give its URL")
    if target_url and (apps is None or len(apps) != 1):
        raise RunInputError("--target: name the one app it serves with --apps (e.g. --apps django)")
    if target_url and database_url is None:
        raise RunInputError("--target: give the --database-url the served app uses")
    # The served app is pinned on its own machine; here the load side may use every core.
    cpus = CpuSplit(None, None) if target_url else split_cpus(os.cpu_count() or 1)
    chosen = set(workloads or (QUICK_WORKLOADS if quick else WORKLOAD_NAMES))
    return Configuration(
        apps=list(dict.fromkeys(apps or STACK_IDS)),
        workloads=[w for w in WORKLOAD_NAMES if w in chosen],
        concurrency=sorted(set(concurrency or (QUICK_CONCURRENCY if quick else FULL_CONCURRENCY))),
        duration_s=parse_duration(duration or ("3s" if quick else "8s")),
        warmup_s=1.0 if quick else 2.0,
        repeat=repeat or (1 if quick else 3),
        quick=quick,
        workers_override=workers,
        variants=variants,
        app_cores=(target_cores or 1) if target_url else cpus.app_cores,
        pinning=Pinning(app_cpus=cpus.app_cpus, load_cpus=cpus.load_cpus)
        if cpus.app_cpus
        else None,
        cpu_note=cpus.note,
        database="existing server (--database-url)"
        if database_url
        else "throw-away PostgreSQL on the load cores",
        database_url=parse_url(database_url, "--database-url", ("postgresql", "postgres")),
        target=target_url,
        target_data_access=data_access,
        wrk_threads=cpus.load_cores,
        upstream_delay_ms=50,
        p99_target_ms=P99_TARGET_MS,
        busy_wait_s=0.0 if quick else 30.0,
        cold_start_samples=2 if quick else 5,
        ws_idle_connections=200 if quick else 1000,
        ws_broadcast_clients=10 if quick else 100,
        ws_broadcast_rounds=5 if quick else 20,
        seed=2026,
    )
