"""An architecture decision record in the MADR 4 format, ready for a team's docs/decisions/."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from stackwise.advisor.recommendation import RankedStack, Recommendation
from stackwise.report.markdown_layout import lay_out
from stackwise.report.wording import (
    developers,
    eur,
    readable,
    robustness_sentence,
    title_of,
    weeks,
)

STATUS = "proposed"  # the team accepts the decision by changing it


class AdrStyle(StrEnum):
    """Where the status and date go: each ADR tool looks for them in its own place."""

    madr = "madr"  # YAML front matter, as the MADR 4 template has it
    log4brains = "log4brains"  # a "Status:" / "Date:" list between the title and the first section
    adr_viewer = "adr-viewer"  # a "## Status" section, as adr-tools (Nygard's format) writes it


def team_sentence(size: int, hiring: bool, languages: str) -> str:
    """Who builds it, as the ADR's context states it."""
    if hiring:
        return f"We have no developers yet and will hire or contract {developers(size)}."
    return f"The team has {developers(size)} writing {languages}."


def _heading(title: str, day: str, style: AdrStyle) -> list[str]:
    if style is AdrStyle.log4brains:
        return [title, "", f"* Status: {STATUS}", f"* Date: {day}", ""]
    if style is AdrStyle.adr_viewer:
        return [title, "", f"Date: {day}", "", "## Status", "", STATUS.capitalize(), ""]
    return ["---", f"status: {STATUS}", f"date: {day}", "---", "", title, ""]


# Factors scored from the profile's own estimates: the cost line says the same in EUR and weeks.
ESTIMATED = frozenset({"project_cost", "time_to_market"})
LINES = 4  # the strongest Good and Bad lines per option


def _standing(stack: RankedStack, recommendation: Recommendation, index: int) -> str:
    """Whether the stack is best, worst or neither on one factor against the other three."""
    mine = stack.contributions[index].score
    others = [s.contributions[index].score for s in recommendation.ranking if s is not stack]
    if mine >= max(others) and mine > min(others):
        return "best"
    if mine <= min(others) and mine < max(others):
        return "worst"
    return "middle"


def _cost_line(stack: RankedStack, recommendation: Recommendation) -> str:
    """The estimate as Good only when it is the cheapest, Bad when the dearest, else Neutral."""
    est = stack.estimate
    if not est.within_mvp_scope:
        return f"* Neutral, because {est.scope_note}"
    middle = (est.cost_eur.low + est.cost_eur.high) / 2
    others = [
        (s.estimate.cost_eur.low + s.estimate.cost_eur.high) / 2
        for s in recommendation.ranking
        if s is not stack
    ]
    figure = f"{eur(est.cost_eur)} over {weeks(est.weeks)}"
    if middle <= min(others):
        return f"* Good, because it is the cheapest of the four to build: {figure}"
    if middle >= max(others):
        return f"* Bad, because it is the dearest of the four to build: {figure}"
    return f"* Neutral, because it would cost {figure}"


def _pros_and_cons(stack: RankedStack, recommendation: Recommendation) -> list[str]:
    good, bad = [], []
    for i, c in enumerate(stack.contributions):
        if c.weight == 0 or c.factor in ESTIMATED:
            continue  # does not apply to this profile, or is the estimate the cost line states
        standing = _standing(stack, recommendation, i)
        if standing == "best":
            good.append(
                (-c.points, f"* Good, because of the best {c.name.lower()} ({c.score:.3g}/10)")
            )
        elif standing == "worst":
            bad.append(
                (c.weight, f"* Bad, because of the weakest {c.name.lower()} ({c.score:.3g}/10)")
            )
    lines = [line for _, line in sorted(good)[:LINES]]
    lines.append(_cost_line(stack, recommendation))
    lines += [line for _, line in sorted(bad, reverse=True)[:LINES]]
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
    if arch.kind == "hybrid" and arch.service:
        role = "real-time" if arch.role == "realtime" else "AI"
        option = f"{top.name} core with a {r.stack(arch.service).name} {role} service"
    p = r.profile
    out = _heading(f"# Use {option} for the backend of {title_of(r)}", day, style)
    out += ["## Context and Problem Statement", ""]
    needs = ", ".join(n.value.replace("_", " ") for n in p.needs) or "no special capabilities"
    langs = ", ".join(lang.value for lang in p.team.languages) or "unspecified languages"
    out += [
        f"We are building {title_of(r)} ({p.product.value.replace('_', ' ')}) that needs {needs}. "
        f"{team_sentence(p.team.size, p.team.hiring, langs)} We deploy on "
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
        if not rule.overridden_by
        and (
            rule.kind in {"leaning", "familiarity", "architecture"}
            or (not rule.kind and not rule.id.startswith("weigh_") and "risk:" not in rule.effect)
        )
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
        + " ".join(readable(r)["reasons"][1:3]),
        "",
        "### Consequences",
        "",
    ]
    out.append(_cost_line(top, r).replace(" it is", " the first version is", 1))
    for i, c in sorted(enumerate(top.contributions), key=lambda ic: -ic[1].points):
        if c.weight > 0 and c.factor not in ESTIMATED and _standing(top, r, i) == "best":
            out.append(f"* Good, because of its {c.name.lower()} ({c.score:.3g}/10)")
            if sum(line.startswith("* Good, because of its") for line in out) == 2:
                break
    out += [f"* Bad, because {risk.title.lower()}: {risk.detail}" for risk in r.risks]
    if arch.kind == "hybrid" and arch.complexity:
        out.append(f"* Bad, because {arch.complexity[0].lower()}{arch.complexity[1:]}")
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
    out += [f"* {s['citation'].markdown()}" for s in readable(r)["sources"]]
    return lay_out("\n".join(out))
