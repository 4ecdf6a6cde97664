"""`stackwise lab`: verify and measure the four lab apps (commands import their work lazily)."""

from typing import Annotated, Any

import typer

app = typer.Typer(
    help=(
        "Evidence lab: verify and measure the Django, FastAPI, Express and NestJS apps.\n\n"
        "Example: stackwise lab verify --apps express,fastapi"
    ),
    no_args_is_help=True,
)

AppsOption = Annotated[
    str | None,
    typer.Option(
        "--apps",
        help="Comma-separated apps (default: all): django,fastapi,express,nestjs.",
        show_default=False,
    ),
]


def _names(apps: str | None) -> list[str] | None:
    return [a.strip() for a in apps.split(",") if a.strip()] if apps else None


@app.command(epilog="Example: stackwise lab verify --apps express,fastapi")
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
                _names(apps),
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
    workloads: str = typer.Option(
        None,
        "--workloads",
        help="Comma-separated: json,plaintext,db,queries,updates,fortunes,saas,upstream.",
    ),
    concurrency: str = typer.Option(None, "--concurrency", help="Connections, e.g. 16,64,256."),
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
        None, "--target-cores", help="The served app's CPU budget in cores (default 1)."
    ),
    data_access: str = typer.Option(
        None, "--data-access", help="orm or raw: the variant the --target app was served with."
    ),
    quick: bool = typer.Option(
        False, "--quick", help="json and saas at 32 connections, 3 s, once."
    ),
    out: str = typer.Option(None, "--out", help="Results folder (default: ./lab-run-<time>)."),
    update_knowledge: bool = typer.Option(
        False,
        "--update-knowledge",
        help="Also replace the shipped results (the advisor's knowledge/data/lab-results.json) "
        "and lab/results/default's report and charts.",
    ),
) -> None:
    """Measure the lab apps under load and write results.json, charts and report.md.

    Example: stackwise lab run --quick --out /tmp/lab
    """
    from datetime import datetime
    from pathlib import Path

    from stackwise.cli.console import console, error_console, progress_bar
    from stackwise.cli.options import fail
    from stackwise.lab.apps import AppError, discover_apps
    from stackwise.lab.configuration import RunInputError, build_config
    from stackwise.lab.ctrl_c import ctrl_c_stops
    from stackwise.lab.orchestration import run_lab
    from stackwise.lab.prereqs import missing_prerequisites
    from stackwise.lab.publishing import write_run
    from stackwise.lab.results import ResultsError

    try:
        config = build_config(
            apps,
            workloads,
            concurrency,
            duration,
            repeat,
            quick,
            workers,
            variants,
            database_url,
            target,
            target_cores,
            data_access,
        )
        count = len(discover_apps(config.apps))
    except RunInputError as exc:
        fail(str(exc))
    except AppError as exc:
        fail(f"--apps: {exc}")
    missing = missing_prerequisites(measuring=True)
    if missing:
        fail("the lab needs " + "; ".join(f"{m.what} ({m.install})" for m in missing))
    folder = Path(out) if out else Path(f"lab-run-{datetime.now():%Y%m%d-%H%M%S}")
    out_console = console()
    out_console.print(
        f"Measuring {count} app(s): {', '.join(config.workloads)} at "
        f"{', '.join(map(str, config.concurrency))} connections, {config.duration_s:g} s x "
        f"{config.repeat}; {config.cpus.note}; "
        + (
            f"{config.workers} process(es) per app"
            if config.workers
            else "each framework's documented concurrency"
        )
    )
    errors = error_console()
    try:
        with ctrl_c_stops() as ctrl_c, progress_bar() as bar:
            task = bar.add_task("starting", total=config.planned_seconds(count))

            def advance(what: str, seconds: float) -> None:
                bar.update(task, description=what, advance=seconds)

            results = run_lab(config, ctrl_c.checked(advance))
            bar.update(task, completed=config.planned_seconds(count), description="done")
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
    _print_headline(results)
    for path in written:
        out_console.print(f"wrote {path}")
    out_console.print(f"run took {results['duration_s'] / 60:.1f} minutes")


def _print_headline(results: dict[str, Any]) -> None:
    from stackwise.cli.console import console, table
    from stackwise.lab.report import OUTCOME_LABELS, claim_verdicts

    out = console()
    summary = results["summary"]
    workloads = [
        w for w in results["configuration"]["workloads"] if any(w in s for s in summary.values())
    ]
    grid = table(f"req/s (p99 ms) at {results['summary_concurrency']} connections")
    grid.add_column("app")
    for workload in workloads:
        grid.add_column(workload, justify="right")
    for name, figures in summary.items():
        grid.add_row(
            name,
            *(
                f"{figures[w]['rps']:,.0f} ({figures[w]['p99_ms']:,.1f})" if w in figures else "-"
                for w in workloads
            ),
        )
    out.print(grid)
    for name, info in results["apps"].items():
        if info["status"] == "excluded":
            out.print(f"[yellow]{name} not measured:[/yellow] {info['reason']}")
    for verdict in claim_verdicts(results):
        out.print(f"[bold]{OUTCOME_LABELS[verdict.outcome]}[/bold]: {verdict.claim}")


@app.command("serve")
def serve_command(
    name: str = typer.Argument(..., help="The app to serve: django, fastapi, express or nestjs."),
    data_access: str = typer.Option(None, "--data-access", help="orm or raw (default: usual)."),
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

    if data_access not in (None, "orm", "raw"):
        fail(f"--data-access: {data_access!r} is not orm or raw")
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
            serving(name, data_access, workers, host, port, database_url, upstream_url) as app,
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
    results: str = typer.Argument(
        None,
        help="A results.json (or the folder holding it) from `stackwise lab run`; default: the "
        "shipped results, reported into lab/results/default.",
        show_default=False,
    ),
) -> None:
    """Draw the charts and write report.md with the article's claims judged against the results.

    Example: stackwise lab report /tmp/lab
    """
    from pathlib import Path

    from stackwise.cli.console import console
    from stackwise.cli.options import fail
    from stackwise.lab.publishing import shipped_report_dir, shipped_results_file
    from stackwise.lab.report import OUTCOME_LABELS, claim_verdicts, write_report
    from stackwise.lab.results import ResultsError, load_results

    source = Path(results) if results else shipped_results_file()
    folder = None if results else shipped_report_dir()
    try:
        path = write_report(source, folder)
        verdicts = claim_verdicts(load_results(source))
    except ResultsError as exc:
        fail(f"RESULTS: {exc}")
    out = console()
    for verdict in verdicts:
        out.print(f"[bold]{OUTCOME_LABELS[verdict.outcome]}[/bold]: {verdict.claim}")
        out.print(f"  {verdict.finding}")
    out.print(f"wrote {path} and {len(list(path.parent.glob('*.png')))} chart(s)")


@app.command("schema")
def schema_command() -> None:
    """Print the results file's JSON Schema, generated from the results model.

    Example: stackwise lab schema > results.schema.json
    """
    import json

    from stackwise.lab.results import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))
