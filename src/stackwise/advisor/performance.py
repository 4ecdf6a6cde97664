"""Performance as capacity against need: what each stack must run, and pay, at the profile's peak.

The lab measures requests per core on a few workloads; a product's traffic is a mix of them.
At the profile's peak (with headroom) each stack needs some cores and, for open WebSockets, some
memory; priced per vCPU-month and GB-month that is EUR per month. Speed only matters where it
changes that bill, so the score falls with the extra hosting a year over the cheapest stack, and
every stack scores 10 where all fit the same smallest deployment. Everything is continuous in
load: no thresholds, no cliffs.

Serverless functions and edge runtimes are not billed per core but per request: there a
request's CPU time is the same measured core time, and a month's bill follows from the requests
the peak implies, the platform's fees and the time it bills (wall time on Lambda, waiting on the
database included; CPU time only on Workers).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from stackwise.advisor.profile import Deployment, Need, ProjectProfile
from stackwise.knowledge.models import (
    Evidence,
    Factor,
    Hosting,
    Knowledge,
    RequestPricing,
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
MB_PER_GB = 1024  # as AWS counts a function's memory in GB-seconds
SECONDS_PER_MONTH = 730 * 3600  # the 730 hours a month cloud prices are quoted over
MILLION = 1_000_000


@dataclass(frozen=True)
class PerRequest:
    """A deployment billed per request: the knowledge's prices, the requests a month per req/s
    of peak, and what a request of the profile's mix waits on the database or upstream."""

    pricing: RequestPricing
    requests_per_peak_rps: float  # a month's requests for each req/s of peak
    eur_per_usd: float
    wait_seconds: float  # billed only where the platform bills wall time

    @cached_property
    def _rates(self) -> tuple[float, float, float, float, float]:
        """USD per request, per second of a request's billed time, the monthly base, and the
        requests and CPU-seconds that base includes."""
        p = self.pricing
        per_request = sum(f.value for f in p.usd_per_million_requests.values()) / MILLION
        if p.billed_on == "wall_time":
            assert p.memory_mb is not None and p.usd_per_gb_second is not None
            per_second = p.memory_mb.value / MB_PER_GB * p.usd_per_gb_second.value
        else:
            assert p.usd_per_million_cpu_ms is not None
            per_second = p.usd_per_million_cpu_ms.value * 1000 / MILLION
        base = p.base_usd_month.value if p.base_usd_month else 0.0
        requests = (
            p.included_requests_million.value * MILLION if p.included_requests_million else 0.0
        )
        cpu = p.included_cpu_ms_million.value * MILLION / 1000 if p.included_cpu_ms_million else 0.0
        return per_request, per_second, base, requests, cpu

    def requests(self, rps: float) -> float:
        """A month's requests at this peak."""
        return rps * self.requests_per_peak_rps

    def billed_seconds(self, cpu_seconds: float) -> float:
        """The time the platform bills for one request: its CPU time, plus its wait on wall
        time."""
        wall = self.pricing.billed_on == "wall_time"
        return cpu_seconds + self.wait_seconds if wall else cpu_seconds

    def eur_per_month(self, rps: float, cpu_seconds: float) -> float:
        """The month's bill at this peak for requests of this CPU time, in EUR."""
        per_request, per_second, base, included, included_cpu = self._rates
        requests = self.requests(rps)
        seconds = requests * self.billed_seconds(cpu_seconds)
        usd = (
            base
            + max(requests - included, 0.0) * per_request
            + max(seconds - included_cpu, 0.0) * per_second
        )
        return usd * self.eur_per_usd


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
    # billed per request: a month's requests and the milliseconds billed for each
    requests_per_month: float = 0.0
    billed_ms: float = 0.0


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
    per_request: PerRequest | None = None  # the deployment bills requests, not cores

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
        ws_gb = connections / 1000 * kb / KB_PER_GB
        billed = self.per_request
        if billed is not None:
            return Footprint(
                cores,
                0.0,
                ws_gb,
                0.0,
                billed.eur_per_month(rps, seconds),
                cost.data_access,
                requests_per_month=billed.requests(rps),
                billed_ms=billed.billed_seconds(seconds) * 1000,
            )
        vcpus = max(cores, h.min_vcpu.value)
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
        load: then any lower load gives every stack the same price and score. Never where the
        deployment bills per request: every request is paid for."""
        if self.per_request is not None:
            return False
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
        billed = self.per_request
        if billed is not None:
            return [
                min(
                    billed.eur_per_month(rps, _between(cost.core_seconds, position)) + extra
                    for cost, extra in plan
                )
                for plan, position in zip(self._plans, positions, strict=True)
            ]
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


def per_request_billing(
    hosting: Hosting, deployment: Deployment, mix: Mapping[str, float]
) -> PerRequest | None:
    """How the deployment bills requests of this mix, or None where it bills cores."""
    pricing = hosting.per_request.get(deployment)
    total = sum(mix.values())
    if pricing is None or not total:
        return None
    wait_ms = sum(share * hosting.wait_ms[w].value for w, share in mix.items()) / total
    return PerRequest(
        pricing=pricing,
        requests_per_peak_rps=hosting.average_to_peak.value * SECONDS_PER_MONTH,
        eur_per_usd=hosting.eur_per_usd.value,
        wait_seconds=wait_ms / 1000,
    )


def capacity_model(
    factor: Factor, knowledge: Knowledge, profile: ProjectProfile, switching: Switching
) -> CapacityModel | None:
    """The capacity model for this profile's mix, team and deployment, or None without usable
    measurements."""
    evidence = knowledge.evidence
    if evidence is None:
        return None
    mix = workload_mix(factor, profile)
    # The measured part depends on the knowledge and the mix alone; flips and robustness ask
    # for the same few mixes again and again. The profile's own figures are added per scoring.
    key, derived = ("capacity", tuple(mix.items())), knowledge.derived
    if key not in derived:
        derived[key] = _model(evidence, knowledge, mix)
    model: CapacityModel | None = derived[key]
    if model is None:
        return None
    billed = per_request_billing(knowledge.costs.hosting, profile.deployment, model.mix)
    return replace(model, switching=switching, per_request=billed)


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
        access = DATA_ACCESS_WORDS.get(cost.data_access, cost.data_access)
        if model.per_request is not None:
            needs = (
                f"about {need.requests_per_month / MILLION:,.1f} million requests a month, each "
                f"billed {need.billed_ms:,.1f} ms"
            )
        else:
            needs = f"it needs {need.cores:,.2f} cores{memory}"
        out[stack] = StackScore.model_construct(
            score=score,
            rationale=(
                f"At {load.peak_rps:,.0f} req/s peak, on {access}, {needs}: "
                f"EUR {need.eur_per_month:,.0f}/month. Measured in the lab: {cost.detail}."
            ),
            source="lab",
        )
    return out, stake


def cold_start_scores(knowledge: Knowledge) -> dict[str, StackScore] | None:
    """The measured cold-start scores, worked out once per knowledge."""
    if knowledge.evidence is None:
        return None
    key, derived = "cold_start", knowledge.derived
    if key not in derived:
        derived[key] = _cold_start_scores(knowledge.evidence, list(knowledge.stacks))
    scores: dict[str, StackScore] | None = derived[key]
    return scores


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
