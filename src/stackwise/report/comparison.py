"""The comparison table (every factor, per family and per framework) as data and Markdown."""

from __future__ import annotations

from typing import Any

from stackwise.knowledge.models import Knowledge
from stackwise.report.markdown_layout import lay_out, link, table


def comparison_data(knowledge: Knowledge) -> dict[str, Any]:
    """Every factor with the family summaries and each stack's score, rationale and source."""
    return {
        "knowledge_version": knowledge.version,
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
        "factors": [
            {
                "id": f.id,
                "name": f.name,
                "question": f.question,
                "article_row": f.article_row,
                "python": f.python,
                "node": f.node,
                "weight": f.weight,
                "scores": {
                    sid: {"score": sc.score, "rationale": sc.rationale, "source": sc.source}
                    for sid, sc in f.scores.items()
                },
            }
            for f in knowledge.factors.values()
        ],
        "sources": [
            {"id": s.id, "title": s.title, "document": s.document, "date": s.date}
            for s in knowledge.sources.values()
        ],
    }


def comparison_markdown(knowledge: Knowledge) -> str:
    """The comparison as Markdown: a family table, then a per-framework table with reasons."""
    stacks = list(knowledge.stacks.values())
    factors = list(knowledge.factors.values())
    out = ["# Python vs Node.js: the comparison", ""]
    out += table(
        ["Factor", "Python (Django/FastAPI)", "Node.js (Express/NestJS)"],
        [[f.name, f.python, f.node] for f in factors],
    )
    out += ["", "## Per framework (score out of 10, with the reason and its source)", ""]
    out += table(
        ["Factor"] + [s.name for s in stacks],
        [
            [f.name]
            + [
                f"**{f.scores[s.id].score:g}** {f.scores[s.id].rationale} [{f.scores[s.id].source}]"
                for s in stacks
            ]
            for f in factors
        ],
    )
    out += ["", "## Sources", ""]
    out += [
        f"- `{s.id}`: {s.title} ({link(s.document)}, {s.date})" for s in knowledge.sources.values()
    ]
    out += ["", f"Knowledge version `{knowledge.version}`."]
    return lay_out("\n".join(out))
