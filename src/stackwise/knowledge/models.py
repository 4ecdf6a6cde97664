"""Typed models of the knowledge base, validated when the TOML files are loaded.

Annotations are evaluated as each class is defined (no `from __future__ import annotations`):
Pydantic then reads the types themselves instead of compiling every annotation from a string on
each start of the CLI; only forward references are quoted.
"""

from collections.abc import Hashable, Mapping
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stackwise.knowledge.choices import Deployment


class StackId(StrEnum):
    """The stacks stackwise ranks: the one definition of their ids, in the knowledge's order.

    Their names, families and servers are the knowledge's (stacks.toml), checked against these
    ids when it loads; everything else that lists the stacks reads this."""

    django = "django"
    fastapi = "fastapi"
    express = "express"
    nestjs = "nestjs"


STACK_IDS: tuple[str, ...] = tuple(StackId)
# A stack's language family; stacks.toml says which family each stack is.
Family = Literal["python", "node"]


class _Data(BaseModel):
    # Validators are built on first validation, not at import: a run that takes its checked
    # knowledge from the cache (knowledge/stored.py) never validates one and pays nothing.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Source(_Data):
    """Where a score, rule or figure comes from, with what a report needs to cite it: who
    wrote or published it, its title, its date and its address (the knowledge check refuses a
    source without them)."""

    id: str = ""
    title: str
    kind: Literal["article", "assumption", "public", "lab"]
    author: str = ""  # who wrote it, where a person or a team is named (a book's author)
    publisher: str = ""  # who published it: an organisation, stackwise, or the article's author
    document: str  # its address: a URL, or a path in the stackwise project for our own
    date: str
    supports: str


class Stack(_Data):
    """One of the four stacks stackwise ranks."""

    id: str = ""
    name: str
    family: Family
    language: str
    summary: str
    server: str
    source: str


class StackScore(_Data):
    """A stack's score on one factor, with why and where from."""

    score: float = Field(ge=0, le=10)
    rationale: str
    source: str


class Factor(_Data):
    """One criterion of the comparison, scored for every stack."""

    id: str = ""
    name: str
    question: str
    article_row: str | None = None
    python: str
    node: str
    weight: float = Field(ge=0)
    # lab: scored from the lab's measurements; estimate: from the profile's own estimates
    evidence: Literal["lab", "estimate"] | None = None
    # product -> {lab workload: share}; how a product's traffic splits over the lab's workloads
    workload_mix: dict[str, dict[str, float]] = {}
    # The factor counts only for profiles where this holds (full-stack synergy only when one
    # language front and back is wanted); elsewhere its weight is zero and it explains nothing.
    applies: "Condition | None" = None
    scores: dict[str, StackScore]


class Condition(_Data):
    """A test on the profile (or the outcome): one field test, or all/any/not of others."""

    field: str | None = None
    in_: tuple[Any, ...] | None = Field(default=None, alias="in")
    equals: Any = None
    contains: str | None = None
    contains_any: tuple[str, ...] | None = None
    gte: float | None = None
    lte: float | None = None
    is_set: bool | None = None
    all: "tuple[Condition, ...] | None" = None
    any: "tuple[Condition, ...] | None" = None
    not_: "Condition | None" = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_shape(self) -> Self:
        combinators = [c for c in (self.all, self.any, self.not_) if c is not None]
        tests = [
            t
            for t in (
                self.in_,
                self.equals,
                self.contains,
                self.contains_any,
                self.gte,
                self.lte,
                self.is_set,
            )
            if t is not None
        ]
        if self.field is None:
            if len(combinators) != 1 or tests:
                raise ValueError("a condition is a field test, or exactly one of all/any/not")
        elif len(tests) != 1 or combinators:
            raise ValueError(f"the test on '{self.field}' needs exactly one operator")
        return self

    def fields(self) -> set[str]:
        """Every field the condition reads."""
        found = {self.field} if self.field else set()
        for child in (*(self.all or ()), *(self.any or ())):
            found |= child.fields()
        if self.not_ is not None:
            found |= self.not_.fields()
        return found


class Rule(_Data):
    """A decision rule: a condition and its effect, with rationale and source."""

    id: str = ""
    kind: Literal["weight", "leaning", "familiarity", "architecture", "risk", "warning"]
    title: str
    precedence: int = 0
    overrides: tuple[str, ...] = ()
    when: Condition | None = None
    weights: dict[str, float] = {}
    points: dict[str, float] = {}
    # familiarity: points to every stack of a family the team writes, and to a framework it names
    family_points: float | None = None
    framework_points: float | None = None
    architecture: Literal["hybrid"] | None = None
    # architecture: what the second runtime's service does, and which stack it is (None: the
    # best-ranked stack of the other family)
    role: Literal["realtime", "ai"] | None = None
    service: str | None = None
    risk: str | None = None
    warning: str | None = None
    rationale: str
    source: str
    # A claim of the article this rule rests on or sets aside, in our words, and our verdict on
    # it with the sources it rests on: shown wherever the rule is cited and on /compare/.
    claim: str | None = None
    verdict: str | None = None
    verdict_sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _effect_matches_kind(self) -> Self:
        needed = {
            "weight": bool(self.weights),
            "leaning": bool(self.points),
            "familiarity": self.family_points is not None and self.framework_points is not None,
            "architecture": self.architecture is not None and self.role is not None,
            "risk": self.risk is not None,
            "warning": self.warning is not None,
        }
        if not needed[self.kind]:
            raise ValueError(f"a '{self.kind}' rule needs its effect field")
        if self.kind != "familiarity" and self.when is None:
            raise ValueError(f"a '{self.kind}' rule needs a 'when' condition")
        return self


Factor.model_rebuild()


class RiskDef(_Data):
    """A risk a rule can attach, in words a team can act on."""

    id: str = ""
    trigger: str  # when it applies, in words (the rule's condition says it exactly)
    title: str
    severity: Literal["low", "medium", "high"]
    detail: str
    mitigation: str
    source: str


class Span(_Data):
    """A low-high range in the data files."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise ValueError(f"range is out of order: low {self.low} > high {self.high}")
        return self


class Figure(_Data):
    """A single modelling figure with its reason."""

    value: float
    source: str
    rationale: str


class SpanFigure(Span):
    """A ranged modelling figure with its reason."""

    source: str
    rationale: str


class Region(_Data):
    """What a developer costs in one hiring region: contractors' senior hourly rates per language
    family, and a salaried developer's fully loaded cost per week."""

    name: str
    source: str
    rationale: str
    rates: dict[str, Span]
    salaried_week: SpanFigure


class ScopeItem(_Data):
    """The work one part of a first version takes, in person-weeks of full-time work."""

    person_weeks: Span
    source: str
    rationale: str
    # products whose baseline already holds this need's work (real-time in a real-time app)
    included_in: tuple[str, ...] = ()
    # regulated data only: how much stricter every other part is built (1.26 is 26% more work)
    build_factor: Figure | None = None


class Scope(_Data):
    """A first version's effort: a baseline per product kind plus what each need adds."""

    method_source: str
    products: dict[str, ScopeItem]
    needs: dict[str, ScopeItem]
    per_integration: ScopeItem
    regulated: dict[str, ScopeItem]


class Baseline(_Data):
    """The article's SaaS-MVP weeks and price for a stack: its quote, shown beside the estimate,
    and the stack's pace relative to the others."""

    weeks: Span
    cost_eur: Span
    source: str
    rationale: str


class Adjustment(_Data):
    """Where a stack is quicker or slower than its baseline for some product types."""

    stack: str
    products: tuple[str, ...]
    factor: float = Field(gt=0)
    rationale: str
    source: str = "stackwise_model"


class DefaultLoad(_Data):
    """The load assumed for a product type when the profile states none."""

    peak_rps: float = Field(ge=0)
    concurrent_connections: float = Field(ge=0)
    rationale: str
    source: str = "stackwise_model"


class RequestPricing(_Data):
    """How a platform that bills per request prices a month: fees per request, and time billed
    either as wall time at a memory size (AWS Lambda: waiting on the database included) or as
    CPU time only (Cloudflare Workers), past what a monthly base fee includes. Prices in USD."""

    platform: str  # in words, for the advice: "AWS Lambda (1,769 MB) behind API Gateway"
    billed_on: Literal["wall_time", "cpu_time"]
    # Per million requests, one figure per fee (the function and the gateway in front of it).
    usd_per_million_requests: dict[str, Figure]
    base_usd_month: Figure | None = None
    included_requests_million: Figure | None = None
    # wall_time: the memory a function is given and its price per GB-second
    memory_mb: Figure | None = None
    usd_per_gb_second: Figure | None = None
    # cpu_time: the price per million CPU-milliseconds past those the base fee includes
    usd_per_million_cpu_ms: Figure | None = None
    included_cpu_ms_million: Figure | None = None

    @model_validator(mode="after")
    def _billed_as_said(self) -> Self:
        if self.billed_on == "wall_time" and (
            self.memory_mb is None or self.usd_per_gb_second is None
        ):
            raise ValueError("wall-time billing needs memory_mb and usd_per_gb_second")
        if self.billed_on == "cpu_time" and self.usd_per_million_cpu_ms is None:
            raise ValueError("CPU-time billing needs usd_per_million_cpu_ms")
        return self

    def figures(self) -> dict[str, Figure]:
        """Every figure the pricing states, by name."""
        named = {
            f"usd_per_million_requests.{k}": v for k, v in self.usd_per_million_requests.items()
        }
        for name in (
            "base_usd_month",
            "included_requests_million",
            "memory_mb",
            "usd_per_gb_second",
            "usd_per_million_cpu_ms",
            "included_cpu_ms_million",
        ):
            value = getattr(self, name)
            if value is not None:
                named[name] = value
        return named


class Hosting(_Data):
    """What running the backend costs, to turn measured capacity into EUR per month."""

    vcpu_month_eur: Figure
    gb_month_eur: Figure
    memory_per_vcpu_gb: Figure
    min_vcpu: Figure
    headroom: Figure
    gpu_instance_month_eur: Figure
    reference_eur_per_year: Figure
    default_load: dict[str, DefaultLoad]
    # Deployments billed per request rather than per core (containers and PaaS are per core).
    per_request: dict[Deployment, RequestPricing]
    eur_per_usd: Figure
    # A month's requests = peak req/s x this x the seconds in a month.
    average_to_peak: Figure
    # Per lab workload, what a request waits on the database or another service: billed where
    # the platform bills wall time.
    wait_ms: dict[str, Figure]


class Familiarity(_Data):
    """How the team-familiarity points scale with deadline pressure and team size."""

    deadline_reference_weeks: Figure
    deadline_scale: SpanFigure
    per_extra_developer: Figure
    max_size_scale: Figure


class Economics(_Data):
    """What each stack costs over a horizon beside its first version: the hosting, the
    hand-written SQL a faster data access takes, and the team's learning of a new language."""

    horizon_months: Figure
    learning_months: SpanFigure
    learning_pace_loss: Figure
    raw_sql_person_weeks: SpanFigure
    too_close_family_share: Figure
    second_runtime_upkeep_hours_month: Figure


class Costs(_Data):
    """The cost and timeline model."""

    reference_region: str
    hours_per_week: Figure
    productive_hours_per_week: Figure
    billable_hours_per_week: SpanFigure
    coordination_overhead: Figure
    hiring_lead_weeks: SpanFigure
    run_rate_horizon_months: Figure
    unfamiliar_language_factor: Figure
    second_language_cost_eur: SpanFigure
    hybrid_min_team: Figure
    mvp_max_developers: Figure
    mvp_max_peak_rps: Figure
    wrong_choice_cost_eur: SpanFigure
    hosting: Hosting
    familiarity: Familiarity
    economics: Economics
    regions: dict[str, Region]
    baselines: dict[str, Baseline]
    scope: Scope
    adjustments: tuple[Adjustment, ...] = ()


class Interval(_Data):
    """A measured value as the median of its repeats with a 95% interval (min-max when few)."""

    median: float = Field(ge=0)
    low: float = Field(ge=0)
    high: float = Field(ge=0)
    repeats: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.median <= self.high:
            raise ValueError(f"interval must satisfy low <= median <= high, got {self}")
        return self

    def overlaps(self, other: "Interval") -> bool:
        """Two figures whose intervals overlap are a tie: the difference is inside the noise."""
        return self.low <= other.high and other.low <= self.high


class WorkloadCapacity(_Data):
    """What one core of a stack serves on one lab workload while its p99 stays within target."""

    rps_per_core: Interval
    p99_ms: Interval
    # False when even the lightest measured concurrency missed the p99 target: the figure is
    # then the best the stack reached, and the advisor should say so.
    meets_target: bool = True


class StackCapacity(_Data):
    """A stack's measured capacity per core, memory per connection and cold start."""

    configuration: str  # e.g. "gunicorn gthread, 5 workers x 4 threads on 2 cores; Django ORM"
    data_access: Literal["orm", "raw"]
    workloads: dict[str, WorkloadCapacity]
    ws_memory_per_1000_kb: Interval | None = None
    cold_start_ms: Interval | None = None
    # The app's code and the documentation its configuration follows (shown on /evidence/).
    source: str = ""
    sources: tuple[str, ...] = ()
    # The other data-access variant on the database workloads, keyed "orm" or "raw": the gap to
    # `workloads` is the data layer's share, apart from the framework's.
    variants: dict[str, dict[str, WorkloadCapacity]] = {}


class Evidence(_Data):
    """What the advisor reads of a lab run (knowledge/data/evidence.json, written by the lab's
    publish step): capacity per core against a stated p99 target, and which run it came from."""

    document: str  # where the raw run is kept, e.g. lab/results/default/results.json
    date: str  # when the run finished
    machine: str  # CPU, cores and OS in one line
    cores: float = Field(gt=0)  # the CPU budget every app had in the run
    p99_target_ms: float = Field(gt=0)
    capacity: dict[str, StackCapacity]


class Knowledge(_Data):
    """Everything the advisor knows, with a content hash as its version."""

    version: str
    path: str
    sources: dict[str, Source]
    stacks: dict[str, Stack]
    factors: dict[str, Factor]
    rules: dict[str, Rule]
    risks: dict[str, RiskDef]
    costs: Costs
    evidence: Evidence | None = None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy that works out its own derived figures: pydantic copies an instance's
        dictionary, cached properties included, which would carry the original's into a copy
        with other rules or other evidence."""
        copied = super().model_copy(update=update, deep=deep)
        for name, member in vars(Knowledge).items():
            if isinstance(member, cached_property):
                copied.__dict__.pop(name, None)
        return copied

    @cached_property
    def derived(self) -> dict[Hashable, Any]:
        """What the advisor works out from this knowledge alone (a mix's capacity model, the
        cold-start scores), kept with it: flips and robustness ask for the same again and again,
        and the figures go when the knowledge goes."""
        return {}

    def cited(self, source_id: str) -> Source:
        """A source as a citation gives it: the lab's date and address are those of the run
        behind this knowledge's evidence."""
        source = self.sources[source_id]
        if source.kind != "lab" or self.evidence is None:
            return source
        run = self.evidence
        return source.model_copy(
            update={"date": f"run of {run.date[:10]}", "document": run.document}
        )

    def rules_of(self, kind: str) -> list[Rule]:
        """The rules of one kind, highest precedence first."""
        return self._rules_by_kind.get(kind, [])

    @cached_property
    def _rules_by_kind(self) -> dict[str, list[Rule]]:
        # Sorted once per knowledge: every scoring, and so every flip, asks for them.
        ordered = sorted(self.rules.values(), key=lambda r: (-r.precedence, r.id))
        kinds: dict[str, list[Rule]] = {}
        for rule in ordered:
            kinds.setdefault(rule.kind, []).append(rule)
        return kinds
