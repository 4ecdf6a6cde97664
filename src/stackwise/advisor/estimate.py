"""Cost and timeline estimates from the knowledge's cost model, saying what they assume."""

from __future__ import annotations

from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import Budget, Estimate, Range
from stackwise.knowledge.models import Knowledge


def _eur(value: float) -> str:
    return f"EUR {value:,.0f}"


def _range(low: float, high: float, digits: int = 0) -> Range:
    return Range(low=round(low, digits), high=round(high, digits))


def _verdict(span: Range, limit: float | None, unit: str) -> Budget:
    if limit is None:
        return Budget(limit=None, verdict="unknown", text=f"No {unit} given.")
    shown = _eur(limit) if unit == "budget" else f"{limit:g} weeks"
    if span.high <= limit:
        return Budget(limit=limit, verdict="fits", text=f"Fits the {unit} of {shown}.")
    if span.low <= limit:
        return Budget(
            limit=limit, verdict="tight", text=f"Tight: the upper end passes the {unit} of {shown}."
        )
    return Budget(
        limit=limit, verdict="over", text=f"Over: even the lower end passes the {unit} of {shown}."
    )


def estimate_for(
    stack_id: str, profile: ProjectProfile, knowledge: Knowledge, *, hybrid: bool = False
) -> Estimate:
    """Estimate one stack for one profile: article baseline, then product, team and region."""
    costs = knowledge.costs
    stack = knowledge.stacks[stack_id]
    baseline = costs.baselines[stack_id]
    product = costs.products[profile.product.value]
    region = costs.regions[profile.region]
    reference = costs.regions[costs.reference_region]
    rate = region.rates[stack.family]
    ref_rate = reference.rates[stack.family]

    assumptions = [
        f"Starts from {stack.name}'s SaaS-MVP baseline of {baseline.weeks.low:g}-"
        f"{baseline.weeks.high:g} weeks and {_eur(baseline.cost_eur.low)}-"
        f"{baseline.cost_eur.high:,.0f} ({baseline.rationale})",
    ]
    work = product.factor
    if product.factor != 1:
        assumptions.append(
            f"{profile.product.value}: x{product.factor:g} the work ({product.rationale})"
        )
    for adjustment in costs.adjustments:
        if adjustment.stack == stack_id and profile.product.value in adjustment.products:
            work *= adjustment.factor
            assumptions.append(
                f"x{adjustment.factor:g} for {stack.name} here ({adjustment.rationale})"
            )
    if profile.team.languages and stack.family not in profile.team.families:
        factor = costs.unfamiliar_language_factor.value
        work *= factor
        assumptions.append(
            f"x{factor:g} because the team does not yet write {stack.language} "
            f"({costs.unfamiliar_language_factor.rationale})"
        )
    extra_low = extra_high = 0.0
    if hybrid:
        extra_low, extra_high = costs.hybrid_extra_share.low, costs.hybrid_extra_share.high
        assumptions.append(
            f"+{extra_low:.0%}-{extra_high:.0%} for the hybrid's second service "
            f"({costs.hybrid_extra_share.rationale})"
        )

    size = profile.team.size
    speedup = min(
        1 + costs.team_speedup_per_extra_developer.value * (size - 1), costs.max_team_speedup.value
    )
    if size > 1:
        assumptions.append(
            f"{size} developers work about {speedup:g}x as fast as one "
            f"({costs.team_speedup_per_extra_developer.rationale}); cost does not fall with them"
        )
    region_scale = ((rate.low + rate.high) / 2) / ((ref_rate.low + ref_rate.high) / 2)
    if region_scale != 1:
        assumptions.append(f"x{region_scale:.2f} for {region.name} rates against {reference.name}")

    weeks = _range(
        baseline.weeks.low * work * (1 + extra_low) / speedup,
        baseline.weeks.high * work * (1 + extra_high) / speedup,
        1,
    )
    cost = _range(
        baseline.cost_eur.low * work * (1 + extra_low) * region_scale,
        baseline.cost_eur.high * work * (1 + extra_high) * region_scale,
        -2,
    )
    hours = _range(cost.low / rate.high, cost.high / rate.low)
    assumptions.append(
        f"At {region.name} senior rates of {_eur(rate.low)}-{rate.high:,.0f}/h for "
        f"{stack.family.capitalize()} ({region.rationale}), the price pays for {hours.low:,.0f}-"
        f"{hours.high:,.0f} billable hours; the weeks are calendar time, not full-time work."
    )
    return Estimate(
        stack=stack_id,
        cost_eur=cost,
        weeks=weeks,
        hours=hours,
        rate_eur_per_hour=Range(low=rate.low, high=rate.high),
        assumptions=tuple(assumptions),
        budget=_verdict(cost, profile.budget_eur, "budget"),
        deadline=_verdict(weeks, profile.deadline_weeks, "deadline"),
    )
