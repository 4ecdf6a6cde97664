"""The score chart of a recommendation: a small hand-drawn SVG that reads on a phone and in a PDF.

Five colours at most: the three factors that weigh most for this profile, every other factor
together, and the decision rules. Each bar is labelled with its stack and score in text above
it, so nothing depends on an axis squeezed to a few pixels.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

from stackwise.advisor.recommendation import Recommendation

WIDTH = 340  # viewBox units; drawn at about this size on a phone, scaled up on a desktop
FONT = 15
BAR = 20
ROW = 60
COLOURS = ("#1f4f8a", "#4f86c6", "#9dbde3", "#c7ced8")
RULES_COLOUR = "#d9822b"


@dataclass(frozen=True)
class Segment:
    """One coloured piece of a stack's bar."""

    name: str
    points: float
    colour: str


def segments(recommendation: Recommendation) -> list[tuple[str, float, list[Segment]]]:
    """Per stack (best first): its name, score and bar pieces; the top pick's three heaviest
    factors by weight are shown apart, the rest summed as "other factors"."""
    top = recommendation.ranking[0]
    heaviest = sorted(range(len(top.contributions)), key=lambda i: -top.contributions[i].weight)
    shown = heaviest[:3]
    bars = []
    for stack in recommendation.ranking:
        pieces = [
            Segment(stack.contributions[i].name, stack.contributions[i].points, COLOURS[n])
            for n, i in enumerate(shown)
        ]
        other = sum(c.points for i, c in enumerate(stack.contributions) if i not in shown)
        pieces.append(Segment("Other factors", other, COLOURS[3]))
        pieces.append(Segment("Decision rules", stack.rule_points, RULES_COLOUR))
        bars.append((stack.name, stack.score, pieces))
    return bars


def contributions_svg(recommendation: Recommendation) -> str:
    """The chart as an SVG element with a title and description for screen readers."""
    bars = segments(recommendation)
    scale_max = max(sum(max(p.points, 0.0) for p in pieces) for _, _, pieces in bars) or 1.0
    unit = (WIDTH - 2) / scale_max
    parts: list[str] = []
    y = 0.0
    for rank, (name, score, pieces) in enumerate(bars, start=1):
        parts.append(
            f'<text x="0" y="{y + FONT:.1f}" font-size="{FONT}" font-weight="700">'
            f"{rank}. {escape(name)}</text>"
            f'<text x="{WIDTH}" y="{y + FONT:.1f}" font-size="{FONT}" text-anchor="end">'
            f"{score:.1f}</text>"
        )
        x = 0.0
        bar_y = y + FONT + 6
        for piece in pieces:
            width = max(piece.points, 0.0) * unit
            if width <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{width:.1f}" height="{BAR}" '
                f'fill="{piece.colour}"><title>{escape(piece.name)}: '
                f"{piece.points:.1f} points</title></rect>"
            )
            x += width
        negative = sum(min(p.points, 0.0) for p in pieces)
        if negative < 0:
            width = -negative * unit
            parts.append(
                f'<rect x="{x - width:.1f}" y="{bar_y + 1:.1f}" width="{width:.1f}" '
                f'height="{BAR - 2}" fill="none" stroke="{RULES_COLOUR}" stroke-width="2" '
                f'stroke-dasharray="4 2"><title>Decision rules take away {-negative:.1f} points'
                "</title></rect>"
            )
        y += ROW
    legend = [(p.name, p.colour) for p in bars[0][2]]
    y += 4
    for name, colour in legend:
        parts.append(
            f'<rect x="0" y="{y:.1f}" width="16" height="16" fill="{colour}"/>'
            f'<text x="24" y="{y + 13:.1f}" font-size="{FONT}">{escape(name)}</text>'
        )
        y += 24
    height = y
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 {WIDTH + 2} {height + 2:.0f}" '
        f'width="{WIDTH + 2}" height="{height + 2:.0f}" role="img" '
        'aria-labelledby="score-chart-title score-chart-desc" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" '
        'fill="#1b2430">'
        '<title id="score-chart-title">Where each stack\'s points come from</title>'
        f'<desc id="score-chart-desc">{escape(_description(bars))}</desc>'
        f"{''.join(parts)}</svg>"
    )


def chart_description(recommendation: Recommendation) -> str:
    """What the chart shows, in words: its alternative text wherever it is drawn."""
    return _description(segments(recommendation))


def _description(bars: list[tuple[str, float, list[Segment]]]) -> str:
    summary = "; ".join(f"{name} {score:.1f} points" for name, score, _ in bars)
    shown = ", ".join(p.name for p in bars[0][2][:3])
    return (
        f"Scores, best first: {summary}. Each bar is split into the three factors that weigh "
        f"most for this project ({shown}), all other factors, and the decision rules."
    )


def contributions_data_uri(recommendation: Recommendation) -> str:
    """The chart as an image address, for documents that embed it as an image with alt text
    (a PDF reader reads an image's alt text; it does not read an inline SVG's description)."""
    encoded = base64.b64encode(contributions_svg(recommendation).encode()).decode()
    return f"data:image/svg+xml;base64,{encoded}"
