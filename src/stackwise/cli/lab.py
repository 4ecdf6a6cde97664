"""`stackwise lab`: verify and measure the four lab apps (commands import their work lazily)."""

from __future__ import annotations

from typing import Annotated

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
    apps: str = typer.Option(None, "--apps", help="Comma-separated apps (default: all)."),
    workloads: str = typer.Option(
        None,
        "--workloads",
        help="Comma-separated: json,plaintext,db,queries,updates,fortunes,saas,upstream.",
    ),
    concurrency: str = typer.Option(None, "--concurrency", help="Connections, e.g. 16,64,256."),
    duration: str = typer.Option(None, "--duration", help="Per run, e.g. 15s."),
    repeat: int = typer.Option(
        None, "--repeat", help="Runs per workload and concurrency (default 3)."
    ),
    quick: bool = typer.Option(
        False, "--quick", help="json and saas at 32 connections, 3 s, once."
    ),
    out: str = typer.Option(None, "--out", help="Results folder (default: ./lab-run-<time>)."),
    update_knowledge: bool = typer.Option(
        False,
        "--update-knowledge",
        help="Also replace the shipped results (lab/results/default and the knowledge the advisor reads).",
    ),
) -> None:
    """Measure the lab apps under load and write results.json, charts and report.md.

    Example: stackwise lab run --quick --out /tmp/lab
    """
    from stackwise.lab.run import run_lab_command

    run_lab_command(apps, workloads, concurrency, duration, repeat, quick, out, update_knowledge)


@app.command("report")
def report_command(
    folder: str = typer.Argument(
        ..., help="A folder holding results.json from `stackwise lab run`."
    ),
) -> None:
    """Draw the charts and write report.md with the article's claims judged against the results.

    Example: stackwise lab report lab/results/default
    """
    from stackwise.lab.run import report_lab_command

    report_lab_command(folder)
