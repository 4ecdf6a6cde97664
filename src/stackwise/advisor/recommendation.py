"""What the advisor answers: a ranked, explained recommendation (the JSON contract of design.md)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from stackwise.advisor.profile import ProjectProfile


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Range(_Out):
    """A low-high range; estimates are never a single number."""

    low: float
    high: float


class Contribution(_Out):
    """How many points one factor gave one stack: weight share times the stack's score."""

    factor: str
    name: str
    weight: float  # share of the total weight, in percent
    score: float  # the stack's score on this factor, 0..10
    points: float  # weight share x score, on the 0..100 scale
    rationale: str
    source: str


class RulePoints(_Out):
    """Points a decision rule added to one stack."""

    rule: str
    points: float


class Budget(_Out):
    """How an estimate compares with a budget or deadline the team gave."""

    limit: float | None
    verdict: Literal["fits", "tight", "over", "unknown"]
    text: str


class Estimate(_Out):
    """Cost and time for one stack, with what the figures assume."""

    stack: str
    cost_eur: Range
    weeks: Range
    hours: Range
    rate_eur_per_hour: Range
    assumptions: tuple[str, ...]
    budget: Budget
    deadline: Budget


class RankedStack(_Out):
    """One stack's place in the ranking, with every point of its score explained."""

    stack: str
    name: str
    family: str
    score: float
    factor_points: float
    rule_points: float
    contributions: tuple[Contribution, ...]
    rules: tuple[RulePoints, ...]
    estimate: Estimate


class FiredRule(_Out):
    """A decision rule that applied to this profile."""

    id: str
    title: str
    effect: str
    rationale: str
    source: str
    overridden_by: str | None = None


class Risk(_Out):
    """Something that could go wrong with the pick, and what to do about it."""

    id: str
    title: str
    severity: Literal["low", "medium", "high"]
    detail: str
    mitigation: str
    source: str


class Architecture(_Out):
    """One stack, or a hybrid where each language earns its place."""

    kind: Literal["single", "hybrid"]
    stack: str
    realtime_service: str | None = None
    bus: str | None = None
    extra_cost_eur: Range | None = None
    extra_weeks: Range | None = None
    complexity: str | None = None
    rationale: str


class Robustness(_Out):
    """How often the top pick stays first when the weights are uncertain."""

    samples: int
    seed: int
    spread: float  # each weight is multiplied by a factor drawn from [1 - spread, 1 + spread]
    share: float  # percent of samples in which the top pick stayed first, 0..100
    label: Literal["high", "medium", "low"]
    wins: dict[str, int]  # how many samples each stack won


class Flip(_Out):
    """A single change of answer that would change the top pick."""

    field: str
    value: Any
    top: str
    text: str


class Recommendation(_Out):
    """The advisor's full answer for one profile under one knowledge version."""

    top: str
    ranking: tuple[RankedStack, ...]
    architecture: Architecture
    risks: tuple[Risk, ...]
    estimate: Estimate
    reasons: tuple[str, ...]
    rules: tuple[FiredRule, ...]
    robustness: Robustness | None
    flips: tuple[Flip, ...]
    sources: tuple[dict[str, str], ...]
    knowledge_version: str
    profile: ProjectProfile

    def stack(self, stack_id: str) -> RankedStack:
        """The ranking entry of one stack."""
        return next(r for r in self.ranking if r.stack == stack_id)
