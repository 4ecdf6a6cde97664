"""What the advisor answers: a ranked, explained recommendation (the JSON contract of docs/architecture.md).

Annotations are evaluated eagerly, as in knowledge/models.py: Pydantic reads types, not strings.
"""

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
    # how far the estimate passes the limit (EUR or weeks; at its high end when tight, its low
    # end when over), and the moves that would close it
    gap: float | None = None
    closers: tuple[str, ...] = ()


class RunRate(_Out):
    """Past an MVP's scope: what the team and hosting cost a month, over a stated horizon."""

    team_eur_per_month: Range
    hosting_eur_per_month: float | None
    months: float
    horizon: str  # why these months: the deadline, or the knowledge's default horizon


class Estimate(_Out):
    """Cost and time for one stack, with what the figures assume: cost = hours x rate."""

    stack: str
    cost_eur: Range
    weeks: Range  # calendar weeks to the first version, hiring included
    # None in assessments stored before estimates were person-weeks x hours x rate
    person_weeks: Range | None = None  # paid: developers x build weeks
    hours: Range  # paid hours: paid person-weeks x the paid hours of a week
    rate_eur_per_hour: Range  # the region's senior range for the stack's family
    rate_used_eur_per_hour: float | None = None  # the rate the cost uses (the range's midpoint)
    # The work itself, before the team's coordination: None in older assessments
    effort_person_weeks: Range | None = None
    hiring_weeks: Range | None = None  # recruiting before the first week, when no team yet
    engagement: str | None = None  # contracted or salaried, as priced
    week_cost_eur: float | None = None  # one developer-week as priced
    article_quote: str | None = None  # the article's MVP price, as the article's
    run_rate: RunRate | None = None  # past an MVP's scope, instead of a first-version price
    hybrid_extra_eur: Range | None = None  # included in cost_eur when the pick is a hybrid
    # False past an MVP's scope (team or load): the figures are then not to be shown as a quote
    within_mvp_scope: bool = True
    scope_note: str | None = None
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
    # weight, leaning, familiarity, architecture, risk or warning; empty in older assessments
    kind: str = ""


class Risk(_Out):
    """Something that could go wrong with the pick, and what to do about it."""

    id: str
    title: str
    severity: Literal["low", "medium", "high"]
    detail: str
    mitigation: str
    source: str
    trigger: str = ""  # when the register attaches it, in words (absent in older assessments)


class Architecture(_Out):
    """One stack, or a hybrid where each language earns its place."""

    kind: Literal["single", "hybrid"]
    stack: str
    # hybrid: the second runtime's stack and its role; realtime_service / ai_service repeat it
    # under the role's name (exactly one is set), for readers that know one direction only
    service: str | None = None
    role: Literal["realtime", "ai"] | None = None
    realtime_service: str | None = None  # Python core + Node service for WebSockets
    ai_service: str | None = None  # Node core + Python service for AI
    bus: str | None = None
    extra_cost_eur: Range | None = None
    extra_weeks: Range | None = None
    complexity: str | None = None
    rationale: str


Label = Literal["high", "medium", "low"]


class Robustness(_Out):
    """How often the pick stays first when what it rests on is uncertain, in two levels: the
    language family, then the framework within it."""

    samples: int
    seed: int
    spread: (
        float  # each weight and rule's points multiplied by a factor in [1 - spread, 1 + spread]
    )
    share: float  # percent of samples in which the top pick stayed first, 0..100
    label: Label
    wins: dict[str, int]  # how many samples each stack won
    # The two levels; None in assessments stored before confidence had them.
    family: str | None = None
    family_share: float | None = None  # percent of samples in which the top pick's family won
    family_label: Label | None = None
    framework_share: float | None = None  # of the samples the family won, percent the top led
    framework_label: Label | None = None
    varied: tuple[str, ...] = ()  # what the samples varied, in words
    # percent of budgets within +/-20% of the profile's at which the architecture stays as advised
    # (None when the budget decides nothing about it)
    architecture_share: float | None = None


class Tie(_Out):
    """Stacks whose difference is inside the noise: the advice names them as equals."""

    stacks: tuple[str, ...]
    margin: float  # points the scores may differ by and still be equal
    text: str


class HorizonTotal(_Out):
    """One stack's cost over the knowledge's horizon: the first version, hosting at the load on
    the data access it would use there, that data access's hand-written SQL, and the team's
    learning of a language it does not write."""

    stack: str
    build_eur: float
    hosting_eur: float
    raw_sql_eur: float
    learning_eur: float
    total_eur: float
    data_access: str


class Performance(_Out):
    """Capacity against need: what each stack runs and pays at the profile's peak."""

    peak_rps: float
    concurrent_connections: float
    assumed: str | None  # the stated default used where the profile gave no load
    separates: bool  # False when every stack fits the same smallest deployment
    cores: dict[str, float]
    eur_per_month: dict[str, float]
    text: str
    data_access: dict[str, str] = {}  # "orm" or "raw": what each stack is priced on at this load
    horizon_months: float | None = None
    totals: tuple[HorizonTotal, ...] = ()  # cheapest first
    # the lowest peak at which another language costs less over the horizon, learning included
    totals_cross_rps: float | None = None
    # Own AI models: the GPU instance they run on, a month, the same for every stack
    gpu_eur_per_month: float | None = None
    # Serverless and edge bill requests, not cores: `cores` is then the CPU time, not a bill
    billed_per_request: bool = False


class ProfileWarning(_Out):
    """Two answers of the profile that contradict each other."""

    id: str
    title: str
    text: str


class TooClose(_Out):
    """Two language families the draws cannot separate: both named, and what decides."""

    stacks: tuple[str, str]  # the pick and the best stack of the other family
    family_share: float  # percent of the draws the pick's family won
    threshold: float  # the knowledge's family share below which a call is not made
    text: str


class Flip(_Out):
    """A single change of answer (or a load, budget, deadline or team size) that would change
    the pick or its architecture."""

    field: str
    value: Any
    top: str
    architecture: Literal["single", "hybrid"] = "single"
    text: str


class Recommendation(_Out):
    """The advisor's full answer for one profile under one knowledge version."""

    top: str
    ranking: tuple[RankedStack, ...]
    architecture: Architecture
    risks: tuple[Risk, ...]
    # With no risk: why none applies, in words (None where some do, or in older assessments)
    no_risks: str | None = None
    estimate: Estimate
    reasons: tuple[str, ...]
    rules: tuple[FiredRule, ...]
    robustness: Robustness | None
    tie: Tie | None = None
    too_close: TooClose | None = None
    performance: Performance | None = None
    warnings: tuple[ProfileWarning, ...] = ()
    flips: tuple[Flip, ...]
    sources: tuple[dict[str, str], ...]
    knowledge_version: str
    profile: ProjectProfile

    def stack(self, stack_id: str) -> RankedStack:
        """The ranking entry of one stack."""
        return next(r for r in self.ranking if r.stack == stack_id)
