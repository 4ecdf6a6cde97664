"""The questionnaire form: its steps, its answers in plain words, and the profile they make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

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


@dataclass(frozen=True)
class Step:
    """One screen of the questionnaire."""

    title: str
    intro: str
    fields: tuple[str, ...]


STEPS = (
    Step(
        "Your product",
        "What you are building. Only the kind of product is required.",
        ("name", "product", "needs", "ai_later"),
    ),
    Step(
        "Your team",
        "Who will build it. No developers yet is a fine answer.",
        ("team_status", "team_languages", "team_size", "team_fullstack_js"),
    ),
    Step(
        "Where it runs and how busy it gets",
        "Rough figures are enough; choose not sure where you have no idea yet.",
        (
            "deployment",
            "scale_peak_rps_estimate",
            "scale_peak_rps",
            "scale_connections_estimate",
            "scale_concurrent_connections",
        ),
    ),
    Step(
        "Budget and time",
        "Leave these empty if they are open; the estimate is shown either way.",
        ("region", "budget_eur", "deadline_weeks"),
    ),
)

NOT_SURE = "unsure"
# Rough load estimates a founder can recognise: (requests per second, what that looks like).
PEAK_RPS_ESTIMATES = (
    (10, "About 10 requests a second: a new product, a few thousand visitors a day"),
    (100, "About 100: tens of thousands of active users a day"),
    (1_000, "About 1,000: hundreds of thousands of users a day, or a busy public API"),
    (10_000, "About 10,000: millions of users a day"),
)
CONNECTION_ESTIMATES = (
    (0, "None: no live updates, chat or streaming"),
    (100, "About 100 people connected at once"),
    (1_000, "About 1,000 at once: a busy live dashboard or chat"),
    (10_000, "About 10,000 at once: a large chat or multiplayer product"),
    (100_000, "About 100,000 or more at once"),
)
NO_DEVELOPERS = "none"


def _choices(kind: str, values: list[str]) -> list[tuple[str, str]]:
    return [(value, LABELS[kind][value][0].upper() + LABELS[kind][value][1:]) for value in values]


def _estimate_choices(estimates: tuple[tuple[int, str], ...]) -> list[tuple[str, str]]:
    return [(NOT_SURE, "Not sure yet"), *((str(value), text) for value, text in estimates)]


def _whole_number(
    what: str, label: str, help_text: str, low: int, high: int, example: int
) -> forms.IntegerField:
    """An optional whole-number answer whose errors all read the same way."""
    message = f"Enter {what} as a whole number from {low:,} to {high:,}, like {example:,}."
    return forms.IntegerField(
        min_value=low,
        max_value=high,
        required=False,
        label=label,
        help_text=help_text,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


def _pick(
    label: str, choices: list[tuple[str, str]], help_text: str, *, required: bool = False
) -> forms.ChoiceField:
    """A one-of answer with nothing chosen in advance."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Choose {label.lower()}.",
            "invalid_choice": f"Choose one of the listed answers for {label.lower()}.",
        },
    )


class AssessmentForm(forms.Form):
    """What the questionnaire asks; `profile()` turns the answers into a ProjectProfile."""

    name = forms.CharField(
        max_length=200,
        required=False,
        label="Project name",
        help_text=HELP["name"],
        validators=[refuse_control_characters],
        error_messages={"max_length": "Keep the project name under 200 characters."},
    )
    product = _pick(
        "The kind of product",
        _choices("product", [p.value for p in Product]),
        HELP["product"],
        required=True,
    )
    needs = forms.MultipleChoiceField(
        choices=_choices("needs", [n.value for n in Need]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="What the backend must do from the start",
        help_text="Tick all that apply, or none.",
        error_messages={"invalid_choice": "Choose only the listed needs."},
    )
    ai_later = _pick(
        "AI features later", _choices("ai_later", [a.value for a in AiLater]), HELP["ai_later"]
    )
    team_status = _pick(
        "Who will build it",
        [
            ("developers", "We have developers"),
            (NO_DEVELOPERS, "No developers yet: we will hire or contract them"),
        ],
        "With no developers yet, skip the languages: the advisor then weighs the stacks "
        "on their own merits, and the team size is how many you plan to hire.",
    )
    team_languages = forms.MultipleChoiceField(
        choices=_choices("languages", [lang.value for lang in Language]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Languages the team writes",
        help_text=HELP["team.languages"],
        error_messages={"invalid_choice": "Choose only the listed languages."},
    )
    team_size = _whole_number("the number of developers", "Team size", HELP["team.size"], 1, 500, 3)
    team_fullstack_js = forms.BooleanField(
        required=False,
        label="One language across front and back end",
        help_text=HELP["team.fullstack_js"],
    )
    deployment = _pick(
        "Where it will run",
        _choices("deployment", [d.value for d in Deployment]),
        "Not sure? Leave it: containers are assumed, the most common choice.",
    )
    scale_peak_rps_estimate = _pick(
        "Busiest moment, in requests per second",
        _estimate_choices(PEAK_RPS_ESTIMATES),
        "Each page view or app screen is a handful of requests. Most new products stay under "
        "100 a second in their first year, which one small server handles on any of the stacks.",
    )
    scale_peak_rps = _whole_number(
        "the peak requests per second",
        "Or your own figure (requests per second)",
        "A figure typed here is used instead of the choice above.",
        0,
        10_000_000,
        200,
    )
    scale_connections_estimate = _pick(
        "People connected at the same time",
        _estimate_choices(CONNECTION_ESTIMATES),
        "Only live features keep a connection open: chat, live dashboards, multiplayer, "
        "notifications pushed as they happen. Plain pages and API calls do not count.",
    )
    scale_concurrent_connections = _whole_number(
        "the number of open connections",
        "Or your own figure (open connections)",
        "A figure typed here is used instead of the choice above.",
        0,
        100_000_000,
        500,
    )
    region = forms.ChoiceField(
        choices=[],
        initial="western_europe",
        required=False,
        label="Where the developers are hired",
        help_text=HELP["region"],
        error_messages={"invalid_choice": "Choose one of the listed regions."},
    )
    budget_eur = _whole_number(
        "the budget in euros", "Budget (EUR)", HELP["budget_eur"], 0, 100_000_000, 9000
    )
    deadline_weeks = _whole_number(
        "the deadline in weeks", "Deadline (weeks)", HELP["deadline_weeks"], 1, 520, 8
    )

    def __init__(self, *args: Any, regions: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = list(regions.items())

    def step_fields(self, index: int) -> list[forms.BoundField]:
        """The bound fields of one step."""
        return [self[name] for name in STEPS[index].fields]

    def steps_with_errors(self) -> list[int]:
        """The steps holding a field error, in order (validates the form if needed)."""
        return [
            i for i, step in enumerate(STEPS) if any(name in self.errors for name in step.fields)
        ]

    def keep_errors_of(self, steps: set[int]) -> None:
        """Forget field errors outside these steps: they are not on screen, so not reported."""
        shown = {name for i in steps for name in STEPS[i].fields}
        for name in [n for n in self.errors if n != NON_FIELD_ERRORS]:
            if name not in shown:
                del self.errors[name]

    def error_links(self) -> list[tuple[str, str]]:
        """Each field error as (the id of the input to jump to, the message)."""
        links = [("", str(message)) for message in self.non_field_errors()]
        for step in STEPS:
            for name in step.fields:
                for message in self.errors.get(name, []):
                    field = self[name]
                    target = field.subwidgets[0].id_for_label if field.subwidgets else field.auto_id
                    links.append((target or field.auto_id, str(message)))
        return links

    def profile_data(self) -> dict[str, Any]:
        """The cleaned answers as profile data (the shape of a profile file); unanswered
        questions are left out, so the profile's own defaults apply."""
        c = self.cleaned_data
        team: dict[str, Any] = {"fullstack_js": c["team_fullstack_js"]}
        if c["team_status"] == NO_DEVELOPERS:
            team["hiring"] = True
        else:
            team["languages"] = c["team_languages"]
        if c["team_size"] is not None:
            team["size"] = c["team_size"]
        data: dict[str, Any] = {
            "name": c["name"],
            "product": c["product"],
            "needs": c["needs"],
            "team": team,
            "scale": {
                "peak_rps": _figure(c["scale_peak_rps"], c["scale_peak_rps_estimate"]),
                "concurrent_connections": _figure(
                    c["scale_concurrent_connections"], c["scale_connections_estimate"]
                ),
            },
            "budget_eur": c["budget_eur"],
            "deadline_weeks": c["deadline_weeks"],
        }
        for optional in ("deployment", "ai_later", "region"):
            if c[optional]:
                data[optional] = c[optional]
        return data

    def profile(self) -> ProjectProfile | None:
        """The validated profile, or None with the advisor's errors attached to their fields."""
        try:
            return parse_profile(self.profile_data())
        except ProfileError as exc:
            for problem in exc.problems:
                path = problem.field.split(".")[0] if problem.field.startswith("needs") else None
                self.add_error(FORM_FIELDS.get(path or problem.field), problem.message)
            return None

    @staticmethod
    def initial_from(profile: dict[str, Any]) -> dict[str, Any]:
        """Form initial values from a stored profile, for "change my answers"."""
        team = profile.get("team", {})
        scale = profile.get("scale", {})
        peak_estimate, peak = _estimate_of(scale.get("peak_rps"), PEAK_RPS_ESTIMATES)
        conn_estimate, conns = _estimate_of(
            scale.get("concurrent_connections"), CONNECTION_ESTIMATES
        )
        return {
            "name": profile.get("name", ""),
            "product": profile.get("product"),
            "needs": profile.get("needs", []),
            "ai_later": profile.get("ai_later"),
            "team_status": NO_DEVELOPERS
            if team.get("hiring")
            else "developers"
            if team.get("languages")
            else "",
            "team_languages": team.get("languages", []),
            "team_size": team.get("size"),
            "team_fullstack_js": team.get("fullstack_js", False),
            "deployment": profile.get("deployment"),
            "scale_peak_rps_estimate": peak_estimate,
            "scale_peak_rps": peak,
            "scale_connections_estimate": conn_estimate,
            "scale_concurrent_connections": conns,
            "region": profile.get("region", "western_europe"),
            "budget_eur": profile.get("budget_eur"),
            "deadline_weeks": profile.get("deadline_weeks"),
        }


def _figure(typed: int | None, estimate: str) -> int | None:
    """A typed figure wins over a chosen estimate; not sure means no figure."""
    if typed is not None:
        return typed
    return None if estimate in ("", NOT_SURE) else int(estimate)


def _estimate_of(
    value: int | None, estimates: tuple[tuple[int, str], ...]
) -> tuple[str, int | None]:
    """A stored figure as the matching estimate, or as a typed figure when none matches."""
    if value is None:
        return NOT_SURE, None
    if any(value == known for known, _ in estimates):
        return str(value), None
    return "", value
