"""What each stack costs over the knowledge's horizon: the first version, hosting at the load,
the hand-written SQL of a faster data access, and the team's learning of a language it does not
write. A language change is weighed in these totals, never by a score alone, and the load at
which they cross is named."""

from __future__ import annotations

from stackwise.advisor.estimate import knows_family, midpoints, week_cost
from stackwise.advisor.performance import CapacityModel, Load, Switching
from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import HorizonTotal
from stackwise.knowledge.models import Knowledge, Span

WEEKS_PER_MONTH = 52 / 12
CROSSING_STEP = 1.5  # the grid the crossing search walks before it bisects


def _mid(span: Span) -> float:
    return (span.low + span.high) / 2


def learning_cost(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """What the team pays to learn the stack's language: months of reduced pace per developer x
    the pace lost x the team x a developer-month at the region's rate; 0 in its own family."""
    family = knowledge.stacks[stack_id].family
    if knows_family(profile, family):
        return 0.0
    figures = knowledge.costs.economics
    month = week_cost(family, profile, knowledge) * WEEKS_PER_MONTH
    lost = _mid(figures.learning_months) * figures.learning_pace_loss.value
    return lost * profile.team.size * month


def raw_sql_cost(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """The one-off work of moving a stack's hot paths onto its raw SQL driver, in EUR."""
    family = knowledge.stacks[stack_id].family
    weeks = _mid(knowledge.costs.economics.raw_sql_person_weeks)
    return weeks * week_cost(family, profile, knowledge)


def switching(profile: ProjectProfile, knowledge: Knowledge) -> Switching:
    """The profile's learning and hand-written-SQL costs per stack, for the capacity model."""
    return Switching(
        horizon_months=knowledge.costs.economics.horizon_months.value,
        raw_sql_eur={s: raw_sql_cost(s, profile, knowledge) for s in knowledge.stacks},
        learning_eur={s: learning_cost(s, profile, knowledge) for s in knowledge.stacks},
    )


def build_cost(stack_id: str, profile: ProjectProfile, knowledge: Knowledge) -> float:
    """The first version at the middle of its estimate, at the stack's own pace: where the team
    does not write the language, the estimate's familiarity factor is taken out, as the
    learning is counted once, in `learning_cost`."""
    cost, _ = midpoints(stack_id, profile, knowledge)
    if not knows_family(profile, knowledge.stacks[stack_id].family):
        cost /= knowledge.costs.unfamiliar_language_factor.value
    return cost


def _builds(profile: ProjectProfile, knowledge: Knowledge) -> list[float]:
    return [
        build_cost(s, profile, knowledge) + learning_cost(s, profile, knowledge)
        for s in knowledge.stacks
    ]


def horizon_totals(
    model: CapacityModel, load: Load, profile: ProjectProfile, knowledge: Knowledge
) -> list[HorizonTotal]:
    """Every stack's total over the horizon at the profile's load, cheapest first."""
    months = knowledge.costs.economics.horizon_months.value
    out = []
    for stack in knowledge.stacks:
        need = model.need(stack, load.peak_rps, load.connections)
        build = build_cost(stack, profile, knowledge)
        hosting = need.eur_per_month * months
        learning = learning_cost(stack, profile, knowledge)
        out.append(
            HorizonTotal(
                stack=stack,
                build_eur=round(build, -2),
                hosting_eur=round(hosting, -2),
                raw_sql_eur=round(need.one_off_eur, -2),
                learning_eur=round(learning, -2),
                total_eur=round(build + hosting + need.one_off_eur + learning, -2),
                data_access=need.data_access,
            )
        )
    return sorted(out, key=lambda t: t.total_eur)


def _gap(
    model: CapacityModel,
    rps: float,
    connections: float,
    fixed: list[float],
    own: list[bool],
    months: float,
) -> float:
    """The team's cheapest own-family total minus the cheapest other-family total at a load:
    above zero, another language is cheaper over the horizon, learning included."""
    monthly = model.monthly(rps, connections, [0.5] * len(fixed))
    totals = [f + m * months for f, m in zip(fixed, monthly, strict=True)]
    mine = min(t for t, o in zip(totals, own, strict=True) if o)
    other = min(t for t, o in zip(totals, own, strict=True) if not o)
    return mine - other


def crossing_load(
    model: CapacityModel,
    load: Load,
    profile: ProjectProfile,
    knowledge: Knowledge,
    highest: float,
) -> float | None:
    """The lowest peak load (req/s, at the profile's connections) from which a stack in a
    language the team does not write costs less over the horizon than its own family's
    cheapest; None when the team writes both, neither, or the totals do not cross up to
    `highest`."""
    own = [knows_family(profile, knowledge.stacks[s].family) for s in knowledge.stacks]
    if all(own) or not any(own):
        return None
    fixed = _builds(profile, knowledge)
    months = knowledge.costs.economics.horizon_months.value

    def gap(rps: float) -> float:
        return _gap(model, rps, load.connections, fixed, own, months)

    if gap(1.0) > 0:
        return 1.0
    previous, candidate = 1.0, CROSSING_STEP
    while candidate <= highest * CROSSING_STEP:
        candidate = min(candidate, highest)
        if gap(candidate) > 0:
            low, high = previous, candidate
            while high - low > max(1.0, low * 0.005):
                middle = (low + high) / 2
                low, high = (low, middle) if gap(middle) > 0 else (middle, high)
            return round(high)
        if candidate >= highest:
            return None
        previous, candidate = candidate, candidate * CROSSING_STEP
    return None


def move_words(
    stack_id: str, profile: ProjectProfile, knowledge: Knowledge, cross: float | None
) -> str:
    """What moving the team to the stack's language would cost, for a flip that would move it
    there; with the load at which the totals over the horizon cross, where known. Empty when
    the team already writes the language."""
    learning = learning_cost(stack_id, profile, knowledge)
    if not learning:
        return ""
    figures = knowledge.costs.economics
    months = figures.learning_months
    size = profile.team.size
    language = knowledge.stacks[stack_id].language
    words = (
        f" Moving the team{f' of {size}' if size > 1 else ''} to {language} costs about "
        f"EUR {learning:,.0f} in learning ({months.low:g}-{months.high:g} months of reduced "
        f"pace per developer)"
    )
    years = figures.horizon_months.value / 12
    if cross is None:
        return words + f"; over {years:g} years it does not pay for itself at any load."
    if cross <= 1:
        return words + f"; over {years:g} years the other language costs less at any load."
    return words + f"; over {years:g} years it pays for itself from {cross:,.0f} req/s at peak."
