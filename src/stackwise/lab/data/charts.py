"""PNG charts of a results file: throughput, p99 latency, memory and cold start per app."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on a server or in CI

import matplotlib.pyplot as plt  # noqa: E402

from stackwise.lab.data.results import Repeat, RunResults  # noqa: E402
from stackwise.lab.data.workloads import BY_NAME  # noqa: E402

FAMILY_COLOURS = {"python": ["#3572A5", "#7AA6D6"], "node": ["#3C873A", "#8CC84B"]}


def _colours(results: RunResults, apps: list[str]) -> dict[str, str]:
    used: dict[str, int] = {}
    colours = {}
    for app in apps:
        family = results.apps[app].family
        palette = FAMILY_COLOURS.get(family, ["#888888"])
        colours[app] = palette[used.get(family, 0) % len(palette)]
        used[family] = used.get(family, 0) + 1
    return colours


def _headline(results: RunResults) -> dict[tuple[str, str], list[Repeat]]:
    concurrency = results.summary_concurrency
    return {
        (m.app, m.workload): m.repeats
        for m in results.usual_measurements()
        if m.concurrency == concurrency and m.repeats
    }


def _grouped_bars(
    results: RunResults,
    value_of: Callable[[Repeat], float | None],
    ylabel: str,
    title: str,
    path: Path,
    log: bool,
) -> Path | None:
    """One group of bars per workload, one bar per app, with the repeats' range as error bar;
    a workload without the value (no latency when pipelined) gets no group."""
    repeats = {
        key: runs
        for key, runs in _headline(results).items()
        if any(value_of(r) is not None for r in runs)
    }
    apps = [a for a in results.apps if any(app == a for app, _ in repeats)]
    workloads = [w for w in results.configuration.workloads if any(w == x for _, x in repeats)]
    if not apps or not workloads:
        return None
    colours = _colours(results, apps)
    width = 0.8 / len(apps)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.3 * len(workloads) + 2), 4.2))
    for i, app in enumerate(apps):
        xs, mids, lows, highs = [], [], [], []
        for j, workload in enumerate(workloads):
            found = (value_of(r) for r in repeats.get((app, workload), []))
            values = [v for v in found if v is not None]
            if not values:
                continue
            mid = statistics.median(values)
            xs.append(j + (i - (len(apps) - 1) / 2) * width)
            mids.append(mid)
            lows.append(mid - min(values))
            highs.append(max(values) - mid)
        ax.bar(xs, mids, width, label=app, color=colours[app], yerr=[lows, highs], capsize=2)
    # Slanted, so that the longer labels (/updates (20 queries)) do not run into each other.
    ax.set_xticks(
        range(len(workloads)), [BY_NAME[w].label for w in workloads], rotation=20, ha="right"
    )
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    ax.set_title(f"{title} at {results.summary_concurrency} connections")
    ax.legend(fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _app_bars(
    results: RunResults, values: dict[str, float], ylabel: str, title: str, path: Path
) -> Path | None:
    apps = [a for a in results.apps if a in values]
    if not apps:
        return None
    colours = _colours(results, apps)
    fig, ax = plt.subplots(figsize=(6, 3.8))
    ax.bar(apps, [values[a] for a in apps], color=[colours[a] for a in apps])
    for x, app in enumerate(apps):
        ax.annotate(f"{values[app]:,.0f}", (x, values[app]), ha="center", va="bottom", fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def draw_charts(results: RunResults, folder: Path) -> list[Path]:
    """Write every chart the results support into folder; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    peak_mb: dict[str, float] = {}
    for (app, _), repeats in _headline(results).items():
        peak = max(r.app_peak_rss_kb for r in repeats) / 1024
        peak_mb[app] = max(peak_mb.get(app, 0.0), peak)
    drawn = [
        _grouped_bars(
            results,
            lambda r: r.rps,
            "requests/s (log scale)",
            "Throughput by workload",
            folder / "throughput.png",
            log=True,
        ),
        _grouped_bars(
            results,
            lambda r: r.latency_ms.p99 if r.latency_ms is not None else None,
            "p99 latency, ms (log scale)",
            "p99 latency by workload",
            folder / "latency_p99.png",
            log=True,
        ),
        _app_bars(
            results,
            peak_mb,
            "MB (whole process tree)",
            "Peak RSS under load (any workload)",
            folder / "memory_under_load.png",
        ),
        _app_bars(
            results,
            {a: v / 1024 for a, v in results.ws_rss_per_1000_kb.items()},
            "MB per 1,000 connections",
            "Memory per 1,000 idle WebSockets",
            folder / "memory_websocket.png",
        ),
        _app_bars(
            results,
            results.cold_start_ms,
            "ms (median)",
            "Cold start: spawn to first 200 on /json",
            folder / "cold_start.png",
        ),
    ]
    return [path for path in drawn if path is not None]
