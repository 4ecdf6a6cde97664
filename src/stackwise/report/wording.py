"""Small phrases the text reports share, so Markdown, ADR and terminal say things alike."""

from __future__ import annotations

from stackwise.advisor.profile import LABELS
from stackwise.advisor.recommendation import Range, Recommendation


def eur(span: Range) -> str:
    """A money range: EUR 3,000-8,000."""
    return f"EUR {span.low:,.0f}-{span.high:,.0f}"


def weeks(span: Range) -> str:
    """A weeks range: 6-8 weeks."""
    return f"{span.low:g}-{span.high:g} weeks"


def title_of(recommendation: Recommendation) -> str:
    """The project's name, or a description of it when it has none."""
    return recommendation.profile.name or f"a {recommendation.profile.product.value} project"


def headline(recommendation: Recommendation) -> str:
    """One sentence: the pick and, for a hybrid, its companion service and what it does."""
    top = recommendation.ranking[0]
    arch = recommendation.architecture
    if arch.kind == "hybrid" and arch.service:
        service = recommendation.stack(arch.service).name
        role = "real-time features" if arch.role == "realtime" else "the AI work"
        return f"{top.name} as the core, with a {service} service for {role}."
    if recommendation.tie is not None:
        other = recommendation.stack(recommendation.tie.stacks[1]).name
        return f"{top.name} or {other} (a tie within the noise); {top.name} ranks first."
    return f"{top.name} ({top.family.capitalize()})."


FAMILY_NAMES = {"python": "Python", "node": "Node.js"}


def robustness_sentence(recommendation: Recommendation) -> str:
    """How robust the pick is, in two levels (language family, then framework), in words."""
    r = recommendation.robustness
    if r is None:
        return "Robustness was not computed."
    top = recommendation.ranking[0]
    if r.family is None:  # stored before confidence had two levels
        return (
            f"{top.name} stays first in {r.share:g}% of {r.samples:,} random re-weightings "
            f"(each weight varied by up to ±{r.spread:.0%}): {r.label} confidence."
        )
    family = FAMILY_NAMES.get(r.family, r.family)
    return (
        f"{family} stays first in {r.family_share:g}% of {r.samples:,} draws "
        f"({r.family_label} confidence); within {family}, {top.name} leads in "
        f"{r.framework_share:g}% of them ({r.framework_label} confidence). The draws vary "
        + ", ".join(r.varied)
        + "."
    )


def profile_lines(recommendation: Recommendation) -> list[str]:
    """The answers the recommendation was made for, one per line."""
    p = recommendation.profile
    lines = [f"Product: {LABELS['product'][p.product.value]}"]
    lines.append(
        "Needs: " + (", ".join(LABELS["needs"][n.value] for n in p.needs) or "none listed")
    )
    langs = ", ".join(LABELS["languages"][lang.value] for lang in p.team.languages) or "not given"
    lines.append(
        f"Team: {p.team.size} developer(s); languages: {langs}; one language front and back: "
        f"{'yes' if p.team.fullstack_js else 'no'}"
    )
    lines.append(
        f"Deployment: {LABELS['deployment'][p.deployment.value]}; "
        f"{LABELS['ai_later'][p.ai_later.value]}; region: {p.region}"
    )
    if p.scale.peak_rps is not None or p.scale.concurrent_connections is not None:
        lines.append(
            f"Scale: peak {p.scale.peak_rps if p.scale.peak_rps is not None else '?'} req/s, "
            f"{p.scale.concurrent_connections if p.scale.concurrent_connections is not None else '?'} "
            "concurrent connections"
        )
    if p.budget_eur is not None:
        lines.append(f"Budget: EUR {p.budget_eur:,}")
    if p.deadline_weeks is not None:
        lines.append(f"Deadline: {p.deadline_weeks} weeks")
    return lines
