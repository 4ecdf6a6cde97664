"""Performance as capacity against need: what each stack must run, and pay, at the profile's peak.

The lab measures requests per core on a few workloads; a product's traffic is a mix of them.
At the profile's peak (with headroom) each stack needs some cores and, for open WebSockets, some
memory; priced per vCPU-month and GB-month that is EUR per month. Speed only matters where it
changes that bill, so the score falls with the extra hosting a year over the cheapest stack, and
every stack scores 10 where all fit the same smallest deployment. Everything is continuous in
load: no thresholds, no cliffs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
    and the memory its WebSockets take."""

    core_seconds: tuple[float, float, float]  # median, fastest repeat, slowest repeat
    ws_kb_per_1000: tuple[float, float, float]  # median, lowest, highest
    detail: str  # the measured figures in words, naming any that missed the p99 target


@dataclass(frozen=True)
class Footprint:
    """What one stack needs at the load: cores, memory and EUR per month."""

    cores: float
    vcpus: float
    ws_gb: float
    memory_gb: float
    eur_per_month: float


@dataclass(frozen=True)
class CapacityModel:
    """Everything needed to price any load on any stack, kept for robustness and flips."""

    hosting: Hosting
    mix: dict[str, float]
    costs: dict[str, StackCost]

    def need(self, stack: str, rps: float, connections: float, position: float = 0.5) -> Footprint:
        """Cores, memory and price for one stack; `position` 0..1 runs from its slowest measured
        repeat to its fastest (0.5 is the median)."""
        return self.need_of(self.costs[stack], rps, connections, position)

    def need_of(
        self, cost: StackCost, rps: float, connections: float, position: float = 0.5
    ) -> Footprint:
        """`need` for a per-request cost that is not one of the model's own (another variant)."""
        seconds = _between(cost.core_seconds, position)
        kb = _between(cost.ws_kb_per_1000, 1 - position)
        h = self.hosting
        cores = rps * h.headroom.value * seconds
        vcpus = max(cores, h.min_vcpu.value)
        ws_gb = connections / 1000 * kb / KB_PER_GB
        memory = max(vcpus * h.memory_per_vcpu_gb.value, ws_gb)
        eur = vcpus * h.vcpu_month_eur.value + memory * h.gb_month_eur.value
        return Footprint(cores, vcpus, ws_gb, memory, eur)

    def scores(
        self, rps: float, connections: float, positions: Mapping[str, float] | None = None
    ) -> tuple[dict[str, float], float]:
        """Performance scores 0..10 (10 for the cheapest to host, falling with the extra EUR a
        year) and the stake: how many times the reference the hosting spread a year is, at
        least 1, by which the factor's weight grows when speed decides real money."""
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

    def score_list(
        self, rps: float, connections: float, positions: list[float]
    ) -> tuple[list[float], float]:
        """`scores` for the stacks in order, as plain arithmetic: robustness calls it per draw."""
        h = self.hosting
        cpu = rps * h.headroom.value
        sockets = connections / 1000 / KB_PER_GB
        floor, per_vcpu = h.min_vcpu.value, h.memory_per_vcpu_gb.value
        cpu_eur, gb_eur = h.vcpu_month_eur.value, h.gb_month_eur.value
        monthly = []
        for cost, position in zip(self.costs.values(), positions, strict=True):
            vcpus = cpu * _between(cost.core_seconds, position)
            if vcpus < floor:
                vcpus = floor
            memory = vcpus * per_vcpu
            if sockets:
                memory = max(memory, sockets * _between(cost.ws_kb_per_1000, 1 - position))
            monthly.append(vcpus * cpu_eur + memory * gb_eur)
        cheapest = min(monthly)
        reference = h.reference_eur_per_year.value
        stake = max(1.0, 12 * (max(monthly) - cheapest) / reference)
        return [reference / (reference + 12 * (eur - cheapest)) * 10 for eur in monthly], stake


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


# A model depends only on the evidence, the hosting figures and the mix; flips and robustness
# ask for the same few mixes again and again (the evidence is kept alive beside it).
_MODELS: dict[tuple[int, tuple[tuple[str, float], ...]], tuple[Evidence, CapacityModel | None]] = {}


def capacity_model(
    factor: Factor, knowledge: Knowledge, profile: ProjectProfile
) -> CapacityModel | None:
    """The capacity model for this profile's mix, or None without usable measurements."""
    evidence = knowledge.evidence
    if evidence is None:
        return None
    mix = workload_mix(factor, profile)
    key = (id(evidence), tuple(mix.items()))
    cached = _MODELS.get(key)
    if cached is None or cached[0] is not evidence:
        cached = (evidence, _model(evidence, knowledge, mix))
        _MODELS[key] = cached
    return cached[1]


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
    return CapacityModel(hosting=knowledge.costs.hosting, mix=usable, costs=costs)


def _stack_cost(
    measured: StackCapacity,
    mix: Mapping[str, float],
    variant: Mapping[str, WorkloadCapacity] | None = None,
) -> StackCost:
    """Per-request core time over the mix, and the WebSocket memory, of one stack: on its usual
    data access, or on a `variant` it was also measured with where that has the workload."""
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
    )


DATA_ACCESS_WORDS = {"orm": "its ORM", "raw": "its raw SQL driver"}


def other_data_access(
    model: CapacityModel, evidence: Evidence, stack: str, load: Load
) -> tuple[str, Footprint] | None:
    """The stack's need at this load on the data access the lab measured besides its usual one
    (the ORM or the raw driver), when that moves the database workloads of this mix."""
    measured = evidence.capacity.get(stack)
    if measured is None:
        return None
    for kind, workloads in sorted(measured.variants.items()):
        if not any(w in workloads for w in model.mix):
            continue
        cost = _stack_cost(measured, model.mix, workloads)
        return DATA_ACCESS_WORDS.get(kind, kind), model.need_of(
            cost, load.peak_rps, load.connections
        )
    return None


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
        out[stack] = StackScore.model_construct(
            score=score,
            rationale=(
                f"At {load.peak_rps:,.0f} req/s peak it needs {need.cores:,.2f} cores{memory}: "
                f"EUR {need.eur_per_month:,.0f}/month. Measured in the lab: "
                f"{model.costs[stack].detail}."
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
