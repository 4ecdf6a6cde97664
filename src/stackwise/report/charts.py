"""Charts of a recommendation (matplotlib, rendered to SVG for pages and the PDF)."""

from __future__ import annotations

import io

from stackwise.advisor.recommendation import Recommendation


def contributions_svg(recommendation: Recommendation) -> str:
    """Stacked bars: each stack's score split into factor contributions and rule points."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # A fixed hash salt keeps element ids stable, so a stored result renders byte-identically.
    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "stackwise",
            "font.family": "DejaVu Sans",
            "font.size": 9,
        }
    )
    ranking = list(reversed(recommendation.ranking))  # best at the top of the chart
    factors = [c.name for c in ranking[0].contributions]
    colours = plt.get_cmap("tab20").colors
    fig, ax = plt.subplots(figsize=(8, 2.2 + 0.45 * len(ranking)), dpi=100)
    lefts = [0.0] * len(ranking)
    labels = [f"{s.name} ({s.score:.1f})" for s in ranking]
    for i, factor in enumerate(factors):
        widths = [s.contributions[i].points for s in ranking]
        ax.barh(
            labels,
            widths,
            left=lefts,
            color=colours[i % len(colours)],
            label=factor,
            edgecolor="white",
            linewidth=0.5,
        )
        lefts = [left + w for left, w in zip(lefts, widths, strict=True)]
    rule_points = [s.rule_points for s in ranking]
    ax.barh(
        labels,
        rule_points,
        left=lefts,
        color="#222222",
        label="Decision rules",
        hatch="//",
        edgecolor="white",
        linewidth=0.5,
    )
    ax.set_xlabel("Points (factor contributions, then decision-rule points)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=4, frameon=False, fontsize=7.5)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
