"""What-if on the result page: the answers that most often move a result (load, the team's
languages, own or hosted AI models, budget, deadline, region) as a small form beside it, and the
pick, cost and time before and after. Nothing is stored: the stored result stays as it was made,
and "Change my answers" keeps a changed profile for good."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from stackwise.advisor import ProfileError, parse_profile
from stackwise.advisor.profile import AiModels, Language
from stackwise.advisor.profile_fields import answer_of, set_answer
from stackwise.advisor.recommendation import Estimate, Recommendation
from stackwise.web.assessments.hero import pick_title, verdict
from stackwise.web.knowledge import advice, regions

# Form field -> the profile path it changes.
PATHS = {
    "peak_rps": "scale.peak_rps",
    "languages": "team.languages",
    "ai_models": "ai_models",
    "budget_eur": "budget_eur",
    "deadline_weeks": "deadline_weeks",
    "region": "region",
}


class TryChangeForm(forms.Form):
    peak_rps = forms.IntegerField(
        label="Peak load (requests a second)", required=False, min_value=1, max_value=10_000_000
    )
    languages = forms.MultipleChoiceField(
        label="Languages the team writes",
        required=False,
        choices=[(lang.value, lang.label) for lang in Language],
        widget=forms.CheckboxSelectMultiple,
    )
    ai_models = forms.ChoiceField(label="AI models", choices=[(m.value, m.label) for m in AiModels])
    budget_eur = forms.IntegerField(
        label="Budget (EUR)", required=False, min_value=0, max_value=1_000_000_000
    )
    deadline_weeks = forms.IntegerField(
        label="Deadline (weeks)", required=False, min_value=1, max_value=520
    )
    region = forms.ChoiceField(label="Where the developers are", choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = list(regions().items())


def initial_answers(recommendation: Recommendation) -> dict[str, Any]:
    """The stored profile's answers, as the form starts."""
    data = recommendation.profile.to_data()
    return {name: answer_of(data, path) for name, path in PATHS.items()}


@dataclass(frozen=True)
class Outcome:
    """The same result's pick, cost and time before and after the change."""

    before_pick: str
    after_pick: str
    before: Estimate
    after: Estimate
    moved: bool  # the pick changed

    def verdicts(self, which: str) -> tuple[str, str]:
        """The budget's (or deadline's) verdict before and after, in a phrase each."""
        unit = "eur" if which == "budget" else "weeks"

        def phrase(estimate: Estimate) -> str:
            found = verdict(getattr(estimate, which), unit)
            return found.phrase if found else "not given"

        return phrase(self.before), phrase(self.after)

    @property
    def budget(self) -> tuple[str, str]:
        return self.verdicts("budget")

    @property
    def deadline(self) -> tuple[str, str]:
        return self.verdicts("deadline")

    @property
    def same(self) -> bool:
        return (
            not self.moved
            and self.before.cost_eur == self.after.cost_eur
            and self.before.weeks == self.after.weeks
        )


def try_change(recommendation: Recommendation, form: TryChangeForm) -> Outcome | None:
    """The advice for the stored profile with the form's answers; None (with the form's error
    named) when the changed profile is not one the advisor accepts."""
    data = recommendation.profile.to_data()
    for name, path in PATHS.items():
        value = form.cleaned_data.get(name)
        if name == "languages":
            value = list(value or [])
        elif value in ("", None):
            value = None
        set_answer(data, path, value)
    try:
        changed = advice(parse_profile(data))
    except ProfileError as exc:
        form.add_error(None, f"These answers do not make a profile: {exc}")
        return None
    return Outcome(
        before_pick=pick_title(recommendation),
        after_pick=pick_title(changed),
        before=recommendation.estimate,
        after=changed.estimate,
        moved=changed.top != recommendation.top,
    )
