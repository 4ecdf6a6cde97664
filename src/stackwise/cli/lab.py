"""`stackwise lab`: verify and measure the four lab apps (commands import their work lazily)."""

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stackwise.lab.data.workloads import WORKLOAD_NAMES

if TYPE_CHECKING:
    from stackwise.lab.data.results import RunResults

app = typer.Typer(
    help=(
        "Evidence lab: verify and measure the Django, FastAPI, Express and NestJS apps.\n\n"
        "Example: stackwise lab verify --apps express --apps fastapi"
    ),
    no_args_is_help=True,
)

# Where a published run goes (`run --update-knowledge`, `publish`).
KnowledgeDirOption = Annotated[
    Path | None,
    typer.Option(
        "--knowledge-dir",
        help="The knowledge folder a published run's evidence.json goes into (default: the one "
        "stackwise reads, $STACKWISE_KNOWLEDGE or the package's own).",
        show_default=False,
    ),
]
RunsDirOption = Annotated[
    Path | None,
    typer.Option(
        "--runs-dir",
        help="Where a published raw run is kept, as <folder>/default (default: the "
        "repository's lab/results).",
        show_default=False,
    ),
]


class DataAccessChoice(StrEnum):
    """The two ways an app reaches the database."""

    orm = "orm"
    raw = "raw"


def _one_of(
    known: Callable[[], tuple[str, ...]],
) -> Callable[[list[str] | None], list[str] | None]:
    """A check for a repeatable option whose every value must be one of `known()` (asked only
    when the option is given: the stack ids come with the knowledge models, which a CLI start
    does not load)."""

    def check(values: list[str] | None) -> list[str] | None:
        unknown = [v for v in values or () if v not in known()]
        if unknown:
            raise typer.BadParameter(
                f"unknown {', '.join(map(repr, unknown))}; choose from {', '.join(known())}"
            )
        return values

    return check


def _stack_ids() -> tuple[str, ...]:
    from stackwise.knowledge.models import STACK_IDS

    return STACK_IDS


def _known_app(name: str) -> str:
    """The one app `lab serve` names, checked like --apps."""
    _one_of(_stack_ids)([name])
    return name


AppsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--apps",
        callback=_one_of(_stack_ids),
        help="An app to include, by its stack id, repeatable (default: all).",
        show_default=False,
    ),
]


@app.command(epilog="Example: stackwise lab verify --apps express --apps fastapi")
def verify(apps: AppsOption = None) -> None:
    """Check every app against lab/spec.md on a throw-away PostgreSQL; exit 0 only if all pass."""
    from stackwise.cli.console import console, table
    from stackwise.cli.options import fail
    from stackwise.lab.apps import AppError
    from stackwise.lab.ctrl_c import ctrl_c_stops
    from stackwise.lab.prereqs import missing_prerequisites
    from stackwise.lab.verify import ENDPOINTS, verify_apps

    missing = missing_prerequisites()
    if missing:
        fail("the lab needs " + "; ".join(f"{m.what} ({m.install})" for m in missing))
    out = console()
    try:
        with ctrl_c_stops() as ctrl_c:

            def step(message: str) -> None:
                ctrl_c.check()
                out.print(f"[dim]{message}[/dim]")

            results = verify_apps(
                apps or None,
                on_check=lambda c: out.print(
                    f"  {c.app:8} {c.endpoint:10} {'[green]pass[/green]' if c.ok else '[red]FAIL[/red] ' + c.detail}"
                ),
                on_step=step,
            )
    except AppError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        out.print("[yellow]interrupted; everything the lab started has been stopped[/yellow]")
        raise typer.Exit(130) from None
    names = list(dict.fromkeys(c.app for c in results))
    grid = table("lab verify: app x endpoint")
    grid.add_column("endpoint")
    for name in names:
        grid.add_column(name)
    for endpoint in ("start", *ENDPOINTS):
        row = [
            next((c for c in results if c.app == n and c.endpoint == endpoint), None) for n in names
        ]
        if all(c is None for c in row):
            continue
        grid.add_row(
            endpoint,
            *(
                "" if c is None else "[green]pass[/green]" if c.ok else "[red]FAIL[/red]"
                for c in row
            ),
        )
    out.print(grid)
    failures = [c for c in results if not c.ok]
    for c in failures:
        out.print(f"[red]{c.app} {c.endpoint}[/red]: {c.detail}")
    passed = len(results) - len(failures)
    typer.echo(f"lab verify: {passed} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


@app.command("run")
def run_command(
    apps: AppsOption = None,
    workloads: list[str] | None = typer.Option(
        None,
        "--workloads",
        callback=_one_of(lambda: WORKLOAD_NAMES),
        help=f"A workload to measure, repeatable (default: all): {', '.join(WORKLOAD_NAMES)}.",
        show_default=False,
    ),
    concurrency: list[int] | None = typer.Option(
        None,
        "--concurrency",
        min=1,
        max=1024,
        help="Connections, repeatable: --concurrency 16 --concurrency 64 (default 64).",
        show_default=False,
    ),
    duration: str = typer.Option(None, "--duration", help="Per run, e.g. 8s (default 8s)."),
    repeat: int = typer.Option(
        None, "--repeat", min=1, max=20, help="Runs per workload and concurrency (default 3)."
    ),
    workers: int = typer.Option(
        None,
        "--workers",
        min=1,
        max=64,
        help="N processes for every app (an equal-process run) instead of each framework's "
        "documented count.",
    ),
    variants: bool = typer.Option(
        True,
        "--variants/--usual-only",
        help="Also measure each app's other data access (ORM or raw driver) on the database "
        "workloads.",
    ),
    database_url: str = typer.Option(
        None,
        "--database-url",
        help="Use this PostgreSQL (its lab tables are replaced) instead of a throw-away one.",
    ),
    target: str = typer.Option(
        None,
        "--target",
        help="Load an app `stackwise lab serve` runs elsewhere (with --apps NAME and "
        "--database-url) instead of starting it here.",
    ),
    target_cores: int = typer.Option(
        None,
        "--target-cores",
        min=1,
        max=1024,
        help="The served app's CPU budget in cores (default 1).",
    ),
    data_access: DataAccessChoice | None = typer.Option(
        None, "--data-access", help="The variant the --target app was served with."
    ),
    quick: bool = typer.Option(
        False, "--quick", help="json and saas at 32 connections, 3 s, once."
    ),
    out: str = typer.Option(None, "--out", help="Results folder (default: ./lab-run-<time>)."),
    update_knowledge: bool = typer.Option(
        False,
        "--update-knowledge",
        help="Also publish the run: its evidence into --knowledge-dir, the raw run into "
        "lab/results/default.",
    ),
    knowledge_dir: KnowledgeDirOption = None,
    runs_dir: RunsDirOption = None,
) -> None:
    """Measure the lab apps under load and write results.json, charts and report.md.

    Example: stackwise lab run --quick --out /tmp/lab
    """
    from datetime import datetime

    from stackwise.cli.console import console, error_console, progress_bar
    from stackwise.cli.options import fail
    from stackwise.knowledge.loader import knowledge_dir as chosen_knowledge_dir
    from stackwise.lab.apps import AppError, discover_apps
    from stackwise.lab.configuration import RunInputError, build_config, cpus_of, planned_seconds
    from stackwise.lab.ctrl_c import ctrl_c_stops
    from stackwise.lab.orchestration import run_lab
    from stackwise.lab.prereqs import missing_prerequisites
    from stackwise.lab.publishing import RUNS_DIR, publish, write_run

    try:
        config = build_config(
            apps=apps or None,
            workloads=workloads or None,
            concurrency=concurrency or None,
            duration=duration,
            repeat=repeat,
            quick=quick,
            workers=workers,
            variants=variants,
            database_url=database_url,
            target=target,
            target_cores=target_cores,
            data_access=data_access.value if data_access else None,
        )
        count = len(discover_apps(config.apps))
    except RunInputError as exc:
        fail(str(exc))
    except AppError as exc:
        fail(f"--apps: {exc}")
    knowledge = chosen_knowledge_dir(knowledge_dir)
    if update_knowledge and not knowledge.is_dir():
        fail(f"--knowledge-dir: {knowledge} is not a folder")
    missing = missing_prerequisites(measuring=True)
    if missing:
        fail("the lab needs " + "; ".join(f"{m.what} ({m.install})" for m in missing))
    folder = Path(out) if out else Path(f"lab-run-{datetime.now():%Y%m%d-%H%M%S}")
    out_console = console()
    out_console.print(
        f"Measuring {count} app(s): {', '.join(config.workloads)} at "
        f"{', '.join(map(str, config.concurrency))} connections, {config.duration_s:g} s x "
        f"{config.repeat}; {cpus_of(config).note}; "
        + (
            f"{config.workers_override} process(es) per app"
            if config.workers_override
            else "each framework's documented concurrency"
        )
    )
    errors = error_console()
    try:
        with ctrl_c_stops() as ctrl_c, progress_bar() as bar:
            task = bar.add_task("starting", total=planned_seconds(config, count))

            def advance(what: str, seconds: float) -> None:
                bar.update(task, description=what, advance=seconds)

            results = run_lab(config, ctrl_c.checked(advance))
            bar.update(task, completed=planned_seconds(config, count), description="done")
        written = write_run(results, folder)
        if update_knowledge:
            written += publish(results, knowledge, runs_dir or RUNS_DIR)
    except KeyboardInterrupt:
        errors.print(
            "interrupted: the apps, wrk, the upstream stub and PostgreSQL were stopped; "
            "no results were written"
        )
        raise typer.Exit(130) from None
    except AppError as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    _print_headline(results)
    for path in written:
        out_console.print(f"wrote {path}")
    out_console.print(f"run took {results.duration_s / 60:.1f} minutes")


def _p99(p99_ms: float | None) -> str:
    """A p99 in ms, or a dash where wrk measured none (a pipelined workload)."""
    return "-" if p99_ms is None else f"{p99_ms:,.1f}"


def _print_headline(results: "RunResults") -> None:
    from stackwise.cli.console import console, table
    from stackwise.lab.data.claims import OUTCOME_LABELS, claim_verdicts

    out = console()
    summary = results.summary
    workloads = [
        w for w in results.configuration.workloads if any(w in s for s in summary.values())
    ]
    grid = table(f"req/s (p99 ms) at {results.summary_concurrency} connections")
    grid.add_column("app")
    for workload in workloads:
        grid.add_column(workload, justify="right")
    for name, figures in summary.items():
        grid.add_row(
            name,
            *(
                f"{figures[w].rps:,.0f} ({_p99(figures[w].p99_ms)})" if w in figures else "-"
                for w in workloads
            ),
        )
    out.print(grid)
    for name, info in results.apps.items():
        if info.status == "excluded":
            out.print(f"[yellow]{name} not measured:[/yellow] {info.reason}")
    for verdict in claim_verdicts(results):
        out.print(f"[bold]{OUTCOME_LABELS[verdict.outcome]}[/bold]: {verdict.claim}")


@app.command("serve")
def serve_command(
    name: str = typer.Argument(
        ...,
        callback=_known_app,
        help="The app to serve, by its stack id.",
        show_default=False,
    ),
    data_access: DataAccessChoice | None = typer.Option(
        None, "--data-access", help="The data access to serve (default: the usual one)."
    ),
    workers: int = typer.Option(
        None, "--workers", min=1, max=64, help="N processes instead of the documented count."
    ),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for other machines)."
    ),
    port: int = typer.Option(None, "--port", min=1, max=65535, help="Port (default: a free one)."),
    database_url: str = typer.Option(
        None, "--database-url", help="The lab database (default: a throw-away one, loaded here)."
    ),
    upstream_url: str = typer.Option(
        None, "--upstream-url", help="The slow upstream /upstream calls (default: a stub here)."
    ),
) -> None:
    """Serve one lab app, pinned and configured as in a run, until Ctrl-C; measure it from
    another machine with `stackwise lab run --target URL --apps NAME --database-url URL`.

    Example: stackwise lab serve django --host 0.0.0.0 --port 8080 --database-url postgresql://lab@db/lab
    """
    import signal

    from stackwise.cli.console import console
    from stackwise.cli.options import fail
    from stackwise.lab.apps import AppError
    from stackwise.lab.configuration import RunInputError, parse_url
    from stackwise.lab.ctrl_c import ctrl_c_stops
    from stackwise.lab.prereqs import missing_prerequisites
    from stackwise.lab.serving import serving

    try:
        parse_url(database_url, "--database-url", ("postgresql", "postgres"))
        parse_url(upstream_url, "--upstream-url", ("http", "https"))
    except RunInputError as exc:
        fail(str(exc))
    missing = missing_prerequisites()
    if missing:
        fail("the lab needs " + "; ".join(f"{m.what} ({m.install})" for m in missing))
    try:
        with (
            ctrl_c_stops(),
            serving(
                name,
                data_access.value if data_access else None,
                workers,
                host,
                port,
                database_url,
                upstream_url,
            ) as app,
        ):
            # Flushed at once: a script on the load machine waits for this line.
            typer.echo(
                f"serving {name} ({app.data_access}) at http://{host}:{app.port}, WebSocket on "
                f"port {app.ws_port}; Ctrl-C stops it",
            )
            while True:
                signal.pause()
    except AppError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        console().print("stopped; the app and what it started are gone")
        raise typer.Exit(130) from None


@app.command("report")
def report_command(
    results: Path | None = typer.Argument(
        None,
        help="A results.json (or the folder holding it) from `stackwise lab run`; default: the "
        "published run, lab/results/default.",
        show_default=False,
    ),
) -> None:
    """Draw the charts and write report.md beside the results, with the article's claims
    judged against them.

    Example: stackwise lab report /tmp/lab
    """
    from stackwise.cli.console import console
    from stackwise.cli.options import fail
    from stackwise.lab.data.claims import OUTCOME_LABELS, claim_verdicts
    from stackwise.lab.data.report import write_report
    from stackwise.lab.data.results import ResultsError, load_results
    from stackwise.lab.publishing import PUBLISHED_RUN, RUNS_DIR

    source = results or RUNS_DIR / PUBLISHED_RUN
    try:
        run = load_results(source)
    except ResultsError as exc:
        fail(f"RESULTS: {exc}")
    path = write_report(run, source if source.is_dir() else source.parent)
    out = console()
    for verdict in claim_verdicts(run):
        out.print(f"[bold]{OUTCOME_LABELS[verdict.outcome]}[/bold]: {verdict.claim}")
        out.print(f"  {verdict.finding}")
    out.print(f"wrote {path} and {len(list(path.parent.glob('*.png')))} chart(s)")


@app.command("publish")
def publish_command(
    results: Path = typer.Argument(
        ..., help="A results.json (or the folder holding it) from `stackwise lab run`."
    ),
    knowledge_dir: KnowledgeDirOption = None,
    runs_dir: RunsDirOption = None,
) -> None:
    """Make a finished run the advisor's evidence: its evidence into the knowledge, the raw run
    (results, report, charts) into lab/results/default.

    Example: stackwise lab publish /tmp/lab --knowledge-dir my-knowledge
    """
    from stackwise.cli.console import console
    from stackwise.cli.options import fail
    from stackwise.knowledge.loader import knowledge_dir as chosen_knowledge_dir
    from stackwise.lab.data.results import ResultsError, load_results
    from stackwise.lab.publishing import RUNS_DIR, publish

    knowledge = chosen_knowledge_dir(knowledge_dir)
    if not knowledge.is_dir():
        fail(f"--knowledge-dir: {knowledge} is not a folder")
    try:
        run = load_results(results)
    except ResultsError as exc:
        fail(f"RESULTS: {exc}")
    for path in publish(run, knowledge, runs_dir or RUNS_DIR):
        console().print(f"wrote {path}")


@app.command("schema")
def schema_command() -> None:
    """Print the results file's JSON Schema, generated from the results model.

    Example: stackwise lab schema > results.schema.json
    """
    import json

    from stackwise.lab.data.results import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))
