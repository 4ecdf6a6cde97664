"""What would change the pick or its architecture: single answers, and the load, deadline, budget
and team size at which it would change, said in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from stackwise.advisor.profile import AiLater, Deployment, Language, Need, ProjectProfile
from stackwise.advisor.profile_fields import profile_field
from stackwise.advisor.recommendation import Flip
from stackwise.advisor.scoring import Scored, familiarity_scale
from stackwise.knowledge.models import Knowledge

# Team compositions worth trying: the common shapes of a team, not every subset.
TEAM_SHAPES: tuple[tuple[Language, ...], ...] = (
    (Language.python,),
    (Language.javascript, Language.typescript),
    (Language.python, Language.typescript),
)
MAX_PEAK_RPS = profile_field("scale.peak_rps").span()[1]
TEAM_SIZES = profile_field("team.size").span()
LOAD_STEP = 1.5  # the grid the load search walks before it bisects
MAX_DEADLINE_WEEKS = 104
TEAM_STEPS = 3  # developers more or fewer to try


@dataclass(frozen=True)
class Outcome:
    """What a flip compares: the top stack and whether it is a hybrid (and with what)."""

    top: str
    architecture: Literal["single", "hybrid"]
    service: str | None = None


def _team_phrase(languages: tuple[Language, ...]) -> str:
    if set(languages) <= {Language.javascript, Language.typescript}:
        return "with a JavaScript/TypeScript-only team"
    names = [lang.label for lang in languages]
    return "with a team that writes " + " and ".join(names)


def variations(profile: ProjectProfile) -> Iterator[tuple[str, Any, str, dict[str, Any]]]:
    """Every single-answer change worth trying: (field, new value, phrase, changed profile data).
    The product kind is not one: a team does not change what it builds to suit a stack."""
    data = profile.to_data()
    for need in Need:
        label = need.label
        if profile.has(need):
            needs = [n for n in data["needs"] if n != need.value]
            yield "needs", needs, f"without {label}", {**data, "needs": needs}
        else:
            needs = [*data["needs"], need.value]
            yield "needs", needs, f"if the backend also needed {label}", {**data, "needs": needs}
    current = tuple(lang.value for lang in profile.team.languages)
    for shape in TEAM_SHAPES:
        if set(shape) != set(current):
            languages = [lang.value for lang in shape]
            team = {**data["team"], "languages": languages}
            if shape:  # a team that writes a language is one already hired
                team["hiring"] = False
            yield "team.languages", languages, _team_phrase(shape), {**data, "team": team}
    fullstack = not profile.team.fullstack_js
    phrase = (
        "if you wanted one language across front and back end"
        if fullstack
        else "if front and back end did not need to share a language"
    )
    team = {**data["team"], "fullstack_js": fullstack}
    yield "team.fullstack_js", fullstack, phrase, {**data, "team": team}
    for deployment in Deployment:
        if deployment is not profile.deployment:
            phrase = f"deployed on {deployment.label}"
            yield "deployment", deployment.value, phrase, {**data, "deployment": deployment.value}
    for ai_later in AiLater:
        if ai_later is not profile.ai_later:
            phrase = f"with {ai_later.label}"
            yield "ai_later", ai_later.value, phrase, {**data, "ai_later": ai_later.value}


def _article(word: str) -> str:
    return "an" if word[0] in "AEIOU" else "a"


def _sentence(phrase: str, now: Outcome, then: Outcome, names: dict[str, str]) -> str:
    start = f"{phrase[0].upper()}{phrase[1:]}"
    if then.top != now.top:
        return f"{start}, {names[then.top]} would rank first instead of {names[now.top]}."
    if then.architecture == "hybrid" and then.service is not None:
        return (
            f"{start}, a hybrid would be advised: {names[then.top]} with "
            f"{_article(names[then.service])} {names[then.service]} service."
        )
    return f"{start}, {names[now.top]} alone would be advised instead of the hybrid."


def _flip(
    field: str, value: Any, phrase: str, now: Outcome, then: Outcome, names: dict[str, str]
) -> Flip:
    return Flip(
        field=field,
        value=value,
        top=then.top,
        architecture=then.architecture,
        text=_sentence(phrase, now, then, names),
    )


def answer_flips(
    profile: ProjectProfile,
    now: Outcome,
    outcome_of: Callable[[ProjectProfile], Outcome],
    names: dict[str, str],
) -> list[Flip]:
    """The single changes of answer under which the pick or its architecture would change."""
    flips = []
    for field, value, phrase, changed in variations(profile):
        then = outcome_of(ProjectProfile.model_validate(changed))
        if (then.top, then.architecture) != (now.top, now.architecture):
            flips.append(_flip(field, value, phrase, now, then, names))
    return flips


def load_flips(scored: Scored, stacks: list[str], top: str, names: dict[str, str]) -> list[Flip]:
    """The nearest peak load above and below the profile's at which another stack ranks first."""
    kernel, load = scored.kernel, scored.load
    if kernel.capacity is None or load is None or kernel.performance < 0:
        return []  # raw performance is not measured here, or carries no weight
    medians = [0.5] * len(stacks)

    def top_at(rps: float) -> str:
        return kernel.top(kernel.totals(capacity=(rps, load.connections, medians)))

    flips = []
    current = max(load.peak_rps, 1.0)
    for direction in (1, -1):
        previous = current
        candidate = current * (1.01 if direction > 0 else 0.99)
        while 1 <= candidate <= MAX_PEAK_RPS:
            if top_at(candidate) != top:
                low, high = sorted((previous, candidate))
                inside_is_top = direction > 0  # the pick holds at `low` going up, at `high` down
                while high - low > max(1.0, low * 0.005):
                    middle = (low + high) / 2
                    if (top_at(middle) == top) == inside_is_top:
                        low = middle
                    else:
                        high = middle
                threshold = round(high if direction > 0 else low)
                other = top_at(high if direction > 0 else low)
                word = "Above" if direction > 0 else "Below"
                flips.append(
                    Flip(
                        field="scale.peak_rps",
                        value=threshold,
                        top=other,
                        text=f"{word} {threshold:,} req/s at peak, {names[other]} would rank "
                        f"first instead of {names[top]}.",
                    )
                )
                break
            previous = candidate
            candidate = candidate * LOAD_STEP if direction > 0 else candidate / LOAD_STEP
    return flips


def deadline_flips(
    scored: Scored, profile: ProjectProfile, knowledge: Knowledge, top: str, names: dict[str, str]
) -> list[Flip]:
    """The nearest deadline shorter or longer than the profile's at which the pick changes."""
    deadline = profile.deadline_weeks
    if deadline is None or not any(o.rule.kind == "familiarity" for o in scored.fired):
        return []
    figures = knowledge.costs.familiarity
    kernel = scored.kernel

    def top_at(weeks: int) -> str:
        rescale = familiarity_scale(weeks, profile.team.size, figures) / scored.team_scale
        return kernel.top(kernel.totals(team_rescale=rescale))

    flips = []
    for weeks in range(deadline - 1, 0, -1):
        if (other := top_at(weeks)) != top:
            flips.append(
                Flip(
                    field="deadline_weeks",
                    value=weeks,
                    top=other,
                    text=f"With a deadline of {weeks} weeks or less, {names[other]} would rank "
                    f"first instead of {names[top]}.",
                )
            )
            break
    for weeks in range(deadline + 1, MAX_DEADLINE_WEEKS + 1):
        if (other := top_at(weeks)) != top:
            flips.append(
                Flip(
                    field="deadline_weeks",
                    value=weeks,
                    top=other,
                    text=f"With a deadline of {weeks} weeks or more, {names[other]} would rank "
                    f"first instead of {names[top]}.",
                )
            )
            break
    return flips


def team_size_flips(
    profile: ProjectProfile,
    now: Outcome,
    outcome_of: Callable[[ProjectProfile], Outcome],
    names: dict[str, str],
) -> list[Flip]:
    """The fewest developers more or fewer that would change the pick or its architecture."""
    data = profile.to_data()
    size = profile.team.size
    flips = []
    for step in (1, -1):
        for count in range(1, TEAM_STEPS + 1):
            new_size = size + step * count
            if not TEAM_SIZES[0] <= new_size <= TEAM_SIZES[1]:
                break
            changed = {**data, "team": {**data["team"], "size": new_size}}
            then = outcome_of(ProjectProfile.model_validate(changed))
            if (then.top, then.architecture) != (now.top, now.architecture):
                if step > 0:
                    phrase = f"with {count} more developer{'s' if count > 1 else ''}"
                else:
                    phrase = f"with {count} developer{'s' if count > 1 else ''} fewer"
                flips.append(_flip("team.size", new_size, phrase, now, then, names))
                break
    return flips


def budget_flip(
    profile: ProjectProfile,
    now: Outcome,
    floor: float | None,
    hybrid_if_affordable: Outcome | None,
    names: dict[str, str],
) -> list[Flip]:
    """The budget at which the hybrid stops (or starts) fitting: its floor."""
    if floor is None:
        return []
    shown = f"EUR {floor:,.0f}"
    if now.architecture == "hybrid":
        then = Outcome(now.top, "single")
        return [_flip("budget_eur", floor, f"with a budget under {shown}", now, then, names)]
    if hybrid_if_affordable is not None:
        phrase = f"with a budget of {shown} or more"
        return [_flip("budget_eur", floor, phrase, now, hybrid_if_affordable, names)]
    return []
