"""The comparison table (every factor, per family and per framework) as data and Markdown.

Factors the advice scores from measurements or estimates (raw performance, cold start, cost,
time to market) are shown with the advice's own figures for a stated typical profile, so the
comparison and a recommendation never disagree about the same number.
"""

from __future__ import annotations

from typing import Any

from stackwise.advisor.explain import performance_summary
from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.scoring import score_profile
from stackwise.knowledge.models import Knowledge
from stackwise.report.citation import cite
from stackwise.report.markdown_layout import lay_out, table

# The typical profile the measured and estimated rows are shown for: a SaaS at a busy peak,
# where the measured capacity starts to show in the hosting bill.
TYPICAL_PEAK_RPS = 1000
TYPICAL_CONNECTIONS = 1000
TYPICAL = {
    "product": "saas",
    "scale": {"peak_rps": TYPICAL_PEAK_RPS, "concurrent_connections": TYPICAL_CONNECTIONS},
}
TYPICAL_WORDS = (
    f"a SaaS with no team language given, at a peak of {TYPICAL_PEAK_RPS:,} req/s and "
    f"{TYPICAL_CONNECTIONS:,} open connections"
)


def _measurements(knowledge: Knowledge) -> list[dict[str, Any]]:
    evidence = knowledge.evidence
    if evidence is None:
        return []
    rows = []
    for stack_id, capacity in evidence.capacity.items():
        ws, cold = capacity.ws_memory_per_1000_kb, capacity.cold_start_ms
        rows.append(
            {
                "stack": stack_id,
                "configuration": capacity.configuration,
                "data_access": capacity.data_access,
                "rps_per_core": {
                    w: {
                        "median": c.rps_per_core.median,
                        "low": c.rps_per_core.low,
                        "high": c.rps_per_core.high,
                        "meets_p99_target": c.meets_target,
                    }
                    for w, c in capacity.workloads.items()
                },
                "ws_memory_per_1000_mb": round(ws.median / 1000, 1) if ws else None,
                "cold_start_ms": cold.median if cold else None,
            }
        )
    return rows


def comparison_data(knowledge: Knowledge) -> dict[str, Any]:
    """Every factor with the family summaries and each stack's score, rationale and source, the
    measured rows at the typical profile, and the lab's figures behind them."""
    typical = ProjectProfile.model_validate(TYPICAL)
    scored = score_profile(typical, knowledge)
    performance = performance_summary(scored, knowledge, typical)
    if performance is not None:  # said of the typical profile, not the reader's own
        performance = performance.model_copy(
            update={"text": performance.text.replace("At your peak of", "At a peak of", 1)}
        )
    factors = []
    for f in knowledge.factors.values():
        scores = scored.scores[f.id] if f.evidence is not None else f.scores
        factors.append(
            {
                "id": f.id,
                "name": f.name,
                "question": f.question,
                "article_row": f.article_row,
                "python": f.python,
                "node": f.node,
                "weight": f.weight,
                "for_typical_profile": f.evidence is not None,
                "typical_profile": TYPICAL_WORDS if f.evidence is not None else None,
                "scores": {
                    sid: {
                        "score": round(sc.score, 2),
                        "rationale": sc.rationale,
                        "source": sc.source,
                    }
                    for sid, sc in scores.items()
                },
            }
        )
    return {
        "knowledge_version": knowledge.version,
        "typical_profile": {
            "profile": TYPICAL,
            "words": TYPICAL_WORDS,
            "performance": performance.model_dump(mode="json") if performance else None,
        },
        "stacks": [
            {
                "id": s.id,
                "name": s.name,
                "family": s.family,
                "summary": s.summary,
                "server": s.server,
            }
            for s in knowledge.stacks.values()
        ],
        "factors": factors,
        "measurements": _measurements(knowledge),
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "author": s.author,
                "publisher": s.publisher,
                "document": s.document,
                "date": s.date,
            }
            for s in map(knowledge.cited, knowledge.sources)
        ],
    }


def comparison_markdown(knowledge: Knowledge) -> str:
    """The comparison as Markdown: a family table, then a per-framework table with reasons."""
    data = comparison_data(knowledge)
    stacks = list(knowledge.stacks.values())
    factors = list(knowledge.factors.values())
    out = ["# Python vs Node.js: the comparison", ""]
    out += table(
        ["Factor", "Python (Django/FastAPI)", "Node.js (Express/NestJS)"],
        [[f.name, f.python, f.node] for f in factors],
    )
    out += ["", "## Per framework (score out of 10, with the reason and its source)", ""]
    out += [
        f"Rows marked * are scored as the advice scores them, for {TYPICAL_WORDS}; the advice "
        "rescores them for each profile's own load, team and product.",
        "",
    ]
    out += table(
        ["Factor"] + [s.name for s in stacks],
        [
            [f["name"] + (" *" if f["for_typical_profile"] else "")]
            + [
                f"**{f['scores'][s.id]['score']:g}** {f['scores'][s.id]['rationale']} "
                f"[{f['scores'][s.id]['source']}]"
                for s in stacks
            ]
            for f in data["factors"]
        ],
    )
    performance = data["typical_profile"]["performance"]
    if performance is not None:
        out += ["", "## Measured capacity", "", performance["text"], ""]
        workloads = sorted({w for row in data["measurements"] for w in row["rps_per_core"]})
        out += table(
            ["Stack", *workloads, "MB per 1,000 WebSockets", "cold start ms"],
            [
                [knowledge.stacks[row["stack"]].name]
                + [
                    f"{row['rps_per_core'][w]['median']:,.0f}" if w in row["rps_per_core"] else "-"
                    for w in workloads
                ]
                + [f"{row['ws_memory_per_1000_mb'] or '-'}", f"{row['cold_start_ms'] or '-'}"]
                for row in data["measurements"]
            ],
        )
        out += ["", "Requests per second per core, median of the lab's repeats."]
    out += ["", "## Sources", ""]
    out += [f"- `{sid}`: {cite(knowledge.cited(sid)).markdown()}" for sid in knowledge.sources]
    out += ["", f"Knowledge version `{knowledge.version}`."]
    return lay_out("\n".join(out))
