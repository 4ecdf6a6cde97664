"""Multi-criteria scoring: profile-derived weights, per-stack factor scores and rule points."""

from __future__ import annotations

from dataclasses import dataclass, field

from stackwise.advisor.conditions import holds, profile_context
from stackwise.advisor.estimate import midpoints
from stackwise.advisor.performance import (
    CapacityModel,
    Load,
    capacity_model,
    capacity_scores,
    cold_start_scores,
    profile_load,
)
from stackwise.advisor.profile import ProjectProfile
from stackwise.knowledge.models import Familiarity, Knowledge, Rule, StackScore

PERFORMANCE = "raw_performance"
COLD_START = "serverless_cold_start"


@dataclass(frozen=True)
class RuleOutcome:
    """A rule that held for the profile; overridden rules hold but give nothing."""

    rule: Rule
    overridden_by: str | None = None


@dataclass
class Scored:
    """Everything the scoring decided, kept apart so robustness and flips can re-use it."""

    factors: list[str]
    weights: list[float]
    scores: dict[str, dict[str, StackScore]]  # factor -> stack -> score
    points: dict[str, dict[str, float]]  # stack -> rule id -> points
    fired: list[RuleOutcome] = field(default_factory=list)
    load: Load | None = None
    capacity: CapacityModel | None = None  # set when raw performance comes from the lab
    team_scale: float = 1.0  # the deadline and size scale the familiarity points carry
    stake: float = 1.0  # the measured hosting spread's multiplier on raw performance's weight

    def factor_points(self, stack: str, weights: list[float] | None = None) -> float:
        """The stack's weighted factor score on the 0..100 scale."""
        used = weights if weights is not None else self.weights
        total = sum(used)
        if total == 0:
            return 0.0
        return sum(
            w * self.scores[f][stack].score for f, w in zip(self.factors, used, strict=True)
        ) * (10 / total)

    def total(self, stack: str, weights: list[float] | None = None) -> float:
        """Factor points plus rule points."""
        return self.factor_points(stack, weights) + sum(self.points[stack].values())

    def ranking(self, stacks: list[str], weights: list[float] | None = None) -> list[str]:
        """Stacks best first; ties keep the knowledge's stack order so output is stable."""
        totals = {s: self.total(s, weights) for s in stacks}
        return sorted(stacks, key=lambda s: (-round(totals[s], 9), stacks.index(s)))


def familiarity_scale(deadline_weeks: float | None, size: float, figures: Familiarity) -> float:
    """How much the team's own language weighs: more under a short deadline and with more people
    to retrain; continuous in both, so no deadline or team size is a cliff."""
    deadline = 1.0
    if deadline_weeks is not None:
        bounds = figures.deadline_scale
        ratio = figures.deadline_reference_weeks.value / max(deadline_weeks, 0.1)
        deadline = min(max(ratio, bounds.low), bounds.high)
    size_scale = min(
        1 + figures.per_extra_developer.value * (size - 1), figures.max_size_scale.value
    )
    return deadline * size_scale


def familiarity_points(
    rule: Rule, profile: ProjectProfile, knowledge: Knowledge, scale: float
) -> dict[str, float]:
    """Points per stack for the family the team writes and a framework it names (symmetric)."""
    families = profile.team.families
    named = {f.value for f in profile.team.frameworks}
    points: dict[str, float] = {}
    for stack_id, stack in knowledge.stacks.items():
        value = 0.0
        if stack.family in families:
            value += (rule.family_points or 0.0) * scale
        if stack_id in named:
            value += (rule.framework_points or 0.0) * scale
        if value:
            points[stack_id] = value
    return points


def _weights(
    context: dict[str, object], knowledge: Knowledge
) -> tuple[list[str], list[float], list[RuleOutcome]]:
    factors = list(knowledge.factors)
    multipliers: dict[str, float] = {}
    fired = []
    for rule in knowledge.rules_of("weight"):
        if holds(rule.when, context):
            fired.append(RuleOutcome(rule))
            for factor_id, multiplier in rule.weights.items():
                # Two reasons for the same factor do not compound: the larger one counts.
                multipliers[factor_id] = max(multipliers.get(factor_id, 1.0), multiplier)
    weights = []
    for factor_id in factors:
        factor = knowledge.factors[factor_id]
        applies = factor.applies is None or holds(factor.applies, context)
        weights.append(factor.weight * multipliers.get(factor_id, 1.0) if applies else 0.0)
    return factors, weights, fired


def _estimate_scores(
    profile: ProjectProfile, knowledge: Knowledge, factors: list[str]
) -> dict[str, dict[str, StackScore]]:
    """Cost and time-to-market scores from this profile's own estimates: the cheapest (or
    quickest) stack scores 10, the others by ratio, so a language the team would have to learn
    shows up in what the first version costs and when it ships."""
    figures = {s: midpoints(s, profile, knowledge) for s in knowledge.stacks}
    cheapest = min(cost for cost, _ in figures.values())
    quickest = min(weeks for _, weeks in figures.values())
    out: dict[str, dict[str, StackScore]] = {}
    for factor_id in factors:
        by_cost = factor_id == "project_cost"
        out[factor_id] = {
            s: StackScore.model_construct(
                score=10 * (cheapest / cost if by_cost else quickest / weeks),
                rationale=(
                    f"Estimated for this profile at about EUR {cost:,.0f} (the middle of its range)."
                    if by_cost
                    else f"Estimated for this profile at about {weeks:.1f} weeks (the middle of its range)."
                ),
                source="article",
            )
            for s, (cost, weeks) in figures.items()
        }
    return out


def score_profile(profile: ProjectProfile, knowledge: Knowledge) -> Scored:
    """Score every stack for a profile, recording which rules applied and how."""
    context = profile_context(profile)
    stacks = list(knowledge.stacks)
    factors, weights, fired = _weights(context, knowledge)
    scores = {f: dict(knowledge.factors[f].scores) for f in factors}
    load = profile_load(profile, knowledge.costs.hosting)
    model = None
    stake = 1.0
    if PERFORMANCE in knowledge.factors:
        model = capacity_model(knowledge.factors[PERFORMANCE], knowledge, profile)
        if model is not None:
            scores[PERFORMANCE], stake = capacity_scores(model, load, knowledge)
    if knowledge.evidence is not None and COLD_START in knowledge.factors:
        measured = cold_start_scores(knowledge.evidence, stacks)
        if measured is not None:
            scores[COLD_START] = measured
    estimated = [f for f in factors if knowledge.factors[f].evidence == "estimate"]
    if estimated:
        for factor_id, measured in _estimate_scores(profile, knowledge, estimated).items():
            scores[factor_id] = measured
    scale = familiarity_scale(
        profile.deadline_weeks, profile.team.size, knowledge.costs.familiarity
    )
    if stake != 1.0:
        weights[factors.index(PERFORMANCE)] *= stake
    scored = Scored(
        factors, weights, scores, {s: {} for s in stacks}, fired, load, model, scale, stake
    )

    rules = [
        r
        for r in (*knowledge.rules_of("leaning"), *knowledge.rules_of("familiarity"))
        if holds(r.when, context)
    ]
    rules.sort(key=lambda r: (-r.precedence, r.id))
    overridden: dict[str, str] = {}
    for rule in rules:  # highest precedence first, so overriders are seen before their targets
        given = (
            familiarity_points(rule, profile, knowledge, scale)
            if rule.kind == "familiarity"
            else dict(rule.points)
        )
        if not given:
            continue  # the team named no language or framework of either family
        if rule.id in overridden:
            scored.fired.append(RuleOutcome(rule, overridden_by=overridden[rule.id]))
            continue
        scored.fired.append(RuleOutcome(rule))
        for target in rule.overrides:
            overridden.setdefault(target, rule.id)
        for stack, points in given.items():
            scored.points[stack][rule.id] = points
    return scored
