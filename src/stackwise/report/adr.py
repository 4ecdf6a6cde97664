"""An architecture decision record in the MADR 4 format, ready for a team's docs/decisions/."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from stackwise.advisor.recommendation import RankedStack, Recommendation
from stackwise.report.markdown_layout import lay_out, link
from stackwise.report.wording import eur, robustness_sentence, title_of, weeks

GOOD_SCORE = 8.0
BAD_SCORE = 4.0
STATUS = "proposed"  # the team accepts the decision by changing it


class AdrStyle(StrEnum):
    """Where the status and date go: each ADR tool looks for them in its own place."""

    madr = "madr"  # YAML front matter, as the MADR 4 template has it
    log4brains = "log4brains"  # a "Status:" / "Date:" list between the title and the first section
    adr_viewer = "adr-viewer"  # a "## Status" section, as adr-tools (Nygard's format) writes it


def _heading(title: str, day: str, style: AdrStyle) -> list[str]:
    if style is AdrStyle.log4brains:
        return [title, "", f"* Status: {STATUS}", f"* Date: {day}", ""]
    if style is AdrStyle.adr_viewer:
        return [title, "", f"Date: {day}", "", "## Status", "", STATUS.capitalize(), ""]
    return ["---", f"status: {STATUS}", f"date: {day}", "---", "", title, ""]


def _pros_and_cons(stack: RankedStack, recommendation: Recommendation) -> list[str]:
    lines = []
    for c in sorted(stack.contributions, key=lambda c: (-c.score, c.name)):
        if c.score >= GOOD_SCORE:
            lines.append(f"* Good, because of {c.name.lower()} ({c.score:g}/10)")
    lines.append(
        f"* Neutral, because it would cost {eur(stack.estimate.cost_eur)} over "
        f"{weeks(stack.estimate.weeks)}"
    )
    for c in sorted(stack.contributions, key=lambda c: (c.score, c.name)):
        if c.score <= BAD_SCORE:
            lines.append(f"* Bad, because of weak {c.name.lower()} ({c.score:g}/10)")
    return lines


def render_adr(
    recommendation: Recommendation,
    date: dt.date | None = None,
    style: AdrStyle = AdrStyle.madr,
) -> str:
    """Render the decision as MADR 4 Markdown, its status and date where `style`'s tool reads them."""
    r = recommendation
    top = r.ranking[0]
    day = (date or dt.date.today()).isoformat()
    option = top.name
    arch = r.architecture
    if arch.kind == "hybrid" and arch.realtime_service:
        option = f"{top.name} core with a {r.stack(arch.realtime_service).name} real-time service"
    p = r.profile
    out = _heading(f"# Use {option} for the backend of {title_of(r)}", day, style)
    out += ["## Context and Problem Statement", ""]
    needs = ", ".join(n.value.replace("_", " ") for n in p.needs) or "no special capabilities"
    langs = ", ".join(lang.value for lang in p.team.languages) or "unspecified languages"
    out += [
        f"We are building {title_of(r)} ({p.product.value.replace('_', ' ')}) that needs {needs}. "
        f"The team has {p.team.size} developer(s) writing {langs}, deploying on "
        f"{p.deployment.value}. Which backend stack should we build it on: Python (Django or "
        "FastAPI) or Node.js (Express or NestJS)?",
        "",
    ]
    out += ["## Decision Drivers", ""]
    weighted = sorted(top.contributions, key=lambda c: -c.weight)[:5]
    out += [f"* {c.name} ({c.weight:.0f}% of the weight)" for c in weighted]
    out += [
        f"* {rule.title}"
        for rule in r.rules
        if rule.effect
        and not rule.overridden_by
        and not rule.id.startswith("weigh_")
        and "risk:" not in rule.effect
    ]
    if p.budget_eur is not None:
        out.append(f"* Budget of EUR {p.budget_eur:,}")
    if p.deadline_weeks is not None:
        out.append(f"* Deadline of {p.deadline_weeks} weeks")
    out += ["", "## Considered Options", ""]
    out += [f"* {s.name}" for s in r.ranking]
    out += ["", "## Decision Outcome", ""]
    runner_up = r.ranking[1]
    out += [
        f'Chosen option: "{option}", because it scores {top.score:.1f} against '
        f"{runner_up.score:.1f} for {runner_up.name} on the weighted criteria. "
        + " ".join(r.reasons[1:3]),
        "",
        "### Consequences",
        "",
    ]
    out += [
        f"* Good, because the first version is estimated at {eur(r.estimate.cost_eur)} over "
        f"{weeks(r.estimate.weeks)} ({r.estimate.budget.text} {r.estimate.deadline.text})"
    ]
    best = sorted(top.contributions, key=lambda c: -c.points)[:2]
    out += [f"* Good, because of its {c.name.lower()} ({c.score:g}/10)" for c in best]
    out += [f"* Bad, because {risk.title.lower()}: {risk.detail}" for risk in r.risks]
    if arch.kind == "hybrid":
        out.append(f"* Bad, because {arch.complexity}")
    out += ["", "### Confirmation", ""]
    out += [
        f"{robustness_sentence(r)} Re-run `stackwise advise` on the committed profile when the "
        "project changes; the decision should be revisited if any of these become true:",
        "",
    ]
    out += [f"* {flip.text}" for flip in r.flips[:5]] or ["* (no single answer would change it)"]
    out += ["", "## Pros and Cons of the Options", ""]
    for stack in r.ranking:
        out += [f"### {stack.name}", "", f"Score {stack.score:.1f}.", ""]
        out += _pros_and_cons(stack, r)
        out.append("")
    out += ["## More Information", ""]
    out += [
        f"Generated by stackwise with knowledge version `{r.knowledge_version}`. Sources:",
        "",
    ]
    out += [f"* {s['title']} ({link(s['document'])})" for s in r.sources]
    return lay_out("\n".join(out))
