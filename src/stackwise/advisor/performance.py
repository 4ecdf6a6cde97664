"""Score raw performance from the lab's measurements, for the workload mix a profile implies."""

from __future__ import annotations

from stackwise.advisor.profile import Need, ProjectProfile
from stackwise.knowledge.models import Evidence, Factor, StackScore

# Needs that put a workload into the mix beyond what the product type implies. An AI need adds
# no workload here: its cost is weighed by the AI factor, and AI products carry the slow-upstream
# workload in their own mix.
NEED_WORKLOADS: dict[Need, tuple[str, float]] = {
    Need.data_processing: ("queries", 0.2),
}


def workload_mix(factor: Factor, profile: ProjectProfile) -> dict[str, float]:
    """The lab workloads this profile's traffic resembles, as shares summing to 1."""
    mix = dict(factor.workload_mix.get(profile.product.value, {}))
    for need, (workload, share) in NEED_WORKLOADS.items():
        if profile.has(need):
            mix[workload] = mix.get(workload, 0.0) + share
    total = sum(mix.values())
    return {w: s / total for w, s in sorted(mix.items())} if total else {}


# Scores depend only on the evidence, the factor and the mix; flips and robustness ask again and
# again for the same few mixes, so each is computed once (the evidence is kept alive beside it).
_CACHE: dict[
    tuple[int, str, tuple[tuple[str, float], ...]], tuple[Evidence, dict[str, StackScore] | None]
] = {}


def measured_scores(
    factor: Factor, evidence: Evidence, profile: ProjectProfile
) -> dict[str, StackScore] | None:
    """Per-stack scores from measured throughput, or None when the evidence does not cover it."""
    mix = workload_mix(factor, profile)
    key = (id(evidence), factor.id, tuple(mix.items()))
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not evidence:
        cached = (evidence, _scores(factor, evidence, mix))
        _CACHE[key] = cached
    return cached[1]


def _scores(
    factor: Factor, evidence: Evidence, mix: dict[str, float]
) -> dict[str, StackScore] | None:
    stacks = list(factor.scores)
    usable = {
        w: s for w, s in mix.items() if all(w in evidence.summary.get(st, {}) for st in stacks)
    }
    if not usable:
        return None
    total_share = sum(usable.values())
    scores: dict[str, StackScore] = {}
    for stack in stacks:
        points = 0.0
        parts = []
        for workload, share in usable.items():
            best = max(evidence.summary[st][workload].rps for st in stacks) or 1.0
            figures = evidence.summary[stack][workload]
            relative = figures.rps / best
            points += share / total_share * 10 * relative
            parts.append(
                f"{workload} {figures.rps:,.0f} req/s ({relative:.0%} of the fastest, "
                f"p99 {figures.p99_ms:,.0f} ms)"
            )
        scores[stack] = StackScore(
            score=round(points, 2),
            rationale="Measured in the lab: " + "; ".join(parts) + ".",
            source="lab",
        )
    return scores
