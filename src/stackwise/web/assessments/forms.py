"""The questionnaire form: every profile field, validated by the advisor's own profile model."""

from __future__ import annotations

from typing import Any

from django import forms

from stackwise.advisor import HELP, LABELS, ProfileError, ProjectProfile, parse_profile
from stackwise.advisor.profile import AiLater, Deployment, Language, Need, Product
from stackwise.web.text_input import refuse_control_characters

# Profile field path -> form field name, so the advisor's errors land next to their input.
FORM_FIELDS = {
    "name": "name",
    "product": "product",
    "needs": "needs",
    "team.languages": "team_languages",
    "team.size": "team_size",
    "team.fullstack_js": "team_fullstack_js",
    "deployment": "deployment",
    "ai_later": "ai_later",
    "scale.peak_rps": "scale_peak_rps",
    "scale.concurrent_connections": "scale_concurrent_connections",
    "region": "region",
    "budget_eur": "budget_eur",
    "deadline_weeks": "deadline_weeks",
}

# The questionnaire's steps, in the order a person thinks about a project.
STEPS = (
    ("The product", ("name", "product", "needs", "ai_later")),
    ("The team", ("team_languages", "team_size", "team_fullstack_js")),
    ("Deployment and scale", ("deployment", "scale_peak_rps", "scale_concurrent_connections")),
    ("Budget and time", ("region", "budget_eur", "deadline_weeks")),
)


def _choices(kind: str, values: list[str]) -> list[tuple[str, str]]:
    return [(value, LABELS[kind][value][0].upper() + LABELS[kind][value][1:]) for value in values]


class AssessmentForm(forms.Form):
    """What the questionnaire asks; `profile()` turns the answers into a ProjectProfile."""

    name = forms.CharField(
        max_length=200,
        required=False,
        help_text=HELP["name"],
        validators=[refuse_control_characters],
    )
    product = forms.ChoiceField(
        choices=_choices("product", [p.value for p in Product]),
        widget=forms.RadioSelect,
        help_text=HELP["product"],
    )
    needs = forms.MultipleChoiceField(
        choices=_choices("needs", [n.value for n in Need]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=HELP["needs"],
    )
    ai_later = forms.ChoiceField(
        choices=_choices("ai_later", [a.value for a in AiLater]),
        widget=forms.RadioSelect,
        initial="no",
        label="AI later",
        help_text=HELP["ai_later"],
    )
    team_languages = forms.MultipleChoiceField(
        choices=_choices("languages", [lang.value for lang in Language]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Languages the team writes",
        help_text=HELP["team.languages"],
    )
    team_size = forms.IntegerField(
        min_value=1, max_value=500, initial=1, label="Team size", help_text=HELP["team.size"]
    )
    team_fullstack_js = forms.BooleanField(
        required=False,
        label="One language across front and back end",
        help_text=HELP["team.fullstack_js"],
    )
    deployment = forms.ChoiceField(
        choices=_choices("deployment", [d.value for d in Deployment]),
        widget=forms.RadioSelect,
        initial="containers",
        help_text=HELP["deployment"],
    )
    scale_peak_rps = forms.IntegerField(
        min_value=0,
        required=False,
        label="Peak requests per second",
        help_text=HELP["scale.peak_rps"],
    )
    scale_concurrent_connections = forms.IntegerField(
        min_value=0,
        required=False,
        label="Concurrent connections",
        help_text=HELP["scale.concurrent_connections"],
    )
    region = forms.ChoiceField(choices=[], initial="western_europe", help_text=HELP["region"])
    budget_eur = forms.IntegerField(
        min_value=0, required=False, label="Budget (EUR)", help_text=HELP["budget_eur"]
    )
    deadline_weeks = forms.IntegerField(
        min_value=1,
        max_value=520,
        required=False,
        label="Deadline (weeks)",
        help_text=HELP["deadline_weeks"],
    )

    def __init__(self, *args: Any, regions: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = list(regions.items())

    def steps(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields grouped into the questionnaire's steps."""
        return [(title, [self[name] for name in names]) for title, names in STEPS]

    def profile_data(self) -> dict[str, Any]:
        """The cleaned answers as profile data (the shape of a profile file)."""
        c = self.cleaned_data
        data: dict[str, Any] = {
            "name": c["name"],
            "product": c["product"],
            "needs": c["needs"],
            "team": {
                "languages": c["team_languages"],
                "size": c["team_size"],
                "fullstack_js": c["team_fullstack_js"],
            },
            "deployment": c["deployment"],
            "ai_later": c["ai_later"],
            "scale": {
                "peak_rps": c["scale_peak_rps"],
                "concurrent_connections": c["scale_concurrent_connections"],
            },
            "region": c["region"],
            "budget_eur": c["budget_eur"],
            "deadline_weeks": c["deadline_weeks"],
        }
        return data

    def profile(self) -> ProjectProfile | None:
        """The validated profile, or None with the advisor's errors attached to their fields."""
        try:
            return parse_profile(self.profile_data())
        except ProfileError as exc:
            for problem in exc.problems:
                field = FORM_FIELDS.get(
                    problem.field.split(".")[0]
                    if problem.field.startswith("needs")
                    else problem.field
                )
                self.add_error(field, problem.message)
            return None

    @staticmethod
    def initial_from(profile: dict[str, Any]) -> dict[str, Any]:
        """Form initial values from a stored profile, for "change my answers"."""
        team = profile.get("team", {})
        scale = profile.get("scale", {})
        return {
            "name": profile.get("name", ""),
            "product": profile.get("product"),
            "needs": profile.get("needs", []),
            "ai_later": profile.get("ai_later", "no"),
            "team_languages": team.get("languages", []),
            "team_size": team.get("size", 1),
            "team_fullstack_js": team.get("fullstack_js", False),
            "deployment": profile.get("deployment", "containers"),
            "scale_peak_rps": scale.get("peak_rps"),
            "scale_concurrent_connections": scale.get("concurrent_connections"),
            "region": profile.get("region", "western_europe"),
            "budget_eur": profile.get("budget_eur"),
            "deadline_weeks": profile.get("deadline_weeks"),
        }
