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


def contributions_svg(recommendation: Recommendation, *, wide: bool = False) -> str:
    """The chart as an SVG element with a title and description for screen readers: stacked
    (each label above its bar, the legend in a column) for a phone, or `wide` for a printed
    page (each label beside its bar, the legend in one row), about four times as wide as high."""
    bars = segments(recommendation)
    if wide:
        parts, width, height = _wide(bars)
    else:
        parts, width, height = _stacked(bars)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 {width + 2} {height + 2:.0f}" '
        f'width="{width + 2}" height="{height + 2:.0f}" role="img" '
        'aria-labelledby="score-chart-title score-chart-desc" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" '
        'fill="#1b2430">'
        '<title id="score-chart-title">Where each stack\'s points come from</title>'
        f'<desc id="score-chart-desc">{escape(_description(bars))}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _stacked(bars: list[tuple[str, float, list[Segment]]]) -> tuple[list[str], int, float]:
    unit = (WIDTH - 2) / _scale_max(bars)
    parts: list[str] = []
    y = 0.0
    for rank, (name, score, pieces) in enumerate(bars, start=1):
        parts.append(
            f'<text x="0" y="{y + FONT:.1f}" font-size="{FONT}" font-weight="700">'
            f"{rank}. {escape(name)}</text>"
            f'<text x="{WIDTH}" y="{y + FONT:.1f}" font-size="{FONT}" text-anchor="end">'
            f"{score:.1f}</text>"
        )
        parts.extend(_bar(pieces, 0.0, y + FONT + 6, unit))
        y += ROW
    y += 4
    for name, colour in _legend(bars):
        parts.append(
            f'<rect x="0" y="{y:.1f}" width="16" height="16" fill="{colour}"/>'
            f'<text x="24" y="{y + 13:.1f}" font-size="{FONT}">{escape(name)}</text>'
        )
        y += 24
    return parts, WIDTH, y


# The printed chart: drawn at the text width of an A4 page (about 180 mm), where one unit is
# about a quarter of a millimetre and FONT_WIDE matches the report's 9.5 pt text.
WIDE_WIDTH = 720
WIDE_LABEL = 170  # the stack's name and score, left of its bar
WIDE_FONT = 13
WIDE_ROW = 30


def _wide(bars: list[tuple[str, float, list[Segment]]]) -> tuple[list[str], int, float]:
    unit = (WIDE_WIDTH - WIDE_LABEL - 2) / _scale_max(bars)
    parts: list[str] = []
    y = 0.0
    for rank, (name, score, pieces) in enumerate(bars, start=1):
        baseline = y + (BAR + WIDE_FONT) / 2 - 1
        parts.append(
            f'<text x="0" y="{baseline:.1f}" font-size="{WIDE_FONT}" font-weight="700">'
            f"{rank}. {escape(name)}</text>"
            f'<text x="{WIDE_LABEL - 10}" y="{baseline:.1f}" font-size="{WIDE_FONT}" '
            f'text-anchor="end">{score:.1f}</text>'
        )
        parts.extend(_bar(pieces, WIDE_LABEL, y, unit))
        y += WIDE_ROW
    y += 6
    x = 0.0
    for name, colour in _legend(bars):
        # A rough width of the words (DejaVu Sans averages about 0.6 em a letter); a legend
        # that would run past the right edge goes on to a second row.
        item = 14 + 6 + 0.6 * WIDE_FONT * len(name) + 18
        if x > 0 and x + item > WIDE_WIDTH:
            x, y = 0.0, y + 20
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20:.1f}" y="{y + 12:.1f}" font-size="{WIDE_FONT}">'
            f"{escape(name)}</text>"
        )
        x += item
    return parts, WIDE_WIDTH, y + 16


def _scale_max(bars: list[tuple[str, float, list[Segment]]]) -> float:
    return max(sum(max(p.points, 0.0) for p in pieces) for _, _, pieces in bars) or 1.0


def _legend(bars: list[tuple[str, float, list[Segment]]]) -> list[tuple[str, str]]:
    return [(p.name, p.colour) for p in bars[0][2]]


def _bar(pieces: list[Segment], x0: float, bar_y: float, unit: float) -> list[str]:
    """One stack's bar from x0: its positive pieces side by side, and decision rules that take
    points away drawn as a dashed outline over the bar's end."""
    parts = []
    x = x0
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
    return parts


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
    """The wide chart as an image address, for printed documents that embed it as an image with
    alt text (a PDF reader reads an image's alt text; it does not read an inline SVG's
    description)."""
    encoded = base64.b64encode(contributions_svg(recommendation, wide=True).encode()).decode()
    return f"data:image/svg+xml;base64,{encoded}"
