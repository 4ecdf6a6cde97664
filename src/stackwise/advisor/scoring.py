"""Multi-criteria scoring: profile-derived weights, per-stack factor scores and rule points."""

from __future__ import annotations

from dataclasses import dataclass, field

from stackwise.advisor.conditions import holds, profile_context
from stackwise.advisor.performance import measured_scores
from stackwise.advisor.profile import ProjectProfile
from stackwise.knowledge.models import Knowledge, Rule, StackScore


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


def _weights(
    profile_ctx: dict[str, object], knowledge: Knowledge
) -> tuple[list[str], list[float], list[RuleOutcome]]:
    factors = list(knowledge.factors)
    weights = {f: knowledge.factors[f].weight for f in factors}
    fired = []
    for rule in knowledge.rules_of("weight"):
        if holds(rule.when, profile_ctx):
            fired.append(RuleOutcome(rule))
            for factor_id, multiplier in rule.weights.items():
                weights[factor_id] *= multiplier
    return factors, [weights[f] for f in factors], fired


def score_profile(profile: ProjectProfile, knowledge: Knowledge) -> Scored:
    """Score every stack for a profile, recording which rules applied and how."""
    context = profile_context(profile)
    stacks = list(knowledge.stacks)
    factors, weights, fired = _weights(context, knowledge)
    scores = {f: dict(knowledge.factors[f].scores) for f in factors}
    if knowledge.evidence is not None:
        for factor_id in factors:
            factor = knowledge.factors[factor_id]
            if factor.evidence == "lab":
                measured = measured_scores(factor, knowledge.evidence, profile)
                if measured is not None:
                    scores[factor_id] = measured
    scored = Scored(factors, weights, scores, {s: {} for s in stacks}, fired)

    leaning = [r for r in knowledge.rules_of("leaning") if holds(r.when, context)]
    overridden: dict[str, str] = {}
    for rule in leaning:  # highest precedence first, so overriders are seen before their targets
        if rule.id in overridden:
            scored.fired.append(RuleOutcome(rule, overridden_by=overridden[rule.id]))
            continue
        scored.fired.append(RuleOutcome(rule))
        for target in rule.overrides:
            overridden.setdefault(target, rule.id)
        for stack, points in rule.points.items():
            scored.points[stack][rule.id] = points

    team_families = profile.team.families
    for rule in knowledge.rules_of("tiebreak"):
        if len(team_families) != 1 or rule.margin is None or rule.team_points is None:
            continue  # a team that knows both families, or neither, breaks no tie
        best = {
            family: max(scored.total(s) for s in stacks if knowledge.stacks[s].family == family)
            for family in ("python", "node")
        }
        if abs(best["python"] - best["node"]) <= rule.margin:
            scored.fired.append(RuleOutcome(rule))
            for stack in stacks:
                if knowledge.stacks[stack].family in team_families:
                    scored.points[stack][rule.id] = rule.team_points
    return scored
