"""The lab's figures for the evidence page: charts drawn as small SVGs that read on a phone, each
with the table of its numbers, and each claim's comparisons said in plain sentences."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape

from stackwise.knowledge.models import STACK_IDS
from stackwise.lab.data.claims import Comparison
from stackwise.lab.data.results import RunResults
from stackwise.lab.data.workloads import BY_NAME, WORKLOADS
from stackwise.report.wording import FAMILY_NAMES
from stackwise.web.knowledge import site_knowledge

WIDTH = 340  # viewBox units: about actual size on a phone, scaled up on a desktop
FONT = 14
NAME_WIDTH = 78
VALUE_WIDTH = 74
BAR = 14
# Two hues, one per language, so the families read at a glance; two shades tell the apps apart.
SHADES = {"python": ("#1f4f8a", "#5b8fd0"), "node": ("#a34f00", "#e08a3c")}
SUBJECTS = {
    **{w.name: w.description for w in WORKLOADS},
    "ws_memory": "memory per 1,000 idle WebSocket connections",
    "memory_under_load": "peak memory under /json load",
    "cold_start": "start-up time (cold start)",
}


@cache
def stack_names() -> dict[str, str]:
    """Stack id -> its name, as the knowledge writes it (Django, NestJS, ...)."""
    stacks = site_knowledge().stacks
    return {s: stacks[s].name for s in STACK_IDS if s in stacks}


@cache
def family_names() -> dict[str, str]:
    """Stack id -> its language family's name (Python, Node.js)."""
    stacks = site_knowledge().stacks
    return {s: FAMILY_NAMES[stacks[s].family] for s in STACK_IDS if s in stacks}


@cache
def colours() -> dict[str, str]:
    """Stack id -> its bar colour: its family's hue, a shade per stack of that family."""
    stacks = site_knowledge().stacks
    used: dict[str, int] = {}
    chosen = {}
    for s in STACK_IDS:
        family = stacks[s].family
        chosen[s] = SHADES[family][used.get(family, 0) % len(SHADES[family])]
        used[family] = used.get(family, 0) + 1
    return chosen


def name_of(app: str) -> str:
    """A stack's name, or the id itself for an app the knowledge does not know."""
    return stack_names().get(app, app)


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
    # The workloads the lab defines that this run did not measure (a run older than them):
    # named as such, never drawn as a zero.
    not_measured: tuple[str, ...] = ()


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
                f'<text x="0" y="{y + BAR - 2:.1f}" font-size="{FONT - 1}">{name_of(app)}</text>'
                f'<rect x="{NAME_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{BAR}" '
                f'fill="{colours()[app]}"/>'
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
        sentences.append(f"{where}{name_of(best)} does best, {_number(values[best])} {unit}")
    text = "; ".join(sentences)
    return text[:1].upper() + text[1:] + "."


def charts(run: RunResults) -> list[Chart]:
    """The evidence page's charts from a run's flat figures (see pages/evidence.py)."""
    summary = run.summary
    apps = [a for a in STACK_IDS if a in summary]
    at = f"at {run.summary_concurrency} connections"
    made: list[Chart] = []
    for slug, title, key, unit, higher in (
        ("throughput", f"Requests per second {at}", "rps", "requests per second", True),
        ("latency", f"Slowest 1% of responses (p99) {at}", "p99_ms", "milliseconds", False),
    ):
        # Per workload, each app's figure where the run has one (no p99 when wrk pipelined).
        by_workload = {
            w.name: figures
            for w in WORKLOADS
            if (
                figures := {
                    a: value
                    for a in apps
                    if w.name in summary[a]
                    and (value := getattr(summary[a][w.name], key)) is not None
                }
            )
        }
        groups = [(BY_NAME[w].label, figures) for w, figures in by_workload.items()]
        better = "higher is better" if higher else "lower is better"
        alt = f"{title}, {better}. {_leaders(groups, higher, unit)}"
        made.append(
            Chart(
                slug,
                title,
                better,
                alt,
                _bars_svg(title, groups, f"{unit}, {better}; each workload on its own scale", alt),
                ["Workload", *(name_of(a) for a in apps)],
                [
                    (
                        BY_NAME[w].label,
                        [_number(figures[a]) if a in figures else "–" for a in apps],
                    )
                    for w, figures in by_workload.items()
                ],
                tuple(w.label for w in WORKLOADS if w.name not in by_workload),
            )
        )
    for slug, title, values, unit in (
        (
            "cold-start",
            "Start-up time to the first answer",
            run.cold_start_ms,
            "milliseconds",
        ),
        (
            "websocket-memory",
            "Memory per 1,000 idle WebSocket connections",
            run.ws_rss_per_1000_kb,
            "kB",
        ),
    ):
        measured = {a: float(values[a]) for a in STACK_IDS if values.get(a)}
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
                [(name_of(a), [_number(v)]) for a, v in measured.items()],
            )
        )
    return made


def chart_named(run: RunResults, file_name: str) -> Chart | None:
    """The chart a URL like /evidence/charts/throughput.svg names."""
    return next((c for c in charts(run) if f"{c.slug}.svg" == file_name), None)


def comparison_sentence(c: Comparison) -> str:
    """One measured comparison as a sentence: who was ahead, by how much, and how sure."""
    subject = SUBJECTS.get(c.subject, c.subject) + c.layer
    node, python = name_of(c.node_app), name_of(c.python_app)
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


def comparison_row(c: Comparison) -> list[str]:
    """A comparison's figures for the claim's table."""
    node_ahead = c.advantage >= 1
    low, high = (c.low, c.high) if node_ahead else (1 / c.high, 1 / c.low)
    tie = c.low <= 1 <= c.high and c.low != c.high
    spread = f"{low:.2f}–{high:.2f}×" if round(low, 2) != round(high, 2) else f"{low:.2f}×"
    unit = c.unit.replace("req/s", "requests/s")
    return [
        SUBJECTS.get(c.subject, c.subject) + c.layer,
        f"{name_of(c.node_app)}: {_number(c.node_value)} {unit}",
        f"{name_of(c.python_app)}: {_number(c.python_value)} {unit}",
        "a tie" if tie else f"{'Node.js' if node_ahead else 'Python'}, {spread}",
    ]
