"""`stackwise lab run`: verify, then measure every app under the same conditions, and write results.

Order of work: install every app (cached), start one throw-away PostgreSQL with the data and one
upstream stub, then per app: the conformance check (an app that fails it is not measured), cold
start and the WebSocket room on fresh processes, then every workload at every concurrency.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stackwise.lab.measure_wrk import WORKLOADS

Progress = Callable[[str, float], None]  # (what is happening now, estimated seconds just done)

QUICK_WORKLOADS = ("json", "saas")
QUICK_CONCURRENCY = (32,)
DEFAULT_RESULTS_DIR = Path(__file__).resolve().parents[3] / "lab" / "results" / "default"
MAX_CONCURRENCY = 1024
MAX_DURATION_S = 600.0


class RunInputError(ValueError):
    """A command-line value the run cannot use; the message names the option."""


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
    workers: int
    db_pool: int
    cold_start_samples: int
    ws_idle_connections: int
    ws_broadcast_clients: int
    ws_broadcast_rounds: int
    upstream_delay_ms: int = 50
    seed: int = 2026
    cores: int = field(default_factory=lambda: os.cpu_count() or 1)

    @property
    def headline_concurrency(self) -> int:
        """The middle measured concurrency (64 of 16,64,256): the one the summary reports."""
        ordered = sorted(self.concurrency)
        return ordered[len(ordered) // 2]

    @property
    def pinning(self) -> dict[str, str] | None:
        """App on the first half of the cores, wrk (and this process) on the rest."""
        if self.cores < 2:
            return None
        half = self.cores // 2
        app = "0" if half == 1 else f"0-{half - 1}"
        wrk = str(half) if half == self.cores - 1 else f"{half}-{self.cores - 1}"
        return {"app_cpus": app, "wrk_cpus": wrk}

    @property
    def wrk_threads(self) -> int:
        return max(1, self.cores - self.cores // 2) if self.cores >= 2 else 1

    @property
    def workers_note(self) -> str:
        if self.cores <= 2:
            return (
                f"{self.workers} worker(s) per app on a {self.cores}-core machine: the app and wrk "
                "get a core each"
            )
        return f"{self.workers} worker(s) per app on {self.cores} cores, wrk on the other half"

    def planned_seconds(self, apps: int) -> float:
        """A rough estimate of the run's length, for the progress bar's ETA."""
        load = (
            len(self.workloads)
            * len(self.concurrency)
            * (self.warmup_s + self.repeat * (self.duration_s + 0.5))
        )
        per_app = 20 + 3 * self.cold_start_samples + 6 + 3 + load
        return apps * per_app


def default_workers(cores: int) -> int:
    """One worker on a 2-core machine (the app and wrk get a core each), half the cores beyond."""
    return 1 if cores <= 2 else cores // 2


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


def build_config(
    apps: str | None = None,
    workloads: str | None = None,
    concurrency: str | None = None,
    duration: str | None = None,
    repeat: int | None = None,
    quick: bool = False,
) -> RunConfig:
    """The run's configuration from the command line: --quick sets small defaults, options win."""
    if repeat is not None and not 1 <= repeat <= 20:
        raise RunInputError(f"--repeat: {repeat} must be between 1 and 20")
    cores = os.cpu_count() or 1
    default_workloads = ",".join(QUICK_WORKLOADS if quick else WORKLOADS)
    default_concurrency = ",".join(map(str, QUICK_CONCURRENCY)) if quick else "16,64,256"
    duration_s = parse_duration(duration or ("3s" if quick else "15s"))
    return RunConfig(
        apps=parse_apps(apps),
        workloads=parse_workloads(workloads or default_workloads),
        concurrency=parse_concurrency(concurrency or default_concurrency),
        duration_s=duration_s,
        warmup_s=1.0 if quick else min(5.0, max(1.0, duration_s / 4)),
        repeat=repeat or (1 if quick else 3),
        quick=quick,
        workers=default_workers(cores),
        db_pool=4,
        cold_start_samples=2 if quick else 5,
        ws_idle_connections=200 if quick else 1000,
        ws_broadcast_clients=10 if quick else 100,
        ws_broadcast_rounds=5 if quick else 20,
        cores=cores,
    )


@contextmanager
def _started(running: Any) -> Iterator[Any]:
    """Start an app and always stop it, also when Ctrl-C lands while it is still starting
    (RunningApp's own __enter__ leaves its processes running if interrupted mid-start)."""
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
    """Run this process (wrk's parent, the upstream stub, the sampler) on the load-side cores."""
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    first, _, last = cpus.partition("-")
    os.sched_setaffinity(0, range(int(first), int(last or first) + 1))
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def _configuration_block(config: RunConfig, apps: list[str]) -> dict[str, Any]:
    return {
        "apps": apps,
        "workloads": config.workloads,
        "concurrency": config.concurrency,
        "duration_s": config.duration_s,
        "warmup_s": config.warmup_s,
        "repeat": config.repeat,
        "quick": config.quick,
        "workers": config.workers,
        "db_pool": config.db_pool,
        "workers_note": config.workers_note,
        "pinning": config.pinning,
        "wrk_threads": config.wrk_threads,
        "upstream_delay_ms": config.upstream_delay_ms,
        "headline_concurrency": config.headline_concurrency,
        "cold_start_samples": config.cold_start_samples,
        "ws_idle_connections": config.ws_idle_connections,
        "ws_broadcast_clients": config.ws_broadcast_clients,
        "ws_broadcast_rounds": config.ws_broadcast_rounds,
        "seed": config.seed,
    }


def _measure_workloads(
    name: str,
    running_app: Any,
    config: RunConfig,
    wrk_cpus: str | None,
    results: dict[str, Any],
    tick: Progress,
) -> None:
    """Every workload at every concurrency against one started app, appended to results."""
    from stackwise.lab.measure import measure_load

    with running_app as running:
        for workload in config.workloads:
            for concurrency in config.concurrency:
                where = f"{name} /{workload} at {concurrency}"
                tick(f"{name}: /{workload} at {concurrency} connections", 0)
                entry = measure_load(
                    running,
                    workload,
                    concurrency,
                    config.duration_s,
                    config.warmup_s,
                    config.repeat,
                    wrk_cpus,
                    config.wrk_threads,
                )
                entry["app"] = name
                results["measurements"].append(entry)
                results["warnings"] += [f"{where}: {w}" for w in entry["warnings"]]
                if entry["error"]:
                    results["warnings"].append(f"{where}: {entry['error']}")
                tick(f"{where} done", config.warmup_s + config.repeat * (config.duration_s + 0.5))


def run_lab(config: RunConfig, progress: Progress | None = None) -> dict[str, Any]:
    """Measure the apps and return the results document (validated by the caller's write)."""
    from stackwise.lab import apps as lab_apps
    from stackwise.lab.dataset import load
    from stackwise.lab.measure import measure_cold_start
    from stackwise.lab.postgres import throwaway_postgres
    from stackwise.lab.results import SCHEMA_VERSION, add_summary, machine_block
    from stackwise.lab.upstream import UpstreamStub
    from stackwise.lab.verify import Verifier

    tick = progress or (lambda _what, _seconds: None)
    started, began = datetime.now(UTC), time.monotonic()
    selected = lab_apps.discover_apps(config.apps)
    pinning = config.pinning
    app_cpus = pinning["app_cpus"] if pinning else None
    wrk_cpus = pinning["wrk_cpus"] if pinning else None

    apps_block: dict[str, dict[str, Any]] = {}
    frameworks: dict[str, str | None] = {}
    installed = []
    for app in selected:
        info: dict[str, Any] = {"family": app.family, "framework": app.framework}
        apps_block[app.name] = info
        tick(f"{app.name}: installing (cached when unchanged)", 0)
        try:
            lab_apps.install(app)
        except (lab_apps.AppError, OSError) as exc:
            info.update(status="excluded", reason=f"install failed: {str(exc).splitlines()[0]}")
            continue
        frameworks[app.name] = lab_apps.version(app)
        installed.append(app)

    results: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": "stackwise lab run",
        "configuration": _configuration_block(config, [a.name for a in selected]),
        "apps": apps_block,
        "measurements": [],
        "cold_start": {},
        "websocket": {},
        "warnings": [],
    }
    logs = Path(tempfile.mkdtemp(prefix="stackwise-lab-logs-"))
    try:
        with (
            throwaway_postgres() as pg,
            UpstreamStub(delay_ms=config.upstream_delay_ms) as stub,
            _affinity(wrk_cpus),
        ):
            tick("loading the data set into PostgreSQL", 0)
            db_url = pg.create_database("lab")
            load(db_url, seed=config.seed)

            def start(app: lab_apps.LabApp) -> AbstractContextManager[lab_apps.RunningApp]:
                return _started(
                    lab_apps.RunningApp(
                        app, db_url, stub.url, config.workers, config.db_pool, logs, app_cpus
                    )
                )

            for app in installed:
                info = apps_block[app.name]
                tick(f"{app.name}: conformance check", 0)
                try:
                    with start(app) as running:
                        checks = Verifier(running, db_url, stub).run()
                except lab_apps.AppError as exc:
                    info.update(status="excluded", reason=f"did not start: {exc}")
                    tick(f"{app.name}: did not start", config.planned_seconds(1))
                    continue
                failed = [f"{c.endpoint}: {c.detail}" for c in checks if not c.ok]
                info["verification"] = failed
                if failed:
                    info.update(
                        status="excluded",
                        reason="failed the conformance check: " + "; ".join(failed),
                    )
                    tick(f"{app.name}: failed the conformance check", config.planned_seconds(1))
                    continue
                info.update(status="measured", reason=None)
                tick(f"{app.name}: passed the conformance check", 20)

                tick(f"{app.name}: cold start and WebSocket room", 0)
                try:
                    cold, ws = measure_cold_start(
                        lambda app=app: start(app),
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
                    _measure_workloads(app.name, start(app), config, wrk_cpus, results, tick)
                except lab_apps.AppError as exc:
                    results["warnings"].append(f"{app.name}: load phase did not start: {exc}")
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
            frameworks,
            note=f"Measured by a real `stackwise lab run{' --quick' if config.quick else ''}` on "
            "this machine; the apps, wrk and PostgreSQL all ran on it, over loopback.",
        ),
    )
    return add_summary(results)


def write_run(results: dict[str, Any], out: Path, update_knowledge: bool) -> list[Path]:
    """Write results.json, charts and report.md to out (and to the shipped default folder)."""
    from stackwise.lab.report import write_report
    from stackwise.lab.results import write_results

    written = [write_results(out, results), write_report(out)]
    if update_knowledge and out.resolve() != DEFAULT_RESULTS_DIR.resolve():
        if DEFAULT_RESULTS_DIR.exists():
            shutil.rmtree(DEFAULT_RESULTS_DIR)
        DEFAULT_RESULTS_DIR.mkdir(parents=True)
        for path in [out / "results.json", out / "report.md", *sorted(out.glob("*.png"))]:
            shutil.copy2(path, DEFAULT_RESULTS_DIR / path.name)
        written.append(DEFAULT_RESULTS_DIR)
    if update_knowledge:
        # The advisor's performance factor reads its copy from the shipped knowledge folder.
        from stackwise.knowledge.loader import DATA_DIR, EVIDENCE_FILE

        shutil.copy2(out / "results.json", DATA_DIR / EVIDENCE_FILE)
        written.append(DATA_DIR / EVIDENCE_FILE)
    return written


@contextmanager
def progress_bar(total_s: float) -> Iterator[Progress]:
    """A Rich progress bar with an ETA, advanced by the estimated seconds each step stood for."""
    from rich.progress import (
        BarColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as RichProgress,
    )

    with RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("starting", total=total_s)

        def advance(what: str, seconds: float) -> None:
            bar.update(task, description=what, advance=seconds)

        yield advance
        bar.update(task, completed=total_s, description="done")


def run_lab_command(
    apps: str | None,
    workloads: str | None,
    concurrency: str | None,
    duration: str | None,
    repeat: int | None,
    quick: bool,
    out: str | None,
    update_knowledge: bool,
) -> None:
    """The body of `stackwise lab run`: exit 2 on bad input or missing tools, 130 on Ctrl-C."""
    import typer
    from rich.console import Console

    from stackwise.lab.apps import AppError
    from stackwise.lab.ctrl_c import ctrl_c_stops
    from stackwise.lab.prereqs import missing_prerequisites
    from stackwise.lab.results import ResultsError

    console, errors = Console(), Console(stderr=True)
    try:
        config = build_config(apps, workloads, concurrency, duration, repeat, quick)
    except RunInputError as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    missing = missing_prerequisites(measuring=True)
    if missing:
        for item in missing:
            errors.print(f"[red]missing:[/red] {item.what}; install it with: {item.install}")
        errors.print(
            "apt-get install " + " ".join(sorted({m.install.split()[-1] for m in missing}))
        )
        raise typer.Exit(2)
    folder = Path(out) if out else Path(f"lab-run-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        from stackwise.lab.apps import discover_apps

        count = len(discover_apps(config.apps))
    except AppError as exc:
        errors.print(f"[red]error:[/red] --apps: {exc}")
        raise typer.Exit(2) from None
    console.print(
        f"Measuring {count} app(s): {', '.join(config.workloads)} at "
        f"{', '.join(map(str, config.concurrency))} connections, {config.duration_s:g} s x "
        f"{config.repeat}; WORKERS={config.workers}, DB_POOL={config.db_pool}"
        + (
            f", app on CPU {config.pinning['app_cpus']}, wrk on CPU {config.pinning['wrk_cpus']}"
            if config.pinning
            else ""
        )
    )
    try:
        with ctrl_c_stops() as ctrl_c, progress_bar(config.planned_seconds(count)) as advance:
            results = run_lab(config, ctrl_c.checked(advance))
        written = write_run(results, folder, update_knowledge)
    except KeyboardInterrupt:
        errors.print(
            "interrupted: the apps, wrk, the upstream stub and PostgreSQL were stopped; "
            "no results were written"
        )
        raise typer.Exit(130) from None
    except (AppError, ResultsError) as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    _print_headline(console, results)
    for path in written:
        console.print(f"wrote {path}")
    console.print(f"run took {results['duration_s'] / 60:.1f} minutes")


def _print_headline(console: Any, results: dict[str, Any]) -> None:
    from rich.table import Table

    from stackwise.lab.report import OUTCOME_LABELS, claim_verdicts

    summary = results["summary"]
    workloads = [
        w for w in results["configuration"]["workloads"] if any(w in s for s in summary.values())
    ]
    table = Table(title=f"req/s (p99 ms) at {results['summary_concurrency']} connections")
    table.add_column("app")
    for workload in workloads:
        table.add_column(workload, justify="right")
    for app, figures in summary.items():
        table.add_row(
            app,
            *(
                f"{figures[w]['rps']:,.0f} ({figures[w]['p99_ms']:,.1f})" if w in figures else "-"
                for w in workloads
            ),
        )
    console.print(table)
    for name, info in results["apps"].items():
        if info["status"] == "excluded":
            console.print(f"[yellow]{name} not measured:[/yellow] {info['reason']}")
    for verdict in claim_verdicts(results):
        console.print(f"[bold]{OUTCOME_LABELS[verdict.outcome]}[/bold]: {verdict.claim}")


def report_lab_command(folder: str) -> None:
    """The body of `stackwise lab report`: exit 2 when the folder holds no valid results."""
    import typer
    from rich.console import Console

    from stackwise.lab.report import OUTCOME_LABELS, claim_verdicts, write_report
    from stackwise.lab.results import ResultsError, load_results

    console = Console()
    try:
        path = write_report(Path(folder))
        verdicts = claim_verdicts(load_results(Path(folder)))
    except ResultsError as exc:
        Console(stderr=True).print(f"[red]error:[/red] FOLDER: {exc}")
        raise typer.Exit(2) from None
    for verdict in verdicts:
        console.print(f"[bold]{OUTCOME_LABELS[verdict.outcome]}[/bold]: {verdict.claim}")
        console.print(f"  {verdict.finding}")
    console.print(f"wrote {path} and {len(list(Path(folder).glob('*.png')))} chart(s)")
