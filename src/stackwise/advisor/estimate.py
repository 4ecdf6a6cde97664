"""Cost and timeline estimates from the work: scope in person-weeks, the team's pace, hiring time
and regional rates, with the article's quote beside them as the article's."""

from __future__ import annotations

import math
from collections.abc import Sequence

from stackwise.advisor.profile import (
    WEEKS_PER_MONTH,
    Engagement,
    ProjectProfile,
    RegulatedData,
)
from stackwise.advisor.recommendation import Budget, Estimate, Range, RunRate
from stackwise.knowledge.models import Knowledge, Span


def _eur(value: float) -> str:
    return f"EUR {value:,.0f}"


def eur_span(span: Span) -> str:
    """A money range from the knowledge as the reports say it: EUR 2,000-5,000."""
    return f"{_eur(span.low)}-{span.high:,.0f}"


def _range(low: float, high: float, digits: int = 0) -> Range:
    return Range(low=round(low, digits), high=round(high, digits))


def _mid(span: Span | Range) -> float:
    return (span.low + span.high) / 2


def knows_family(profile: ProjectProfile, family: str) -> bool:
    """Whether the team writes the family; a team that named nothing is taken to know either."""
    team = profile.team
    return not (team.languages or team.frameworks) or family in team.families


def effective_developers(size: int, knowledge: Knowledge) -> float:
    """A team's pace in developers (Brooks): n / (1 + overhead x (n - 1)), below n from two on."""
    overhead = knowledge.costs.coordination_overhead.value
    return size / (1 + overhead * (size - 1))


def stack_pace(stack_id: str, knowledge: Knowledge) -> float:
    """The stack's work relative to the scope's person-weeks, which are at the pace of the
    quickest stack in the article (Django): its MVP weeks over the quickest stack's."""
    baselines = knowledge.costs.baselines
    quickest = min(_mid(b.weeks) for b in baselines.values())
    return _mid(baselines[stack_id].weeks) / quickest


def scope_parts(profile: ProjectProfile, knowledge: Knowledge) -> list[tuple[str, Span, str]]:
    """What the first version holds, each with its person-weeks and why: the product's baseline,
    each need not already in it, the integrations and the regulated data's compliance work."""
    scope = knowledge.costs.scope
    product = profile.product.value
    base = scope.products[product]
    parts = [(profile.product.label, base.person_weeks, base.rationale)]
    for need in profile.needs:
        item = scope.needs[need.value]
        if product not in item.included_in:
            parts.append((need.label, item.person_weeks, item.rationale))
    if profile.integrations:
        each = scope.per_integration.person_weeks
        count = profile.integrations
        parts.append(
            (
                f"{count} integration{'s' if count > 1 else ''} at "
                f"{each.low:g}-{each.high:g} person-weeks each",
                Span(low=each.low * count, high=each.high * count),
                scope.per_integration.rationale,
            )
        )
    level = profile.regulated_data
    if level is RegulatedData.not_sure:
        level = RegulatedData.personal  # almost every product stores e-mail addresses
    if level is not RegulatedData.none:
        item = scope.regulated[level.value]
        assumed = (
            " (assumed, as not sure)" if profile.regulated_data is RegulatedData.not_sure else ""
        )
        factor = item.build_factor
        if factor is not None:
            # every part so far is built to the stricter standard: the extra, as a part of its own
            low, high = sum(p.low for _, p, _ in parts), sum(p.high for _, p, _ in parts)
            parts.append(
                (
                    f"stricter build and tests for {level.value} data (x{factor.value:g} on the parts above)",
                    Span(
                        low=round(low * (factor.value - 1), 1),
                        high=round(high * (factor.value - 1), 1),
                    ),
                    factor.rationale,
                )
            )
        parts.append((f"compliance for {level.label}{assumed}", item.person_weeks, item.rationale))
    return parts


def scope_person_weeks(profile: ProjectProfile, knowledge: Knowledge) -> Span:
    """The first version's effort in person-weeks at a typical stack's pace."""
    parts = scope_parts(profile, knowledge)
    return Span(low=sum(p.low for _, p, _ in parts), high=sum(p.high for _, p, _ in parts))


def estimate_sources(profile: ProjectProfile, knowledge: Knowledge) -> set[str]:
    """The sources the estimate's figures rest on, for the recommendation's list."""
    costs = knowledge.costs
    scope = costs.scope
    found = {scope.products[profile.product.value].source, scope.method_source}
    found |= {scope.needs[n.value].source for n in profile.needs}
    if profile.integrations:
        found.add(scope.per_integration.source)
    if profile.regulated_data.value in scope.regulated:
        regulated = scope.regulated[profile.regulated_data.value]
        found.add(regulated.source)
        if regulated.build_factor is not None:
            found.add(regulated.build_factor.source)
    region = costs.regions[profile.region]
    found.add(region.salaried_week.source if salaried(profile) else region.source)
    found |= {costs.coordination_overhead.source, costs.productive_hours_per_week.source}
    if profile.team.hiring:
        found.add(costs.hiring_lead_weeks.source)
    return found


def work_multiplier(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """How much of the typical work this stack takes here: its pace, its fit to the product,
    and the learning when the team does not write its language."""
    costs = knowledge.costs
    work = stack_pace(stack_id, knowledge)
    for adjustment in costs.adjustments:
        if adjustment.stack == stack_id and profile.product.value in adjustment.products:
            work *= adjustment.factor
    if not knows_family(profile, knowledge.stacks[stack_id].family):
        work *= costs.unfamiliar_language_factor.value
    return work


def hourly_rate(family: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """A contractor's rate: the midpoint of the region's senior range for the family."""
    return _mid(knowledge.costs.regions[profile.region].rates[family])


def salaried(profile: ProjectProfile) -> bool:
    """Whether the team is priced as employees; contractors when not sure (the article's rates)."""
    return profile.team.engagement is Engagement.salaried


def week_cost(family: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """What one developer-week costs: a loaded salary's week, or a contractor's paid hours."""
    region = knowledge.costs.regions[profile.region]
    if salaried(profile):
        return _mid(region.salaried_week)
    return knowledge.costs.hours_per_week.value * hourly_rate(family, profile, knowledge)


def build_weeks(
    stack_id: str, profile: ProjectProfile, knowledge: Knowledge, effort: float
) -> float:
    """Calendar weeks of building: effort x the stack's multiplier over the team's pace."""
    return (
        effort
        * work_multiplier(stack_id, profile, knowledge)
        / effective_developers(profile.team.size, knowledge)
    )


def midpoints(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> tuple[float, float]:
    """The estimate's build cost (EUR) and build weeks at the middle of their ranges, for scoring.

    Hiring time is left out: it is the same for every stack and separates none of them."""
    weeks = build_weeks(stack_id, profile, knowledge, _mid(scope_person_weeks(profile, knowledge)))
    family = knowledge.stacks[stack_id].family
    return profile.team.size * weeks * week_cost(family, profile, knowledge), weeks


def lowest_cost(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """The low end of the stack's estimated cost, as `estimate_for` states it (its floor)."""
    weeks = build_weeks(stack_id, profile, knowledge, scope_person_weeks(profile, knowledge).low)
    family = knowledge.stacks[stack_id].family
    return round(profile.team.size * weeks * week_cost(family, profile, knowledge), -2)


def second_runtime_cost(
    family: str, profile: ProjectProfile, knowledge: Knowledge
) -> tuple[Range, str]:
    """The extra a hybrid's second service costs: the knowledge's cost of a second language
    (costs.second_language_cost_eur), at the region's rates, times the familiarity factor when
    the team does not write it."""
    costs = knowledge.costs
    extra = costs.second_language_cost_eur
    reference = costs.regions[costs.reference_region].rates[family]
    scale = hourly_rate(family, profile, knowledge) / _mid(reference)
    learning = 1.0 if knows_family(profile, family) else costs.unfamiliar_language_factor.value
    words = f"{eur_span(extra)} for a second language ({extra.rationale})"
    if learning != 1:
        words += f", x{learning:g} because the team does not write it yet"
    if scale != 1:
        words += f", x{scale:.2f} for the region's rates"
    return _range(extra.low * scale * learning, extra.high * scale * learning, -2), words


def article_quote(stack_id: str, knowledge: Knowledge) -> str:
    """The article's MVP price for the stack, as the article's, with what it pays for."""
    costs = knowledge.costs
    stack = knowledge.stacks[stack_id]
    baseline = costs.baselines[stack_id]
    rates = costs.regions[costs.reference_region].rates[stack.family]
    hours = (baseline.cost_eur.low / _mid(rates), baseline.cost_eur.high / _mid(rates))
    weekly = (hours[0] / baseline.weeks.low, hours[1] / baseline.weeks.high)
    a = "an" if stack.name[:1] in "AEIOU" else "a"  # "an Express", "a Django"
    return (
        f"The article quotes {eur_span(baseline.cost_eur)} for {a} {stack.name} SaaS MVP in "
        f"{baseline.weeks.low:g}-{baseline.weeks.high:g} weeks: at its "
        f"{_eur(rates.low)}-{rates.high:,.0f}/h that pays for about {weekly[0]:.0f}-"
        f"{weekly[1]:.0f} hours a week, one senior part-time rather than a team building full "
        "time. It is the article's figure, not this estimate."
    )


def _past_mvp(profile: ProjectProfile, knowledge: Knowledge) -> list[str]:
    costs = knowledge.costs
    notes = []
    size = profile.team.size
    if size > costs.mvp_max_developers.value:
        notes.append(f"{size} developers is past an MVP team")
    peak = profile.scale.peak_rps
    if peak is not None and peak > costs.mvp_max_peak_rps.value:
        notes.append(f"a peak of {peak:,} req/s is far past an MVP")
    return notes


def _team_for(
    effort: float, weeks: float, stack_id: str, profile: ProjectProfile, knowledge: Knowledge
) -> int | None:
    """The smallest team that builds `effort` person-weeks within `weeks`, or None when
    coordination caps the pace below what the date needs."""
    if weeks <= 0:
        return None
    overhead = knowledge.costs.coordination_overhead.value
    needed = effort * work_multiplier(stack_id, profile, knowledge) / weeks
    if overhead * needed >= 1:
        return None
    # effective = n / (1 + c (n - 1))  <=>  n = effective (1 - c) / (1 - c effective)
    size = math.ceil(needed * (1 - overhead) / (1 - overhead * needed) - 1e-9)
    return max(size, 1) if size <= 500 else None


def _budget_verdict(
    cost: Range, budget: float | None, per_person_week: float, words_per_week: str, cheaper: str
) -> Budget:
    if budget is None:
        return Budget(limit=None, verdict="unknown", text="No budget given.")
    shown = _eur(budget)
    if cost.high <= budget:
        return Budget(limit=budget, verdict="fits", text=f"Fits the budget of {shown}.")
    tight = cost.low <= budget
    gap = cost.high - budget if tight else cost.low - budget
    cut = gap / per_person_week
    closers = (
        f"a smaller first version: about {cut:,.1f} fewer person-weeks of scope ({words_per_week})",
        cheaper,
        f"a budget of {_eur(cost.high)} or more"
        if tight
        else f"a budget of at least {_eur(cost.low)} ({_eur(cost.high)} to hold at the upper end)",
    )
    return _missed(budget, "budget", shown, _eur(gap), tight, closers, round(gap))


def _deadline_verdict(
    weeks: Range,
    deadline: float | None,
    effort: Span,
    stack_id: str,
    profile: ProjectProfile,
    knowledge: Knowledge,
    hiring: Span | None,
) -> Budget:
    if deadline is None:
        return Budget(limit=None, verdict="unknown", text="No deadline given.")
    shown = f"{deadline:g} weeks"
    if weeks.high <= deadline:
        return Budget(limit=deadline, verdict="fits", text=f"Fits the deadline of {shown}.")
    tight = weeks.low <= deadline
    gap = weeks.high - deadline if tight else weeks.low - deadline
    recruiting = (hiring.high if tight else hiring.low) if hiring else 0.0
    building = deadline - recruiting
    effort_at = effort.high if tight else effort.low
    closers = []
    pace = effective_developers(profile.team.size, knowledge)
    if building > 0:
        fits = building * pace / work_multiplier(stack_id, profile, knowledge)
        if fits < effort_at:
            closers.append(
                f"a smaller first version: about {effort_at - fits:,.1f} fewer person-weeks "
                "of scope"
            )
        team = _team_for(effort_at, building, stack_id, profile, knowledge)
        # a team past an MVP's size is no way to ship a first version sooner
        largest = knowledge.costs.mvp_max_developers.value
        if team is not None and profile.team.size < team <= largest:
            closers.append(f"a larger team: {team} developers instead of {profile.team.size}")
    closers.append(
        f"a later date: {math.ceil(weeks.high)} weeks or more"
        if tight
        else f"a later date: {math.ceil(weeks.low)} weeks at the earliest "
        f"({math.ceil(weeks.high)} to hold at the upper end)"
    )
    return _missed(deadline, "deadline", shown, f"{gap:.1f} weeks", tight, closers, round(gap, 1))


def _run_rate(
    stack_id: str,
    profile: ProjectProfile,
    knowledge: Knowledge,
    hosting_eur_month: float | None,
    notes: list[str],
) -> tuple[RunRate, Range, Range, Budget, Budget, str]:
    """Past an MVP: the team's monthly run rate and hosting over the deadline or a horizon."""
    costs = knowledge.costs
    region = costs.regions[profile.region]
    family = knowledge.stacks[stack_id].family
    size = profile.team.size
    weekly: Span = region.salaried_week
    if not salaried(profile):
        hours = costs.hours_per_week.value
        weekly = Span(low=hours * region.rates[family].low, high=hours * region.rates[family].high)
    team = _range(size * weekly.low * WEEKS_PER_MONTH, size * weekly.high * WEEKS_PER_MONTH, -2)
    if profile.deadline_weeks is not None:
        months = profile.deadline_weeks / WEEKS_PER_MONTH
        horizon = f"the deadline of {profile.deadline_weeks} weeks"
    else:
        months = costs.run_rate_horizon_months.value
        horizon = f"{months:g} months (no deadline given)"
    hosting = hosting_eur_month or 0.0
    cost = _range((team.low + hosting) * months, (team.high + hosting) * months, -2)
    weeks = _range(months * WEEKS_PER_MONTH, months * WEEKS_PER_MONTH, 1)
    hosted = (
        f", plus about {_eur(hosting)} a month of hosting at the stated load"
        if hosting_eur_month is not None
        else ""
    )
    note = (
        "Past an MVP's scope: " + "; ".join(notes) + ", so there is no first-version price. "
        f"Instead: the team of {size} costs {_eur(team.low)}-{team.high:,.0f} a month{hosted}; "
        f"{_eur(cost.low)}-{cost.high:,.0f} over {horizon}."
    )
    budget = profile.budget_eur
    if budget is None:
        budget_verdict = Budget(limit=None, verdict="unknown", text="No budget given.")
    else:
        lasts = budget / (team.high + hosting) if team.high + hosting else math.inf
        words = (
            f"The budget of {_eur(budget)} pays about {lasts:,.1f} months of the team and its "
            f"hosting at the run rate's upper end."
        )
        if budget < cost.low:
            budget_verdict = Budget(
                limit=budget,
                verdict="over",
                text=f"Over: {words} It runs out before {horizon}.",
                gap=round(cost.low - budget),
                closers=("a smaller team", "a shorter horizon", f"a budget of {_eur(cost.low)}"),
            )
        else:
            budget_verdict = Budget(
                limit=budget,
                verdict="unknown",
                text=f"No fit to judge past an MVP's scope: {words}",
            )
    deadline_verdict = Budget(
        limit=profile.deadline_weeks,
        verdict="unknown",
        text=(
            "No deadline given."
            if profile.deadline_weeks is None
            else f"No first-version date past an MVP's scope: the deadline of "
            f"{profile.deadline_weeks} weeks is the horizon the run rate covers."
        ),
    )
    run_rate = RunRate(
        team_eur_per_month=team,
        hosting_eur_per_month=None if hosting_eur_month is None else round(hosting, 0),
        months=round(months, 1),
        horizon=horizon,
    )
    return run_rate, cost, weeks, budget_verdict, deadline_verdict, note


def estimate_for(
    stack_id: str,
    profile: ProjectProfile,
    knowledge: Knowledge,
    *,
    second_family: str | None = None,
    hosting_eur_month: float | None = None,
) -> Estimate:
    """Estimate one stack from the work: scope x the stack's multiplier over the team's pace for
    the weeks, developers x weeks x a developer-week's cost for the money."""
    costs = knowledge.costs
    stack = knowledge.stacks[stack_id]
    region = costs.regions[profile.region]
    size = profile.team.size
    effort = scope_person_weeks(profile, knowledge)
    work = work_multiplier(stack_id, profile, knowledge)
    pace = effective_developers(size, knowledge)
    weekly = week_cost(stack.family, profile, knowledge)
    paid_hours = costs.hours_per_week.value
    productive = costs.productive_hours_per_week.value

    assumptions = [
        "Scope of the first version, in person-weeks of full-time work at Django's pace: "
        + "; ".join(
            f"{name} {span.low:g}-{span.high:g}"
            for name, span, _ in scope_parts(profile, knowledge)
        )
        + f"; in all {effort.low:g}-{effort.high:g} person-weeks, about "
        f"{effort.low * productive:,.0f}-{effort.high * productive:,.0f} productive hours "
        f"({productive:g} of {paid_hours:g} paid hours a week: "
        f"{costs.productive_hours_per_week.rationale})",
        f"x{stack_pace(stack_id, knowledge):.2f} for {stack.name}'s pace (the article's "
        f"{costs.baselines[stack_id].weeks.low:g}-{costs.baselines[stack_id].weeks.high:g} MVP "
        "weeks against the quickest stack's)",
    ]
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
    weeks_low = effort.low * work / pace
    weeks_high = effort.high * work / pace
    if size > 1:
        assumptions.append(
            f"{size} developers work at the pace of {pace:.1f} "
            f"(n / (1 + {costs.coordination_overhead.value:g} x (n - 1)): "
            f"{costs.coordination_overhead.rationale}), so building takes "
            f"{weeks_low:.1f}-{weeks_high:.1f} weeks and the team is paid for "
            f"{size * weeks_low:,.1f}-{size * weeks_high:,.1f} person-weeks"
        )
    hiring: Span | None = None
    if profile.team.hiring:
        hiring = costs.hiring_lead_weeks
        hired = "one developer" if size == 1 else f"{size} developers"
        assumptions.append(
            f"No developers yet: {hired} who already write {stack.language} are hired first, "
            f"{hiring.low:g}-{hiring.high:g} weeks before the first week of work "
            f"({hiring.rationale}); recruiting costs are not included"
        )
    if salaried(profile):
        assumptions.append(
            f"Cost = developers x weeks x a salaried developer-week in {region.name}: "
            f"{_eur(weekly)}, the midpoint of {eur_span(region.salaried_week)} "
            f"({region.salaried_week.rationale})"
        )
    else:
        family_rates = region.rates[stack.family]
        contracted = profile.team.engagement is Engagement.contracted
        assumptions.append(
            f"Cost = hours x rate: {paid_hours:g} paid hours a developer-week at "
            f"{_eur(hourly_rate(stack.family, profile, knowledge))}/h, the midpoint of "
            f"{region.name}'s senior {stack.family.capitalize()} contractor rates of "
            f"{_eur(family_rates.low)}-{family_rates.high:,.0f}/h ({region.rationale})"
            + ("" if contracted else "; priced as contractors, as the team's terms are not known")
        )
    cost_low = size * weeks_low * weekly
    cost_high = size * weeks_high * weekly
    extra: Range | None = None
    if second_family is not None:
        extra, words = second_runtime_cost(second_family, profile, knowledge)
        other_weekly = week_cost(second_family, profile, knowledge)
        weeks_low += extra.low / (other_weekly * pace)
        weeks_high += extra.high / (other_weekly * pace)
        cost_low += extra.low
        cost_high += extra.high
        assumptions.append(f"+{words} for the hybrid's second service")
    person_weeks = _range(size * weeks_low, size * weeks_high, 1)
    calendar = _range(
        weeks_low + (hiring.low if hiring else 0), weeks_high + (hiring.high if hiring else 0), 1
    )
    cost = _range(cost_low, cost_high, -2)
    notes = _past_mvp(profile, knowledge)
    run_rate = None
    scope_note = None
    quote: str | None = article_quote(stack_id, knowledge)
    if notes:
        run_rate, cost, calendar, budget, deadline, scope_note = _run_rate(
            stack_id, profile, knowledge, hosting_eur_month, notes
        )
        quote = None  # an MVP's price says nothing here, not even the article's
    else:
        per_person_week = size * weekly / pace * work
        budget = _budget_verdict(
            cost,
            profile.budget_eur,
            per_person_week,
            f"each costs about {_eur(per_person_week)} with this team",
            "cheaper developer-weeks: another region"
            if salaried(profile)
            else "cheaper developer-weeks: another region, or salaried developers where "
            "contractors were priced",
        )
        deadline = _deadline_verdict(
            calendar, profile.deadline_weeks, effort, stack_id, profile, knowledge, hiring
        )
    return Estimate(
        stack=stack_id,
        cost_eur=cost,
        weeks=calendar,
        person_weeks=person_weeks,
        hours=_range(person_weeks.low * paid_hours, person_weeks.high * paid_hours),
        rate_eur_per_hour=Range(
            low=region.rates[stack.family].low, high=region.rates[stack.family].high
        ),
        rate_used_eur_per_hour=None
        if salaried(profile)
        else hourly_rate(stack.family, profile, knowledge),
        effort_person_weeks=_range(effort.low, effort.high, 1),
        hiring_weeks=None if hiring is None else Range(low=hiring.low, high=hiring.high),
        engagement="salaried" if salaried(profile) else "contracted",
        week_cost_eur=round(weekly),
        article_quote=quote,
        run_rate=run_rate,
        hybrid_extra_eur=extra,
        within_mvp_scope=not notes,
        scope_note=scope_note,
        assumptions=tuple(assumptions),
        budget=budget,
        deadline=deadline,
    )


def _missed(
    limit: float,
    noun: str,
    shown: str,
    by: str,
    tight: bool,
    closers: Sequence[str],
    gap: float,
) -> Budget:
    """A budget or deadline the estimate passes: by how much, at which end, and what would
    close the gap."""
    text = (
        f"Tight: the upper end passes the {noun} of {shown} by {by}."
        if tight
        else f"Over: even the lower end passes the {noun} of {shown} by {by}."
    )
    return Budget(
        limit=limit,
        verdict="tight" if tight else "over",
        text=text + " To close it: " + "; or ".join(closers) + ".",
        gap=gap,
        closers=tuple(closers),
    )
