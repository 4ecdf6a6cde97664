"""Performance as capacity against need: what each stack must run, and pay, at the profile's peak.

The lab measures requests per core on a few workloads; a product's traffic is a mix of them.
At the profile's peak (with headroom) each stack needs some cores and, for open WebSockets, some
memory; priced per vCPU-month and GB-month that is EUR per month. Speed only matters where it
changes that bill, so the score falls with the extra hosting a year over the cheapest stack, and
every stack scores 10 where all fit the same smallest deployment. Everything is continuous in
load: no thresholds, no cliffs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from stackwise.advisor.profile import Need, ProjectProfile
from stackwise.knowledge.models import (
    Evidence,
    Factor,
    Hosting,
    Knowledge,
    StackCapacity,
    StackScore,
    WorkloadCapacity,
)

# Needs that put a workload into the mix beyond what the product type implies. An AI need adds
# no workload here: AI products carry the slow-upstream workload in their own mix.
NEED_WORKLOADS: dict[Need, tuple[str, float]] = {
    Need.data_processing: ("queries", 0.2),
}
KB_PER_GB = 1_000_000


@dataclass(frozen=True)
class Load:
    """The peak the capacity is sized for: the profile's own, or the product's stated default."""

    peak_rps: float
    connections: float
    assumed_rps: bool
    assumed_connections: bool
    rationale: str


@dataclass(frozen=True)
class StackCost:
    """Per-request core time of one stack over the mix, at the median and the ends of its spread,
    and the memory its WebSockets take, on one data access (its ORM or its raw driver)."""

    core_seconds: tuple[float, float, float]  # median, fastest repeat, slowest repeat
    ws_kb_per_1000: tuple[float, float, float]  # median, lowest, highest
    detail: str  # the measured figures in words, naming any that missed the p99 target
    data_access: str = ""  # "orm" or "raw", as the lab measured it


@dataclass(frozen=True)
class Footprint:
    """What one stack needs at the load: cores, memory and EUR per month, on the data access it
    would use there, with the one-off work that data access takes beyond the usual one."""

    cores: float
    vcpus: float
    ws_gb: float
    memory_gb: float
    eur_per_month: float
    data_access: str = ""
    one_off_eur: float = 0.0


@dataclass(frozen=True)
class Switching:
    """What this profile's team pays, per stack, beyond hosting: the hand-written SQL that moves
    a stack's hot paths onto its faster measured data access, and the learning of a language it
    does not write; both spread over the horizon to weigh against a month's hosting."""

    horizon_months: float
    raw_sql_eur: dict[str, float]  # per stack that has a faster variant
    learning_eur: dict[str, float]  # 0 for a family the team writes


@dataclass(frozen=True)
class CapacityModel:
    """Everything needed to price any load on any stack, kept for robustness and flips."""

    hosting: Hosting
    mix: dict[str, float]
    costs: dict[str, StackCost]  # each stack on its usual data access
    faster: dict[str, StackCost] = field(default_factory=dict)  # a faster measured variant
    switching: Switching | None = None

    def need(self, stack: str, rps: float, connections: float, position: float = 0.5) -> Footprint:
        """Cores, memory and price for one stack on the data access it would use at this load
        (the faster variant only where its hosting saving over the horizon pays for the
        hand-written SQL); `position` 0..1 runs from its slowest measured repeat to its fastest
        (0.5 is the median)."""
        usual = self.need_of(self.costs[stack], rps, connections, position)
        faster = self.faster.get(stack)
        if faster is None:
            return usual
        effort = self._raw_sql(stack)
        other = self.need_of(faster, rps, connections, position)
        if other.eur_per_month + effort / self._horizon() < usual.eur_per_month:
            return replace(other, one_off_eur=effort)
        return usual

    def need_of(
        self, cost: StackCost, rps: float, connections: float, position: float = 0.5
    ) -> Footprint:
        """`need` on one given data access."""
        seconds = _between(cost.core_seconds, position)
        kb = _between(cost.ws_kb_per_1000, 1 - position)
        h = self.hosting
        cores = rps * h.headroom.value * seconds
        vcpus = max(cores, h.min_vcpu.value)
        ws_gb = connections / 1000 * kb / KB_PER_GB
        memory = max(vcpus * h.memory_per_vcpu_gb.value, ws_gb)
        eur = vcpus * h.vcpu_month_eur.value + memory * h.gb_month_eur.value
        return Footprint(cores, vcpus, ws_gb, memory, eur, cost.data_access)

    def _horizon(self) -> float:
        return self.switching.horizon_months if self.switching else 1.0

    def _raw_sql(self, stack: str) -> float:
        return self.switching.raw_sql_eur.get(stack, 0.0) if self.switching else 0.0

    def scores(
        self, rps: float, connections: float, positions: Mapping[str, float] | None = None
    ) -> tuple[dict[str, float], float]:
        """Performance scores 0..10 (10 for the cheapest, falling with the extra EUR a year)
        and the stake: how many times the reference the spread a year is, at least 1, by which
        the factor's weight grows when speed decides real money."""
        chosen = positions or {}
        stacks = list(self.costs)
        values, stake = self.score_list(rps, connections, [chosen.get(s, 0.5) for s in stacks])
        return dict(zip(stacks, values, strict=True)), stake

    def all_fit_smallest(self, rps: float, connections: float) -> bool:
        """Whether every stack, even at its slowest repeat, fits the smallest deployment at this
        load: then any lower load gives every stack the same price and score."""
        h = self.hosting
        floor, memory = h.min_vcpu.value, h.min_vcpu.value * h.memory_per_vcpu_gb.value
        return all(
            rps * h.headroom.value * max(cost.core_seconds) <= floor
            and connections / 1000 * max(cost.ws_kb_per_1000) / KB_PER_GB <= memory
            for cost in self.costs.values()
        )

    @cached_property
    def _plans(self) -> tuple[tuple[tuple[StackCost, float], ...], ...]:
        """Per stack, in order, each data access it may be priced on with its one-off work a
        month (the faster variant's hand-written SQL spread over the horizon)."""
        horizon = self._horizon()
        plans = []
        for stack, usual in self.costs.items():
            faster = self.faster.get(stack)
            plan = [(usual, 0.0)]
            if faster is not None:
                plan.append((faster, self._raw_sql(stack) / horizon))
            plans.append(tuple(plan))
        return tuple(plans)

    def monthly(self, rps: float, connections: float, positions: list[float]) -> list[float]:
        """Per stack, in order, what it costs a month at this load: hosting on the cheaper of
        its data accesses, the faster one carrying its hand-written SQL spread over the
        horizon. Plain arithmetic: robustness calls it per draw."""
        h = self.hosting
        cpu = rps * h.headroom.value
        sockets = connections / 1000 / KB_PER_GB
        floor, per_vcpu = h.min_vcpu.value, h.memory_per_vcpu_gb.value
        cpu_eur, gb_eur = h.vcpu_month_eur.value, h.gb_month_eur.value
        out = []
        for plan, position in zip(self._plans, positions, strict=True):
            best = math.inf
            for cost, extra in plan:
                vcpus = cpu * _between(cost.core_seconds, position)
                if vcpus < floor:
                    vcpus = floor
                memory = vcpus * per_vcpu
                if sockets:
                    memory = max(memory, sockets * _between(cost.ws_kb_per_1000, 1 - position))
                eur = vcpus * cpu_eur + memory * gb_eur + extra
                if eur < best:
                    best = eur
            out.append(best)
        return out

    def charged(self, monthly: list[float]) -> list[float]:
        """Per stack, the month's cost performance is scored on: a stack in a language the team
        does not write gains only what it saves beyond its learning spread over the horizon, so
        a gap the team could close in its own language never moves it to another."""
        if self.switching is None:
            return monthly
        learning = [self.switching.learning_eur.get(s, 0.0) for s in self.costs]
        known = [m for m, cost in zip(monthly, learning, strict=True) if cost == 0]
        if not known or len(known) == len(monthly):
            return monthly
        own, horizon = min(known), self.switching.horizon_months
        return [
            m if cost == 0 else max(m, min(own, m + cost / horizon))
            for m, cost in zip(monthly, learning, strict=True)
        ]

    def score_list(
        self, rps: float, connections: float, positions: list[float]
    ) -> tuple[list[float], float]:
        """`scores` for the stacks in order, as plain arithmetic: robustness calls it per draw."""
        charged = self.charged(self.monthly(rps, connections, positions))
        cheapest = min(charged)
        reference = self.hosting.reference_eur_per_year.value
        stake = max(1.0, 12 * (max(charged) - cheapest) / reference)
        return [reference / (reference + 12 * (eur - cheapest)) * 10 for eur in charged], stake


def _between(values: tuple[float, float, float], position: float) -> float:
    """Interpolate from values[2] (position 0) through values[0] (0.5) to values[1] (1)."""
    median, best, worst = values
    if position <= 0.5:
        return worst + (median - worst) * position * 2
    return median + (best - median) * (position - 0.5) * 2


def profile_load(profile: ProjectProfile, hosting: Hosting) -> Load:
    """The profile's peak, with the product's default (and why) where it states none."""
    default = hosting.default_load[profile.product.value]
    rps = profile.scale.peak_rps
    connections = profile.scale.concurrent_connections
    return Load(
        peak_rps=float(default.peak_rps if rps is None else rps),
        connections=float(default.concurrent_connections if connections is None else connections),
        assumed_rps=rps is None,
        assumed_connections=connections is None,
        rationale=default.rationale,
    )


def workload_mix(factor: Factor, profile: ProjectProfile) -> dict[str, float]:
    """The lab workloads this profile's traffic resembles, as shares summing to 1."""
    mix = dict(factor.workload_mix.get(profile.product.value, {}))
    for need, (workload, share) in NEED_WORKLOADS.items():
        if profile.has(need):
            mix[workload] = mix.get(workload, 0.0) + share
    total = sum(mix.values())
    return {w: s / total for w, s in sorted(mix.items())} if total else {}


# A model's measured part depends only on the evidence, the hosting figures and the mix; flips
# and robustness ask for the same few mixes again and again (the evidence is kept alive beside
# it). The profile's own switching figures are added to the cached model per scoring.
_MODELS: dict[tuple[int, tuple[tuple[str, float], ...]], tuple[Evidence, CapacityModel | None]] = {}


def capacity_model(
    factor: Factor, knowledge: Knowledge, profile: ProjectProfile, switching: Switching
) -> CapacityModel | None:
    """The capacity model for this profile's mix and team, or None without usable measurements."""
    evidence = knowledge.evidence
    if evidence is None:
        return None
    mix = workload_mix(factor, profile)
    key = (id(evidence), tuple(mix.items()))
    cached = _MODELS.get(key)
    if cached is None or cached[0] is not evidence:
        cached = (evidence, _model(evidence, knowledge, mix))
        _MODELS[key] = cached
    model = cached[1]
    return None if model is None else replace(model, switching=switching)


def _model(evidence: Evidence, knowledge: Knowledge, mix: dict[str, float]) -> CapacityModel | None:
    stacks = list(knowledge.stacks)
    if any(s not in evidence.capacity for s in stacks):
        return None
    usable = {
        w: share
        for w, share in mix.items()
        if all(w in evidence.capacity[s].workloads for s in stacks)
    }
    if not sum(usable.values()):
        return None
    costs = {stack: _stack_cost(evidence.capacity[stack], usable) for stack in stacks}
    faster = {}
    for stack in stacks:
        measured = evidence.capacity[stack]
        for kind, workloads in sorted(measured.variants.items()):
            if any(w in workloads for w in usable):
                variant = _stack_cost(measured, usable, workloads, kind)
                if variant.core_seconds[0] < costs[stack].core_seconds[0]:
                    faster[stack] = variant
    return CapacityModel(hosting=knowledge.costs.hosting, mix=usable, costs=costs, faster=faster)


def _stack_cost(
    measured: StackCapacity,
    mix: Mapping[str, float],
    variant: Mapping[str, WorkloadCapacity] | None = None,
    kind: str | None = None,
) -> StackCost:
    """Per-request core time over the mix, and the WebSocket memory, of one stack: on its usual
    data access, or on a `variant` (`kind`) it was also measured with where that has the
    workload (the others, such as plain JSON, do not touch the database)."""
    total = sum(mix.values())
    seconds = [0.0, 0.0, 0.0]
    parts = []
    for workload, share in mix.items():
        figures = (variant or {}).get(workload) or measured.workloads[workload]
        rps = figures.rps_per_core
        weight = share / total
        seconds[0] += weight / max(rps.median, 1e-9)
        seconds[1] += weight / max(rps.high, 1e-9)
        seconds[2] += weight / max(rps.low, 1e-9)
        parts.append(
            f"{workload} {rps.median:,.0f} req/s per core"
            + ("" if figures.meets_target else " (p99 above target)")
        )
    ws = measured.ws_memory_per_1000_kb
    return StackCost(
        core_seconds=(seconds[0], seconds[1], seconds[2]),
        ws_kb_per_1000=(ws.median, ws.low, ws.high) if ws is not None else (0.0, 0.0, 0.0),
        detail="; ".join(parts),
        data_access=kind or measured.data_access,
    )


DATA_ACCESS_WORDS = {"orm": "its ORM", "raw": "its raw SQL driver"}


def capacity_scores(
    model: CapacityModel, load: Load, knowledge: Knowledge
) -> tuple[dict[str, StackScore], float]:
    """Per-stack raw-performance scores with the cores, memory and EUR behind each, and the
    stake that multiplies the factor's weight."""
    scores, stake = model.scores(load.peak_rps, load.connections)
    out = {}
    for stack, score in scores.items():
        need = model.need(stack, load.peak_rps, load.connections)
        memory = (
            f", {need.ws_gb:,.1f} GB for {load.connections:,.0f} WebSockets"
            if load.connections and need.ws_gb >= 0.05
            else ""
        )
        # Built from checked figures on every scoring (and every flip): no need to re-validate.
        cost = model.faster[stack] if need.one_off_eur else model.costs[stack]
        out[stack] = StackScore.model_construct(
            score=score,
            rationale=(
                f"At {load.peak_rps:,.0f} req/s peak, on {DATA_ACCESS_WORDS.get(cost.data_access, cost.data_access)},"
                f" it needs {need.cores:,.2f} cores{memory}: "
                f"EUR {need.eur_per_month:,.0f}/month. Measured in the lab: {cost.detail}."
            ),
            source="lab",
        )
    return out, stake


_COLD: dict[int, tuple[Evidence, dict[str, StackScore] | None]] = {}


def cold_start_scores(evidence: Evidence, stacks: list[str]) -> dict[str, StackScore] | None:
    """The measured cold-start scores, worked out once per evidence."""
    cached = _COLD.get(id(evidence))
    if cached is None or cached[0] is not evidence:
        cached = (evidence, _cold_start_scores(evidence, stacks))
        _COLD[id(evidence)] = cached
    return cached[1]


def _cold_start_scores(evidence: Evidence, stacks: list[str]) -> dict[str, StackScore] | None:
    """Serverless cold start from the measured start-up: the fastest scores 10, others by ratio,
    and any whose interval overlaps the fastest's counts as equal (a tie within noise)."""
    starts = {s: evidence.capacity[s].cold_start_ms for s in stacks if s in evidence.capacity}
    if len(starts) != len(stacks) or any(v is None for v in starts.values()):
        return None
    measured = {s: v for s, v in starts.items() if v is not None}
    fastest = min(measured.values(), key=lambda v: v.median)
    out = {}
    for stack, start in measured.items():
        ratio = 1.0 if start.overlaps(fastest) else fastest.median / start.median
        out[stack] = StackScore(
            score=round(10 * ratio, 2),
            rationale=(
                f"Measured start to first answer: {start.median:,.0f} ms "
                f"({start.low:,.0f}-{start.high:,.0f} over {start.repeats} starts)"
                + (" - within the noise of the fastest." if ratio == 1.0 else ".")
            ),
            source="lab",
        )
    return out
