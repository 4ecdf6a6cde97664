"""Which single change of answer would change the top pick, said in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from stackwise.advisor.profile import (
    LABELS,
    AiLater,
    Deployment,
    Need,
    Product,
    ProjectProfile,
)
from stackwise.advisor.recommendation import Flip

# Team compositions worth trying: the common shapes of a team, not every subset.
TEAM_SHAPES: tuple[tuple[str, ...], ...] = (
    ("python",),
    ("javascript", "typescript"),
    ("python", "typescript"),
)


def _team_phrase(languages: tuple[str, ...]) -> str:
    if set(languages) <= {"javascript", "typescript"}:
        return "with a JavaScript/TypeScript-only team"
    names = [LABELS["languages"][lang] for lang in languages]
    return "with a team that writes " + " and ".join(names)


def variations(profile: ProjectProfile) -> Iterator[tuple[str, Any, str, dict[str, Any]]]:
    """Every single-answer change worth trying: (field, new value, phrase, changed profile data)."""
    data = profile.to_data()
    for product in Product:
        if product is not profile.product:
            phrase = f"if the product were {LABELS['product'][product.value]}"
            yield "product", product.value, phrase, {**data, "product": product.value}
    for need in Need:
        label = LABELS["needs"][need.value]
        if profile.has(need):
            needs = [n for n in data["needs"] if n != need.value]
            yield "needs", needs, f"without {label}", {**data, "needs": needs}
        else:
            needs = [*data["needs"], need.value]
            yield "needs", needs, f"if the backend also needed {label}", {**data, "needs": needs}
    current = tuple(lang.value for lang in profile.team.languages)
    for shape in TEAM_SHAPES:
        if set(shape) != set(current):
            team = {**data["team"], "languages": list(shape)}
            yield "team.languages", list(shape), _team_phrase(shape), {**data, "team": team}
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
            phrase = f"deployed on {LABELS['deployment'][deployment.value]}"
            yield "deployment", deployment.value, phrase, {**data, "deployment": deployment.value}
    for ai_later in AiLater:
        if ai_later is not profile.ai_later:
            phrase = f"with {LABELS['ai_later'][ai_later.value]}"
            yield "ai_later", ai_later.value, phrase, {**data, "ai_later": ai_later.value}


def find_flips(
    profile: ProjectProfile,
    top: str,
    top_of: Callable[[ProjectProfile], str],
    names: dict[str, str],
) -> list[Flip]:
    """The single changes under which another stack would come first."""
    flips = []
    for field, value, phrase, changed in variations(profile):
        new_top = top_of(ProjectProfile.model_validate(changed))
        if new_top != top:
            text = f"{phrase[0].upper()}{phrase[1:]}, {names[new_top]} would rank first instead of {names[top]}."
            flips.append(Flip(field=field, value=value, top=new_top, text=text))
    return flips
