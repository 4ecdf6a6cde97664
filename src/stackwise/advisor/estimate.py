"""Cost and timeline estimates as person-weeks x billable hours x rate, saying what they assume."""

from __future__ import annotations

from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import Budget, Estimate, Range
from stackwise.knowledge.models import Knowledge, Span


def _eur(value: float) -> str:
    return f"EUR {value:,.0f}"


def eur_span(span: Span) -> str:
    """A money range from the knowledge as the reports say it: EUR 2,000-5,000."""
    return f"{_eur(span.low)}-{span.high:,.0f}"


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


def team_speedup(size: int, knowledge: Knowledge) -> float:
    """How many times faster than one developer a team of `size` finishes."""
    costs = knowledge.costs
    return min(
        1 + costs.team_speedup_per_extra_developer.value * (size - 1), costs.max_team_speedup.value
    )


def knows_family(profile: ProjectProfile, family: str) -> bool:
    """Whether the team writes the family; a team that named nothing is taken to know either."""
    team = profile.team
    return not (team.languages or team.frameworks) or family in team.families


def hourly_rate(family: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """The rate the estimate uses: the midpoint of the region's senior range for the family."""
    rate = knowledge.costs.regions[profile.region].rates[family]
    return (rate.low + rate.high) / 2


def work_multiplier(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """How much of the stack's SaaS-MVP baseline this profile is: product, stack fit, learning."""
    costs = knowledge.costs
    work = costs.products[profile.product.value].factor
    for adjustment in costs.adjustments:
        if adjustment.stack == stack_id and profile.product.value in adjustment.products:
            work *= adjustment.factor
    if not knows_family(profile, knowledge.stacks[stack_id].family):
        work *= costs.unfamiliar_language_factor.value
    return work


def midpoints(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> tuple[float, float]:
    """The estimate's cost (EUR) and calendar weeks at the middle of their ranges, for scoring."""
    costs = knowledge.costs
    baseline = costs.baselines[stack_id]
    size = profile.team.size
    weeks = (
        (baseline.weeks.low + baseline.weeks.high)
        / 2
        * work_multiplier(stack_id, profile, knowledge)
        / team_speedup(size, knowledge)
    )
    billable = (costs.billable_hours_per_week.low + costs.billable_hours_per_week.high) / 2
    rate = hourly_rate(knowledge.stacks[stack_id].family, profile, knowledge)
    return size * weeks * billable * rate, weeks


def lowest_cost(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """The low end of the stack's estimated cost, as `estimate_for` states it (its floor)."""
    costs = knowledge.costs
    size = profile.team.size
    weeks = (
        costs.baselines[stack_id].weeks.low
        * work_multiplier(stack_id, profile, knowledge)
        / team_speedup(size, knowledge)
    )
    rate = hourly_rate(knowledge.stacks[stack_id].family, profile, knowledge)
    return round(size * weeks * costs.billable_hours_per_week.low * rate, -2)


def second_runtime_cost(
    family: str, profile: ProjectProfile, knowledge: Knowledge
) -> tuple[Range, str]:
    """The extra a hybrid's second service costs: the knowledge's cost of a second language
    (costs.second_language_cost_eur), at the region's rates, times the familiarity factor when
    the team does not write it."""
    costs = knowledge.costs
    extra = costs.second_language_cost_eur
    reference = costs.regions[costs.reference_region].rates[family]
    scale = hourly_rate(family, profile, knowledge) / ((reference.low + reference.high) / 2)
    learning = 1.0 if knows_family(profile, family) else costs.unfamiliar_language_factor.value
    words = f"{eur_span(extra)} for a second language ({extra.rationale})"
    if learning != 1:
        words += f", x{learning:g} because the team does not write it yet"
    if scale != 1:
        words += f", x{scale:.2f} for the region's rates"
    return _range(extra.low * scale * learning, extra.high * scale * learning, -2), words


def estimate_for(
    stack_id: str,
    profile: ProjectProfile,
    knowledge: Knowledge,
    *,
    second_family: str | None = None,
) -> Estimate:
    """Estimate one stack: the article's MVP weeks, the product and team, then hours x rate."""
    costs = knowledge.costs
    stack = knowledge.stacks[stack_id]
    baseline = costs.baselines[stack_id]
    product = costs.products[profile.product.value]
    region = costs.regions[profile.region]
    rate = hourly_rate(stack.family, profile, knowledge)
    billable = costs.billable_hours_per_week

    assumptions = [
        f"Starts from {stack.name}'s SaaS-MVP baseline of {baseline.weeks.low:g}-"
        f"{baseline.weeks.high:g} weeks for one developer ({baseline.rationale})",
    ]
    if product.factor != 1:
        assumptions.append(
            f"{profile.product.value}: x{product.factor:g} the work ({product.rationale})"
        )
    for adjustment in costs.adjustments:
        if adjustment.stack == stack_id and profile.product.value in adjustment.products:
            assumptions.append(
                f"x{adjustment.factor:g} for {stack.name} here ({adjustment.rationale})"
            )
    if not knows_family(profile, stack.family):
        assumptions.append(
            f"x{costs.unfamiliar_language_factor.value:g} because the team does not yet write "
            f"{stack.language} ({costs.unfamiliar_language_factor.rationale})"
        )
    work = work_multiplier(stack_id, profile, knowledge)
    size = profile.team.size
    speedup = team_speedup(size, knowledge)
    if profile.team.hiring:
        hired = "one developer" if size == 1 else f"{size} developers"
        assumptions.append(
            f"No developers yet: {hired} hired or contracted who already write "
            f"{stack.language}, so no learning time; the weeks start when they do, "
            "after recruiting"
        )
    if size > 1:
        assumptions.append(
            f"{size} developers finish about {speedup:g}x as fast as one "
            f"({costs.team_speedup_per_extra_developer.rationale}), so they bill "
            f"{size / speedup:.2f}x the person-weeks of one"
        )
    weeks_low = baseline.weeks.low * work / speedup
    weeks_high = baseline.weeks.high * work / speedup
    hours_low = size * weeks_low * billable.low
    hours_high = size * weeks_high * billable.high
    assumptions.append(
        f"Cost = hours x rate: {size * weeks_low:,.1f}-{size * weeks_high:,.1f} person-weeks at "
        f"{billable.low:g}-{billable.high:g} billable hours a week ({billable.rationale}) is "
        f"{hours_low:,.0f}-{hours_high:,.0f} hours, at {_eur(rate)}/h, the midpoint of "
        f"{region.name}'s senior {stack.family.capitalize()} rates of "
        f"{_eur(region.rates[stack.family].low)}-{region.rates[stack.family].high:,.0f}/h "
        f"({region.rationale})"
    )
    cost_low, cost_high = hours_low * rate, hours_high * rate
    extra: Range | None = None
    if second_family is not None:
        extra, words = second_runtime_cost(second_family, profile, knowledge)
        other_rate = hourly_rate(second_family, profile, knowledge)
        extra_weeks_low = extra.low / (other_rate * billable.low * size) / speedup * size
        extra_weeks_high = extra.high / (other_rate * billable.high * size) / speedup * size
        weeks_low += extra_weeks_low
        weeks_high += extra_weeks_high
        cost_low += extra.low
        cost_high += extra.high
        assumptions.append(f"+{words} for the hybrid's second service")

    notes = []
    if size > costs.mvp_max_developers.value:
        notes.append(
            f"{size} developers is past an MVP team ({costs.mvp_max_developers.rationale})"
        )
    peak = profile.scale.peak_rps
    if peak is not None and peak > costs.mvp_max_peak_rps.value:
        notes.append(
            f"a peak of {peak:,} req/s is far past an MVP ({costs.mvp_max_peak_rps.rationale})"
        )
    scope_note = (
        "The article's MVP figures do not apply: " + "; ".join(notes) + ". Estimate this "
        "project from its own scope instead."
        if notes
        else None
    )
    weeks = _range(weeks_low, weeks_high, 1)
    cost = _range(cost_low, cost_high, -2)
    return Estimate(
        stack=stack_id,
        cost_eur=cost,
        weeks=weeks,
        person_weeks=_range(size * weeks_low, size * weeks_high, 1),
        hours=_range(hours_low, hours_high),
        rate_eur_per_hour=Range(
            low=region.rates[stack.family].low, high=region.rates[stack.family].high
        ),
        rate_used_eur_per_hour=rate,
        hybrid_extra_eur=extra,
        within_mvp_scope=scope_note is None,
        scope_note=scope_note,
        assumptions=tuple(assumptions),
        budget=_verdict(cost, profile.budget_eur, "budget"),
        deadline=_verdict(weeks, profile.deadline_weeks, "deadline"),
    )
