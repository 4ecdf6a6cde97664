"""`recommend`: turn a profile and the knowledge into a ranked, explained recommendation."""

from __future__ import annotations

from stackwise.advisor.conditions import holds, profile_context
from stackwise.advisor.errors import FieldProblem, ProfileError
from stackwise.advisor.estimate import estimate_for
from stackwise.advisor.flips import find_flips
from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import (
    Architecture,
    Contribution,
    Estimate,
    FiredRule,
    Range,
    RankedStack,
    Recommendation,
    Risk,
    RulePoints,
)
from stackwise.advisor.robustness import DEFAULT_SAMPLES, robustness
from stackwise.advisor.scoring import RuleOutcome, Scored, score_profile
from stackwise.knowledge.models import Knowledge, Rule


def _check_region(profile: ProjectProfile, knowledge: Knowledge) -> None:
    regions = knowledge.costs.regions
    if profile.region not in regions:
        raise ProfileError(
            [
                FieldProblem(
                    "region",
                    f"'{profile.region}' has no rates in the knowledge base; "
                    f"choose one of {', '.join(regions)}",
                )
            ]
        )


def top_stack(profile: ProjectProfile, knowledge: Knowledge) -> str:
    """Only the winner: what flips need, without explanations, estimates or robustness."""
    stacks = list(knowledge.stacks)
    return score_profile(profile, knowledge).ranking(stacks)[0]


def _effect(rule: Rule, knowledge: Knowledge) -> str:
    if rule.kind == "weight":
        return ", ".join(
            f"{knowledge.factors[f].name} weight x{m:g}" for f, m in rule.weights.items()
        )
    if rule.kind == "leaning":
        return ", ".join(f"{knowledge.stacks[s].name} {p:+g}" for s, p in rule.points.items())
    if rule.kind == "tiebreak":
        return f"{rule.team_points:+g} to the stacks of the team's language when within {rule.margin:g} points"
    if rule.kind == "architecture":
        return "a hybrid architecture"
    return f"risk: {rule.risk}"


def _fired(outcome: RuleOutcome, knowledge: Knowledge) -> FiredRule:
    rule = outcome.rule
    return FiredRule(
        id=rule.id,
        title=rule.title,
        effect=_effect(rule, knowledge),
        rationale=rule.rationale,
        source=rule.source,
        overridden_by=outcome.overridden_by,
    )


def _ranked(stack: str, scored: Scored, knowledge: Knowledge, estimate: Estimate) -> RankedStack:
    total_weight = sum(scored.weights) or 1.0
    contributions = tuple(
        Contribution(
            factor=f,
            name=knowledge.factors[f].name,
            weight=round(100 * w / total_weight, 2),
            score=round(scored.scores[f][stack].score, 2),
            points=round(w / total_weight * scored.scores[f][stack].score * 10, 2),
            rationale=scored.scores[f][stack].rationale,
            source=scored.scores[f][stack].source,
        )
        for f, w in zip(scored.factors, scored.weights, strict=True)
    )
    rules = tuple(RulePoints(rule=r, points=p) for r, p in sorted(scored.points[stack].items()))
    factor_points = scored.factor_points(stack)
    rule_points = sum(scored.points[stack].values())
    return RankedStack(
        stack=stack,
        name=knowledge.stacks[stack].name,
        family=knowledge.stacks[stack].family,
        score=round(factor_points + rule_points, 2),
        factor_points=round(factor_points, 2),
        rule_points=round(rule_points, 2),
        contributions=contributions,
        rules=rules,
        estimate=estimate,
    )


def _reasons(
    ranking: list[RankedStack], scored: Scored, knowledge: Knowledge, architecture: Architecture
) -> list[str]:
    top, runner_up = ranking[0], ranking[1]
    reasons = [
        f"{top.name} scores {top.score:.1f}, {top.score - runner_up.score:.1f} ahead of "
        f"{runner_up.name} ({runner_up.score:.1f}); the lowest, {ranking[-1].name}, scores "
        f"{ranking[-1].score:.1f}."
    ]
    for outcome in scored.fired:
        rule = outcome.rule
        if rule.kind in {"leaning", "tiebreak"} and outcome.overridden_by is None:
            reasons.append(f"{rule.title}: {rule.rationale}")
        elif outcome.overridden_by is not None:
            reasons.append(
                f"{rule.title}: set aside, because '{outcome.overridden_by}' takes precedence."
            )
    gaps = sorted(
        (
            (a.points - b.points, a.name)
            for a, b in zip(top.contributions, runner_up.contributions, strict=True)
        ),
        reverse=True,
    )
    for gap, name in gaps[:3]:
        if gap > 0:
            reasons.append(f"{name} gives {top.name} {gap:.1f} points more than {runner_up.name}.")
    if architecture.kind == "hybrid" and architecture.realtime_service:
        service = knowledge.stacks[architecture.realtime_service].name
        reasons.append(
            f"Real-time features go to a separate {service} service: {architecture.rationale}"
        )
    return reasons


def recommend(
    profile: ProjectProfile,
    knowledge: Knowledge,
    *,
    robustness_samples: int = DEFAULT_SAMPLES,
    flips: bool = True,
) -> Recommendation:
    """Rank the four stacks for a profile and explain every point of the answer."""
    _check_region(profile, knowledge)
    stacks = list(knowledge.stacks)
    scored = score_profile(profile, knowledge)
    order = scored.ranking(stacks)
    top = order[0]
    top_family = knowledge.stacks[top].family
    context = profile_context(profile) | {
        "top": top,
        "top_family": top_family,
        "team_knows_top": top_family in profile.team.families,
        "architecture": "single",
    }

    architecture = Architecture(
        kind="single", stack=top, rationale="One stack serves the whole backend."
    )
    fired = list(scored.fired)
    for rule in knowledge.rules_of("architecture"):
        if holds(rule.when, context):
            fired.append(RuleOutcome(rule))
            service = next(s for s in order if knowledge.stacks[s].family != top_family)
            share = knowledge.costs.hybrid_extra_share
            architecture = Architecture(
                kind="hybrid",
                stack=top,
                realtime_service=service,
                bus="REST for commands, Redis pub/sub (or RabbitMQ) for events",
                extra_cost_eur=None,
                extra_weeks=None,
                complexity=(
                    f"Two runtimes, two deployments and a message contract; adds "
                    f"{share.low:.0%}-{share.high:.0%} to the work."
                ),
                rationale=rule.rationale,
            )
            context["architecture"] = "hybrid"
            break

    estimates = {
        s: estimate_for(s, profile, knowledge, hybrid=(s == top and architecture.kind == "hybrid"))
        for s in stacks
    }
    if architecture.kind == "hybrid":
        plain = estimate_for(top, profile, knowledge)
        hybrid = estimates[top]
        architecture = architecture.model_copy(
            update={
                "extra_cost_eur": Range(
                    low=round(hybrid.cost_eur.low - plain.cost_eur.low, -2),
                    high=round(hybrid.cost_eur.high - plain.cost_eur.high, -2),
                ),
                "extra_weeks": Range(
                    low=round(hybrid.weeks.low - plain.weeks.low, 1),
                    high=round(hybrid.weeks.high - plain.weeks.high, 1),
                ),
            }
        )
    context["budget_verdict"] = estimates[top].budget.verdict
    context["deadline_verdict"] = estimates[top].deadline.verdict

    risks: list[Risk] = []
    for rule in knowledge.rules_of("risk"):
        if holds(rule.when, context) and rule.risk is not None:
            fired.append(RuleOutcome(rule))
            definition = knowledge.risks[rule.risk]
            risks.append(
                Risk(
                    id=definition.id,
                    title=definition.title,
                    severity=definition.severity,
                    detail=definition.detail,
                    mitigation=definition.mitigation,
                    source=definition.source,
                )
            )

    ranking = [_ranked(s, scored, knowledge, estimates[s]) for s in order]
    names = {s: knowledge.stacks[s].name for s in stacks}
    flip_list = find_flips(profile, top, lambda p: top_stack(p, knowledge), names) if flips else []
    cited = {c.source for c in ranking[0].contributions}
    cited |= {o.rule.source for o in fired} | {r.source for r in risks}
    cited |= {knowledge.costs.baselines[top].source}
    sources = tuple(
        {
            "id": sid,
            "title": knowledge.sources[sid].title,
            "document": knowledge.sources[sid].document,
        }
        for sid in sorted(cited)
        if sid in knowledge.sources
    )
    return Recommendation(
        top=top,
        ranking=tuple(ranking),
        architecture=architecture,
        risks=tuple(risks),
        estimate=estimates[top],
        reasons=tuple(_reasons(ranking, scored, knowledge, architecture)),
        rules=tuple(_fired(o, knowledge) for o in fired),
        robustness=(
            robustness(scored, stacks, top, samples=robustness_samples)
            if robustness_samples > 0
            else None
        ),
        flips=tuple(flip_list),
        sources=sources,
        knowledge_version=knowledge.version,
        profile=profile,
    )
