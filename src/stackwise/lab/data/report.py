"""The human report of a run (report.md beside its charts): where it ran, each claim's verdict,
then the figures behind them."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

from stackwise.lab.data.claims import OUTCOME_LABELS, Verdict, claim_verdicts, times
from stackwise.lab.data.results import ColdStart, Figures, RunResults, WebSocketFigures
from stackwise.lab.data.workloads import BY_NAME, WORKLOADS
from stackwise.lab.location import CHECKOUT

NOT_MEASURED = "not measured in this run"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _link(source: str, folder: Path | None) -> str:
    """An app's source as a link that works from the report's folder: a repository path (as the
    run records it) made relative to where report.md is written; an address as it is."""
    if folder is None or "://" in source or not (CHECKOUT / source).exists():
        return source
    return Path(os.path.relpath(CHECKOUT / source, folder.resolve())).as_posix()


def _configurations(results: RunResults, folder: Path | None) -> list[str]:
    """Each app's server model, processes, threads and pool, and the documents it follows."""
    rows = []
    for app, info in results.apps.items():
        c = info.configuration
        pool = f"{c.db_pool} per process" if c.db_pool else "1 per thread"
        docs = ", ".join(f"[{i + 1}]({url})" for i, url in enumerate(c.sources))
        rows.append(
            [
                f"[{app}]({_link(c.source, folder)})",
                c.server,
                str(c.workers),
                str(c.threads or "-"),
                pool,
                c.data_access[c.usual_data_access],
                docs,
            ]
        )
    if not rows:
        return []
    header = ["app", "server", "processes", "threads", "connections", "usual data access", "docs"]
    return ["## Configurations", ""] + _table(header, rows) + [""]


def _data_access(results: RunResults) -> list[str]:
    """ORM against raw driver per app on the database workloads: the data layer's share.

    Within one app the framework is the same, so the ratio between its two variants is the data
    layer's share; across apps on the same variant, the rest is the framework's."""
    by_key: dict[tuple[str, str, str], list[float]] = {}
    headline = results.summary_concurrency
    for m in results.measurements:
        if m.concurrency == headline and m.repeats:
            by_key[(m.app, m.workload, m.data_access)] = [r.rps for r in m.repeats]
    rows = []
    for (app, workload, variant), raw in sorted(by_key.items()):
        orm = by_key.get((app, workload, "orm"))
        if variant != "raw" or orm is None:
            continue
        ratio = statistics.median(raw) / max(statistics.median(orm), 1e-9)
        tie = min(raw) <= max(orm) and min(orm) <= max(raw)
        rows.append(
            [
                app,
                BY_NAME[workload].label,
                f"{statistics.median(orm):,.0f} ({min(orm):,.0f}-{max(orm):,.0f})",
                f"{statistics.median(raw):,.0f} ({min(raw):,.0f}-{max(raw):,.0f})",
                "tie (intervals overlap)" if tie else times(ratio),
            ]
        )
    if not rows:
        return []
    return (
        [
            "## Data access: ORM against the raw driver",
            "",
            f"Median req/s (min-max over the repeats) at {headline} connections. Within an app "
            "the framework is the same, so raw/ORM is the data layer's share; comparing apps on "
            "the same variant leaves the framework's share.",
            "",
        ]
        + _table(["app", "workload", "ORM", "raw driver", "raw / ORM"], rows)
        + [""]
    )


def _figures(figures: Figures) -> str:
    """Requests/s with the p99, or why there is none."""
    if figures.p99_ms is None:
        return f"{figures.rps:,.0f} (no p99: pipelined)"
    return f"{figures.rps:,.0f} ({figures.p99_ms:,.1f} ms)"


def _workloads(results: RunResults) -> list[str]:
    """Every workload the lab defines, what one request does, and whether this run measured it:
    a run made before a workload existed shows it as not measured, never as a zero."""
    measured = {m.workload for m in results.measurements if m.repeats}
    rows = [
        [w.label, w.description, "measured" if w.name in measured else NOT_MEASURED]
        for w in WORKLOADS
    ]
    return ["## Workloads", ""] + _table(["workload", "one request", "this run"], rows) + [""]


def render_markdown(
    results: RunResults, verdicts: list[Verdict], charts: list[str], folder: Path | None = None
) -> str:
    """The human report: where it ran, each claim's verdict, then the figures behind them;
    links to the apps' sources work from `folder`, where the report is written."""
    machine, config = results.machine, results.configuration
    out = [
        "# Evidence lab report",
        "",
        f"Measured {results.finished_at[:10]} on {machine.cpu_model}, {machine.cores} "
        f"cores, {machine.memory_gb} GB, {machine.os}; Python {machine.python}, Node "
        f"{machine.node or 'unknown'}, {machine.postgresql or 'PostgreSQL unknown'}. "
        f"{machine.note}",
        "",
        f"CPU budget: {config.cpu_note}. "
        + (
            f"Every app ran {config.workers_override} process(es) (an equal-process run). "
            if config.workers_override
            else "Every app ran its framework's documented production concurrency inside it "
            "(table below). "
        )
        + f"Load: wrk for {config.duration_s:g} s per run after a "
        f"{config.warmup_s:g} s warm-up, {config.repeat} repeat(s), at "
        f"{', '.join(map(str, config.concurrency))} connections; the figures below are at "
        f"{results.summary_concurrency} connections. The whole run took "
        f"{results.duration_s / 60:.1f} minutes.",
        "",
        "## The article's claims",
        "",
    ]
    for v in verdicts:
        out += [f"### {v.claim}", "", f"**{OUTCOME_LABELS[v.outcome]}.** {v.finding}", ""]
        if v.caveat:
            out += [f"_{v.caveat}_", ""]
    excluded = {a: i for a, i in results.apps.items() if i.status == "excluded"}
    if excluded:
        out += ["## Apps not measured", ""]
        out += [
            f"- **{app}**: {info.reason or 'no reason recorded'}" for app, info in excluded.items()
        ]
        out.append("")
    out += _configurations(results, folder)
    out += _workloads(results)
    out += _data_access(results)
    summary = results.summary
    workloads = [w for w in config.workloads if any(w in s for s in summary.values())]
    if summary:
        out += [
            f"## Throughput and p99 latency at {results.summary_concurrency} connections",
            "",
            "Median requests/s (median p99 in ms) over the repeats; wrk measures no latency when "
            "it pipelines.",
            "",
        ]
        rows = [
            [app] + [_figures(s[w]) if w in s else "-" for w in workloads]
            for app, s in summary.items()
        ]
        out += _table(["app", *(BY_NAME[w].label for w in workloads)], rows) + [""]
    cold, ws = results.cold_start, results.websocket
    if cold or ws:
        out += ["## Start-up and memory", ""]
        rows = []
        for app in results.apps:
            c, w = cold.get(app, ColdStart()), ws.get(app, WebSocketFigures())
            rows.append(
                [
                    app,
                    f"{c.median_ms:,.0f}" if c.median_ms is not None else "-",
                    f"{c.idle_rss_kb / 1024:,.1f}" if c.idle_rss_kb is not None else "-",
                    f"{w.rss_per_1000_kb / 1024:,.1f}" if w.rss_per_1000_kb is not None else "-",
                    f"{w.broadcast_median_ms:,.1f}" if w.broadcast_median_ms is not None else "-",
                ]
            )
        clients = config.ws_broadcast_clients
        out += _table(
            [
                "app",
                "cold start (ms)",
                "idle RSS (MB)",
                "MB per 1,000 idle WebSockets",
                f"broadcast to {clients} clients, median (ms)",
            ],
            rows,
        ) + [""]
    if results.warnings:
        out += ["## Warnings", ""] + [f"- {w}" for w in results.warnings] + [""]
    if charts:
        out += ["## Charts", ""] + [f"![{Path(c).stem}]({c})" for c in charts] + [""]
    return "\n".join(out)


def write_report(results: RunResults, folder: Path) -> Path:
    """Draw the charts and write `report.md` into folder."""
    from stackwise.lab.data.charts import draw_charts

    charts = draw_charts(results, folder)
    path = folder / "report.md"
    path.write_text(
        render_markdown(results, claim_verdicts(results), [c.name for c in charts], folder),
        encoding="utf-8",
    )
    return path
