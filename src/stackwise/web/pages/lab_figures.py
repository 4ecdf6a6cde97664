"""The lab's figures for the evidence page: charts drawn as small SVGs that read on a phone, each
with the table of its numbers, and each claim's comparisons said in plain sentences."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

WIDTH = 340  # viewBox units: about actual size on a phone, scaled up on a desktop
FONT = 14
NAME_WIDTH = 78
VALUE_WIDTH = 74
BAR = 14
APPS = ("django", "fastapi", "express", "nestjs")
APP_NAMES = {"django": "Django", "fastapi": "FastAPI", "express": "Express", "nestjs": "NestJS"}
FAMILY = {"django": "Python", "fastapi": "Python", "express": "Node.js", "nestjs": "Node.js"}
# Two hues, one per language, so the families read at a glance; two shades tell the apps apart.
COLOURS = {"django": "#1f4f8a", "fastapi": "#5b8fd0", "express": "#a34f00", "nestjs": "#e08a3c"}
SUBJECTS = {
    "json": "a JSON response (/json)",
    "plaintext": "a plain-text response (/plaintext)",
    "db": "one database read (/db)",
    "queries": "twenty database reads (/queries)",
    "updates": "twenty database updates (/updates)",
    "fortunes": "an HTML page from the database (/fortunes)",
    "saas": "a SaaS dashboard query (/saas)",
    "upstream": "a call to a slow upstream API (/upstream)",
    "ws_memory": "memory per 1,000 idle WebSocket connections",
    "memory_under_load": "peak memory under /json load",
    "cold_start": "start-up time (cold start)",
}


@dataclass(frozen=True)
class Chart:
    """One chart: its file name, title, a sentence for screen readers, the SVG and its numbers."""

    slug: str
    title: str
    better: str
    alt: str
    svg: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _bars_svg(title: str, groups: list[tuple[str, dict[str, float]]], unit: str, alt: str) -> str:
    """Grouped horizontal bars, each group on its own scale (the apps are compared within a
    workload, never across workloads), every bar labelled with its app and value."""
    parts: list[str] = []
    y = 0.0
    bar_space = WIDTH - NAME_WIDTH - VALUE_WIDTH
    for label, values in groups:
        if label:
            parts.append(
                f'<text x="0" y="{y + FONT:.1f}" font-size="{FONT}" font-weight="700">'
                f"{escape(label)}</text>"
            )
            y += FONT + 8
        top = max(values.values(), default=0.0) or 1.0
        for app, value in values.items():
            width = max(value / top * bar_space, 1.0)
            parts.append(
                f'<text x="0" y="{y + BAR - 2:.1f}" font-size="{FONT - 1}">{APP_NAMES[app]}</text>'
                f'<rect x="{NAME_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{BAR}" '
                f'fill="{COLOURS[app]}"/>'
                f'<text x="{WIDTH}" y="{y + BAR - 2:.1f}" font-size="{FONT - 1}" '
                f'text-anchor="end">{_number(value)}</text>'
            )
            y += BAR + 6
        y += 10
    for line in unit.split("; "):
        parts.append(
            f'<text x="0" y="{y + FONT - 4:.1f}" font-size="{FONT - 2}" fill="#5b6676">'
            f"{escape(line)}</text>"
        )
        y += FONT + 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y:.0f}" role="img" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" '
        f'fill="#1b2430"><title>{escape(title)}</title><desc>{escape(alt)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _leaders(groups: list[tuple[str, dict[str, float]]], higher_is_better: bool, unit: str) -> str:
    """Who did best in each group, as one sentence for screen readers."""
    sentences = []
    for label, values in groups:
        if not values:
            continue
        best = (max if higher_is_better else min)(values, key=lambda app: values[app])
        where = f"on {label} " if label else ""
        sentences.append(f"{where}{APP_NAMES[best]} does best, {_number(values[best])} {unit}")
    text = "; ".join(sentences)
    return text[:1].upper() + text[1:] + "."


def charts(results: dict[str, Any]) -> list[Chart]:
    """The evidence page's charts from a results summary (see pages/evidence.py)."""
    summary: dict[str, dict[str, dict[str, float]]] = results.get("summary", {})
    workloads = [w for w in results.get("workloads", ()) if any(w in s for s in summary.values())]
    at = f"at {results.get('concurrency')} connections" if results.get("concurrency") else ""
    made: list[Chart] = []
    for slug, title, key, unit, higher in (
        ("throughput", f"Requests per second {at}", "rps", "requests per second", True),
        ("latency", f"Slowest 1% of responses (p99) {at}", "p99_ms", "milliseconds", False),
    ):
        groups = [
            (f"/{w}", {a: summary[a][w][key] for a in APPS if w in summary.get(a, {})})
            for w in workloads
        ]
        better = "higher is better" if higher else "lower is better"
        alt = f"{title}, {better}. {_leaders(groups, higher, unit)}"
        made.append(
            Chart(
                slug,
                title,
                better,
                alt,
                _bars_svg(title, groups, f"{unit}, {better}; each workload on its own scale", alt),
                ["Workload", *(APP_NAMES[a] for a in APPS if a in summary)],
                [
                    (
                        f"/{w}",
                        [
                            _number(summary[a][w][key]) if w in summary[a] else "–"
                            for a in APPS
                            if a in summary
                        ],
                    )
                    for w in workloads
                ],
            )
        )
    for slug, title, values, unit in (
        (
            "cold-start",
            "Start-up time to the first answer",
            results.get("cold_start_ms", {}),
            "milliseconds",
        ),
        (
            "websocket-memory",
            "Memory per 1,000 idle WebSocket connections",
            results.get("ws_kb", {}),
            "kB",
        ),
    ):
        measured = {a: float(values[a]) for a in APPS if values.get(a)}
        if not measured:
            continue
        groups = [("", measured)]
        alt = f"{title}, lower is better. {_leaders(groups, False, unit)}"
        made.append(
            Chart(
                slug,
                title,
                "lower is better",
                alt,
                _bars_svg(title, groups, f"{unit}, lower is better", alt),
                ["App", {"milliseconds": "Milliseconds"}.get(unit, unit)],
                [(APP_NAMES[a], [_number(v)]) for a, v in measured.items()],
            )
        )
    return made


def chart_named(results: dict[str, Any], file_name: str) -> Chart | None:
    """The chart a URL like /evidence/charts/throughput.svg names."""
    return next((c for c in charts(results) if f"{c.slug}.svg" == file_name), None)


def comparison_sentence(c: Any) -> str:
    """One measured comparison as a sentence: who was ahead, by how much, and how sure."""
    subject = SUBJECTS.get(c.subject, c.subject)
    node, python = APP_NAMES.get(c.node_app, c.node_app), APP_NAMES.get(c.python_app, c.python_app)
    if c.low <= 1 <= c.high and c.low != c.high:
        return (
            f"On {subject}, {node} (Node.js) and {python} (Python) tie: the repeated runs "
            "disagree on which is ahead."
        )
    node_ahead = c.advantage >= 1
    factor = c.advantage if node_ahead else 1 / c.advantage
    leader, other = (node, python) if node_ahead else (python, node)
    lead_family = "Node.js" if node_ahead else "Python"
    by = f"{factor:.1f} times" if factor >= 1.25 else f"{(factor - 1) * 100:.0f}%"
    return f"On {subject}, {leader} ({lead_family}) did {by} better than {other}."


def comparison_row(c: Any) -> list[str]:
    """A comparison's figures for the claim's table."""
    node_ahead = c.advantage >= 1
    low, high = (c.low, c.high) if node_ahead else (1 / c.high, 1 / c.low)
    tie = c.low <= 1 <= c.high and c.low != c.high
    spread = f"{low:.2f}–{high:.2f}×" if round(low, 2) != round(high, 2) else f"{low:.2f}×"
    unit = c.unit.replace("req/s", "requests/s")
    return [
        SUBJECTS.get(c.subject, c.subject),
        f"{APP_NAMES.get(c.node_app, c.node_app)}: {_number(c.node_value)} {unit}",
        f"{APP_NAMES.get(c.python_app, c.python_app)}: {_number(c.python_value)} {unit}",
        "a tie" if tie else f"{'Node.js' if node_ahead else 'Python'}, {spread}",
    ]
