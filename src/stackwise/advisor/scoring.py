"""Multi-criteria scoring: profile-derived weights, per-stack factor scores and rule points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import mul

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
from stackwise.advisor.totals import switching
from stackwise.knowledge.models import Familiarity, Knowledge, Rule, StackScore

PERFORMANCE = "raw_performance"
COLD_START = "serverless_cold_start"


@dataclass(frozen=True)
class RuleOutcome:
    """A rule that held for the profile; overridden rules hold but give nothing."""

    rule: Rule
    overridden_by: str | None = None


Capacity = tuple[float, float, list[float]]  # peak req/s, connections, place in each spread


@dataclass(frozen=True)
class Kernel:
    """A stack's total, computed one way for the ranking, every robustness draw and every flip
    search: weighted factor scores on the 0..100 scale plus rule points.

    Callers may vary what a total rests on (the weights, each rule's points, the familiarity
    points' deadline scale, the load the capacity is priced at) but never how it is summed, so
    the three can only disagree about their inputs."""

    stacks: tuple[str, ...]
    weights: tuple[float, ...]  # the factors that carry weight, in the knowledge's order
    scores: tuple[tuple[float, ...], ...]  # per stack, each factor's 0..10, aligned with weights
    rules: tuple[str, ...]  # every rule that gave points, sorted by id
    points: tuple[tuple[float, ...], ...]  # per stack, aligned with rules
    team: tuple[bool, ...]  # per rule: familiarity points, which the deadline rescales
    performance: int  # raw performance's place in `weights`, -1 when it carries none
    capacity: CapacityModel | None
    stake: float  # the stake raw performance's weight already carries

    def factor_points(
        self, weights: Sequence[float] | None = None, capacity: Capacity | None = None
    ) -> list[float]:
        """Per stack, the weighted factor scores on the 0..100 scale; with `capacity`, raw
        performance is priced at that load (and its weight follows the new stake)."""
        used = self.weights if weights is None else weights
        rows: Sequence[Sequence[float]] = self.scores
        if capacity is not None and self.capacity is not None and self.performance >= 0:
            at = self.performance
            measured, stake = self.capacity.score_list(*capacity)
            used = [*used[:at], used[at] * (stake / self.stake), *used[at + 1 :]]
            rows = [
                (*row[:at], value, *row[at + 1 :])
                for row, value in zip(rows, measured, strict=True)
            ]
        total = sum(used)
        if total == 0:
            return [0.0] * len(self.stacks)
        scale = 10 / total
        return [sum(map(mul, used, row)) * scale for row in rows]

    def rule_points(
        self, multipliers: Sequence[float] | None = None, team_rescale: float = 1.0
    ) -> list[float]:
        """Per stack, the rule points, each rule's multiplied as given and the familiarity
        points by `team_rescale`."""
        if multipliers is None and team_rescale == 1.0:
            return [sum(row) for row in self.points]
        scale = multipliers if multipliers is not None else [1.0] * len(self.rules)
        if team_rescale != 1.0:
            scale = [m * team_rescale if t else m for m, t in zip(scale, self.team, strict=True)]
        return [sum(map(mul, scale, row)) for row in self.points]

    def totals(
        self,
        weights: Sequence[float] | None = None,
        multipliers: Sequence[float] | None = None,
        team_rescale: float = 1.0,
        capacity: Capacity | None = None,
    ) -> list[float]:
        """Per stack, factor points plus rule points (see the two for the arguments)."""
        factors = self.factor_points(weights, capacity)
        rules = self.rule_points(multipliers, team_rescale)
        return [f + r for f, r in zip(factors, rules, strict=True)]

    def order(self, totals: Sequence[float]) -> list[str]:
        """Stacks best first. Totals are compared to 9 decimals, so float noise never decides,
        and ties keep the knowledge's stack order so the output is stable."""
        ranks = sorted(range(len(totals)), key=lambda i: (-round(totals[i], 9), i))
        return [self.stacks[i] for i in ranks]

    def top(self, totals: Sequence[float]) -> str:
        """The first of `order`, without sorting."""
        rounded = [round(total, 9) for total in totals]
        return self.stacks[rounded.index(max(rounded))]


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

    @cached_property
    def kernel(self) -> Kernel:
        """The totals' one sum, over the factors that carry weight (a zero weight adds nothing
        whatever the score) and the rules that gave points. Built once the scoring is done."""
        active = [i for i, w in enumerate(self.weights) if w > 0]
        stacks = tuple(self.points)
        rules = tuple(sorted({r for given in self.points.values() for r in given}))
        team = {o.rule.id for o in self.fired if o.rule.kind == "familiarity"}
        performance = self.factors.index(PERFORMANCE) if PERFORMANCE in self.factors else -1
        return Kernel(
            stacks=stacks,
            weights=tuple(self.weights[i] for i in active),
            scores=tuple(
                tuple(self.scores[self.factors[i]][s].score for i in active) for s in stacks
            ),
            rules=rules,
            points=tuple(tuple(self.points[s].get(r, 0.0) for r in rules) for s in stacks),
            team=tuple(r in team for r in rules),
            performance=active.index(performance) if performance in active else -1,
            capacity=self.capacity,
            stake=self.stake,
        )

    @cached_property
    def scale(self) -> float:
        """What turns a total into the 0..100 overall score: 100 over the factor scale's 100
        plus the rule points on the table (each rule's largest gift to any stack), so no stack
        can pass 100 and the order is the totals' own."""
        rules = {r for given in self.points.values() for r in given}
        table = sum(max(given.get(r, 0.0) for given in self.points.values()) for r in rules)
        return 100 / (100 + table)

    def factor_points(self, stack: str) -> float:
        """The stack's weighted factor score on the 0..100 scale."""
        return self.kernel.factor_points()[self.kernel.stacks.index(stack)]

    def rule_points(self, stack: str) -> float:
        """The points the rules gave the stack."""
        return self.kernel.rule_points()[self.kernel.stacks.index(stack)]

    def total(self, stack: str) -> float:
        """Factor points plus rule points."""
        return self.kernel.totals()[self.kernel.stacks.index(stack)]

    def ranking(self) -> list[str]:
        """Stacks best first, by the kernel's totals."""
        return self.kernel.order(self.kernel.totals())


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
        factor = knowledge.factors[PERFORMANCE]
        model = capacity_model(factor, knowledge, profile, switching(profile, knowledge))
        if model is not None:
            scores[PERFORMANCE], stake = capacity_scores(model, load, knowledge)
    if COLD_START in knowledge.factors:
        measured = cold_start_scores(knowledge)
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
