"""Small phrases the text reports share, so Markdown, ADR and terminal say things alike."""

from __future__ import annotations

from typing import Any

from stackwise.advisor.profile import Need, Product
from stackwise.advisor.recommendation import Estimate, Range, Recommendation
from stackwise.report.citation import cite


def eur(span: Range) -> str:
    """A money range: EUR 3,000-8,000."""
    return f"EUR {span.low:,.0f}-{span.high:,.0f}"


def weeks(span: Range) -> str:
    """A weeks range: 6-8 weeks."""
    return f"{span.low:g}-{span.high:g} weeks"


def _split(r: Recommendation, core: str, own: Range, extra: Range, dash: str) -> str:
    """A hybrid in words: "<core> core EUR a-b + <service> <role> service EUR c-d = EUR total"."""
    arch = r.architecture
    service = r.stack(arch.service).name if arch.service else ""
    role = "AI" if arch.role == "ai" else "real-time"

    def span(low: float, high: float) -> str:
        return f"EUR {low:,.0f}{dash}{high:,.0f}"

    return (
        f"{core} core {span(own.low, own.high)} + {service} {role} service "
        f"{span(extra.low, extra.high)} = {span(own.low + extra.low, own.high + extra.high)}"
    )


def _hybrid_extra(r: Recommendation) -> Range | None:
    """The second service's cost, for a hybrid estimated within an MVP's scope; else None."""
    arch, estimate = r.architecture, r.estimate
    if arch.kind != "hybrid" or not arch.service or not estimate.within_mvp_scope:
        return None
    return estimate.hybrid_extra_eur


def hybrid_cost(recommendation: Recommendation, dash: str = "-") -> str | None:
    """A hybrid's first version as the core's cost plus the second service's, in words: "Django
    core EUR 83,700-178,400 + NestJS real-time service EUR 2,000-5,000 = EUR 85,700-183,400".
    None for a single stack, past an MVP's scope, or where the estimate does not say the extra."""
    r = recommendation
    extra = _hybrid_extra(r)
    if extra is None:
        return None
    total = r.estimate.cost_eur  # the extra is included in it
    own = Range(low=total.low - extra.low, high=total.high - extra.high)
    return _split(r, r.stack(r.architecture.stack).name, own, extra, dash)


def hybrid_duties(recommendation: Recommendation) -> tuple[str, str]:
    """What a hybrid's core and its service each do, from what the profile asked for: a real-time
    service leaves the core the business logic and whichever of admin, AI and data work the
    profile needs; an AI service leaves the core the product and its real-time work."""
    r = recommendation
    if r.architecture.role == "ai":
        return "the product and its business logic", "the AI work"
    p = r.profile
    duties = ["business logic"]
    duties += ["the admin"] if Need.admin_panel in p.needs else []
    duties += ["AI"] if Need.ai_ml in p.needs or p.product is Product.ai_product else []
    duties += ["data processing"] if Need.data_processing in p.needs else []
    core = ", ".join(duties[:-1]) + " and " + duties[-1] if len(duties) > 1 else duties[0]
    return core, "real-time connections"


def runner_up_hybrid_cost(recommendation: Recommendation, dash: str = "-") -> str | None:
    """The runner-up under the pick's architecture, when it can take the core's place (same
    family): its own first version plus the same second service, as `hybrid_cost` words the
    pick's. The service costs the same beside either core: its price depends on the second
    family, the team and the region, not on which framework of the first family it sits beside.
    None when the runner-up is of the service's family (it would be a different architecture)."""
    r = recommendation
    extra = _hybrid_extra(r)
    runner = r.ranking[1]
    if extra is None or runner.family != r.stack(r.architecture.stack).family:
        return None
    return _split(r, runner.name, runner.estimate.cost_eur, extra, dash)


def paid_as(estimate: Estimate) -> str:
    """What the estimate's money pays for, in words: hours at a contractor's rate, or weeks of a
    salaried developer."""
    if estimate.engagement == "salaried" and estimate.week_cost_eur and estimate.person_weeks:
        return (
            f"{estimate.person_weeks.low:,.1f}-{estimate.person_weeks.high:,.1f} paid "
            f"person-weeks at EUR {estimate.week_cost_eur:,.0f} a salaried developer-week"
        )
    rate = estimate.rate_used_eur_per_hour or estimate.rate_eur_per_hour.low
    return f"{estimate.hours.low:,.0f}-{estimate.hours.high:,.0f} paid hours at EUR {rate:,.0f}/h"


def estimate_sentence(estimate: Estimate, strong: str = "") -> str:
    """The estimate from the work in one sentence; `strong` wraps the cost and the weeks (`**`
    in Markdown)."""
    effort = estimate.effort_person_weeks
    work = f"{effort.low:g}-{effort.high:g} person-weeks of work, " if effort else ""
    hiring = estimate.hiring_weeks
    hired = (
        f", {hiring.low:g}-{hiring.high:g} of them recruiting before the first week"
        if hiring
        else ""
    )
    return (
        f"{strong}{eur(estimate.cost_eur)}{strong} and {strong}{weeks(estimate.weeks)}{strong}"
        f"{hired} ({work}{paid_as(estimate)})."
    )


def estimate_lines(estimate: Estimate) -> list[str]:
    """The estimate's sentences: from the work within an MVP's scope, with the article's quote
    beside it as the article's; past it, the run rate and no first-version price."""
    if not estimate.within_mvp_scope:
        lines = [estimate.scope_note or ""]
        if estimate.budget.limit is not None:
            lines.append(estimate.budget.text)
        return lines
    lines = [estimate_sentence(estimate), estimate.budget.text, estimate.deadline.text]
    if estimate.article_quote:
        lines.append(estimate.article_quote)
    return lines


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
    if recommendation.too_close is not None:
        other = recommendation.stack(recommendation.too_close.stacks[1]).name
        return f"Too close to call: {top.name} or {other}; {top.name} ranks first."
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
        + (
            f" The {recommendation.architecture.kind} architecture holds for "
            f"{r.architecture_share:g}% of those budgets."
            if r.architecture_share is not None
            else ""
        )
    )


def developers(size: int) -> str:
    """A team size in words: "1 developer", "3 developers"."""
    return "1 developer" if size == 1 else f"{size} developers"


def profile_lines(recommendation: Recommendation) -> list[str]:
    """The answers the recommendation was made for, one per line."""
    p = recommendation.profile
    lines = [f"Product: {p.product.label}"]
    lines.append("Needs: " + (", ".join(n.label for n in p.needs) or "none listed"))
    langs = ", ".join(lang.label for lang in p.team.languages) or "not given"
    team = developers(p.team.size)
    if p.team.hiring:
        team = f"no developers yet ({team} to hire or contract)"
    lines.append(
        f"Team: {team}; languages: {langs}; one language front and back: "
        f"{'yes' if p.team.fullstack_js else 'no'}; paid as {p.team.engagement.label}"
    )
    count = p.integrations
    lines.append(
        f"Integrations and data: {count or 'no'} third-party integration{'' if count == 1 else 's'}; "
        f"sensitive data: {p.regulated_data.label}"
    )
    lines.append(
        f"Deployment: {p.deployment.label}; "
        f"{p.ai_later.label}; developers hired in {region_words(p.region)}"
    )
    if p.scale.peak_rps is not None or p.scale.concurrent_connections is not None:
        peak = "not given" if p.scale.peak_rps is None else f"{p.scale.peak_rps:,} requests/s"
        conns = p.scale.concurrent_connections
        lines.append(
            f"Scale: peak {peak}; "
            f"{'not given' if conns is None else f'{conns:,}'} connections open at once"
        )
    if p.budget_eur is not None:
        lines.append(f"Budget: EUR {p.budget_eur:,}")
    if p.deadline_weeks is not None:
        lines.append(f"Deadline: {p.deadline_weeks} weeks")
    return lines


def rule_title(recommendation: Recommendation, rule_id: str) -> str:
    """A fired rule's title, for sentences that would otherwise name its internal id."""
    return next((rule.title for rule in recommendation.rules if rule.id == rule_id), rule_id)


def source_title(recommendation: Recommendation, source_id: str) -> str:
    """A source's readable title; the lab's and our model's are said plainly."""
    source = next((s for s in recommendation.sources if s.get("id") == source_id), None)
    return source["title"] if source else source_id


def source_link(source: dict[str, str]) -> str | None:
    """Where a reader can open a source: its web address, if it has one."""
    words = source.get("document", "").split()
    return words[0] if words and words[0].startswith(("https://", "http://")) else None


def rule_effect(recommendation: Recommendation, effect: str) -> str:
    """A rule's effect in words: "risk: learning_curve" becomes the risk's own title."""
    if effect.startswith("risk: "):
        risk_id = effect.removeprefix("risk: ")
        risk = next((r for r in recommendation.risks if r.id == risk_id), None)
        title = risk.title if risk else risk_id.replace("_", " ")
        return f"Adds a risk to watch — {title[0].lower()}{title[1:]}"
    return effect


def set_aside(recommendation: Recommendation, overridden_by: str | None) -> str:
    """Why a rule did not count, naming the rule that won by its title."""
    if not overridden_by:
        return ""
    return f"Set aside: “{rule_title(recommendation, overridden_by)}” takes precedence."


def plain(recommendation: Recommendation, text: str) -> str:
    """A sentence from the advisor with any quoted rule id or leading product id put in words."""
    for rule in recommendation.rules:
        text = text.replace(f"'{rule.id}'", f"“{rule.title}”").replace(
            f"`{rule.id}`", f"“{rule.title}”"
        )
    for product in Product:
        if text.startswith(f"{product.value}: "):
            label = product.label
            text = f"{label[0].upper()}{label[1:]}: {text.removeprefix(f'{product.value}: ')}"
    return text


def confidence_sentence(recommendation: Recommendation) -> str:
    """How sure the pick is, said without the simulation's vocabulary; in two levels (language,
    then framework) when the recommendation has them."""
    r = recommendation.robustness
    if r is None:
        return ""
    top = recommendation.ranking[0].name
    if r.varied:  # each part already says by how much it was shifted
        runs = (
            f"We re-ran the scoring {r.samples:,} times, each time shifting {', '.join(r.varied)}."
        )
    else:
        runs = (
            f"We re-ran the scoring {r.samples:,} times, each time shifting how much each factor "
            f"matters by up to {r.spread:.0%}."
        )
    if r.family is not None:
        family = FAMILY_NAMES.get(r.family, r.family)
        return (
            f"{runs} {family} came out ahead in {r.family_share:g}% of those runs "
            f"({r.family_label} confidence); within {family}, {top} led in "
            f"{r.framework_share:g}% of them ({r.framework_label} confidence)."
        )
    return f"{runs} {top} came first in {r.share:g}% of those runs: {r.label} confidence."


def region_words(region: str) -> str:
    """A region id as the knowledge names it (uk_ireland is "UK and Ireland"); an id the shipped
    knowledge does not know (a consultant's own region) by its words: western_europe becomes
    Western Europe."""
    from stackwise.knowledge import load_knowledge

    known = load_knowledge().costs.regions.get(region)
    return known.name if known else " ".join(word.capitalize() for word in region.split("_"))


def readable(recommendation: Recommendation) -> dict[str, Any]:
    """The recommendation's sentences and lists with every internal id put in words: what the
    web page and the printed report show alike."""
    r = recommendation
    return {
        "headline": headline(r),
        "confidence": confidence_sentence(r),
        "reasons": [plain(r, reason) for reason in r.reasons],
        "assumptions": [plain(r, a) for a in r.estimate.assumptions],
        "rules": [
            {
                "title": rule.title,
                "effect": rule_effect(r, rule.effect),
                "set_aside": set_aside(r, rule.overridden_by),
                "why": plain(r, rule.rationale),
                "source": source_title(r, rule.source),
            }
            for rule in r.rules
        ],
        "risks": [{"risk": risk, "source": source_title(r, risk.source)} for risk in r.risks],
        "sources": [
            {"title": s["title"], "url": source_link(s), "id": s.get("id", ""), "citation": cite(s)}
            for s in r.sources
        ],
    }
