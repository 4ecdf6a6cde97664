"""The questionnaire form: its steps, its answers in plain words, and the profile they make.

Its questions are the profile model's fields (advisor/profile_fields.py): their choices, labels,
bounds, help and the step that asks them (the field's section) come from there. This module adds
only what is the web's own: each step's introduction, a few questions that make one answer easier
to give (who builds it, rough load estimates) and wording where a screen says a field differently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from stackwise.advisor import ProfileError, ProjectProfile, parse_profile
from stackwise.advisor.profile import Section
from stackwise.advisor.profile_fields import (
    PROFILE_FIELDS,
    ProfileField,
    answer_of,
    fields_in,
    set_answer,
)
from stackwise.web.text_input import refuse_control_characters

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
TYPED_FIGURE = "A figure typed here is used instead of the choice above."


@dataclass(frozen=True)
class Wording:
    """How this form says a field where its words differ from the model's title and help."""

    label: str | None = None
    help: str | None = None
    what: str | None = None  # a figure as its error message names it: "the number of developers"


WORDING = {
    "needs": Wording(help="Tick all that apply, or none."),
    "team.size": Wording(what="the number of developers"),
    "deployment": Wording(
        help="Not sure? Leave it: containers are assumed, the most common choice."
    ),
    "scale.peak_rps": Wording(
        label="Or your own figure (requests per second)",
        help=TYPED_FIGURE,
        what="the peak requests per second",
    ),
    "scale.concurrent_connections": Wording(
        label="Or your own figure (open connections)",
        help=TYPED_FIGURE,
        what="the number of open connections",
    ),
    "integrations": Wording(what="the number of integrations"),
    "budget_eur": Wording(what="the budget in euros"),
    "deadline_weeks": Wording(what="the deadline in weeks"),
    "deadline_months": Wording(what="the deadline in months"),
}
# Answered through the form's own questions: the frameworks are left to profile files and the
# API, hiring is the "who will build it" question.
NOT_ASKED = frozenset({"team.frameworks", "team.hiring"})
ASKED = tuple(field for field in PROFILE_FIELDS if field.path not in NOT_ASKED)
# A figure that can also be given as a rough estimate: profile path -> the estimate's question.
ESTIMATED = {
    "scale.peak_rps": "scale_peak_rps_estimate",
    "scale.concurrent_connections": "scale_connections_estimate",
}
ESTIMATES = {
    "scale_peak_rps_estimate": PEAK_RPS_ESTIMATES,
    "scale_connections_estimate": CONNECTION_ESTIMATES,
}
# The form's own questions, each asked just before the profile field it leads to.
HELPERS_BEFORE = {"team.languages": ("team_status",)}
# Left out for a team with no developers yet: there are no languages to ask about. The page hides
# them as soon as that answer is given (site.css) and the profile ignores them.
SKIPPED_WITH_NO_DEVELOPERS = frozenset({"team.languages", "team.fullstack_js"})
# A question whose answer leaves later ones out ends its step, so that those are on a later step
# and never shown to a visitor they do not apply to.
BRANCHES = frozenset({"team_status"})
# What fits one step on a phone: at most three questions, and about as many lines as a 390 px
# screen shows in two screenfuls below the page's heading (tests/web/test_questionnaire_steps.py
# measures the steps in a browser).
MAX_QUESTIONS = 3
MAX_LINES = 36
LINE = 34  # characters on a line of a choice card at 390 px; a help text's smaller type fits more
HELP_LINE = 42

Question = tuple[str, ...]  # the form fields one question shows together: a figure's estimate
# and the typed figure, a deadline in weeks, months or as a date


@dataclass(frozen=True)
class Step:
    """One screen of the questionnaire: a section of the profile, or a part of a longer one."""

    title: str
    intro: str
    questions: tuple[Question, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The step's form fields in the order shown."""
        return tuple(name for question in self.questions for name in question)


# What each step says before its questions; the title and the questions are the section's.
INTROS = {
    Section.product: "What you are building. Only the kind of product is required.",
    Section.team: "Who will build it. No developers yet is a fine answer.",
    Section.running: "Rough figures are enough; choose not sure where you have no idea yet.",
    Section.budget: "Leave these empty if they are open; the estimate is shown either way. "
    "Give the deadline one way: in weeks, in months or as a date.",
}


def form_name(path: str) -> str:
    """The form field that answers a profile field: team.size is team_size."""
    return path.replace(".", "_")


def _questions(section: Section) -> list[Question]:
    """A section's questions in the model's order, each after the helpers that lead to it; a
    figure comes with its estimate, another way to give a field with that field."""
    questions: list[Question] = []
    for field in fields_in(section):
        if field.path in NOT_ASKED:
            continue
        name = form_name(field.path)
        if field.instead_of:
            leading = form_name(field.instead_of)
            at = next(i for i, question in enumerate(questions) if leading in question)
            questions[at] += (name,)
            continue
        questions += [(helper,) for helper in HELPERS_BEFORE.get(field.path, ())]
        questions.append((ESTIMATED[field.path], name) if field.path in ESTIMATED else (name,))
    return questions


def _parts(questions: list[Question], lines: dict[str, int]) -> list[tuple[Question, ...]]:
    """The questions cut into the fewest steps that fit a phone, as even as can be (an earlier
    step the fuller where they cannot be even)."""

    def fits(part: tuple[Question, ...]) -> bool:
        size = sum(lines[name] for question in part for name in question)
        return len(part) <= MAX_QUESTIONS and (size <= MAX_LINES or len(part) == 1)

    def evenness(parts: list[tuple[Question, ...]]) -> tuple[int, ...]:
        return (max(len(part) for part in parts), *(-len(part) for part in parts))

    for count in range(1, len(questions) + 1):
        cuttings = [
            [tuple(questions[a:b]) for a, b in pairwise((0, *cuts, len(questions)))]
            for cuts in combinations(range(1, len(questions)), count - 1)
        ]
        fitting = [parts for parts in cuttings if all(fits(part) for part in parts)]
        if fitting:
            return min(fitting, key=evenness)
    return []  # a section with no questions


def _steps(section: Section, lines: dict[str, int]) -> tuple[Step, ...]:
    """A section's steps: its questions cut after each branching question, each run cut to fit
    a phone; a section of several steps numbers them in its title, "Your team (1 of 3)", and
    introduces itself on the first."""
    runs: list[list[Question]] = [[]]
    for question in _questions(section):
        runs[-1].append(question)
        if BRANCHES & set(question):
            runs.append([])
    parts = [part for run in runs if run for part in _parts(run, lines)]
    return tuple(
        Step(
            section.label if len(parts) == 1 else f"{section.label} ({i} of {len(parts)})",
            INTROS[section] if i == 1 else "",
            part,
        )
        for i, part in enumerate(parts, start=1)
    )


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def _choices(field: ProfileField) -> list[tuple[str, str]]:
    return [(str(c.value), _capitalised(field.label_of(c))) for c in field.choices]


def _estimate_choices(estimates: tuple[tuple[int, str], ...]) -> list[tuple[str, str]]:
    return [(NOT_SURE, "Not sure yet"), *((str(value), text) for value, text in estimates)]


def _whole_number(
    what: str, label: str, help_text: str, low: int, high: int, example: int | None
) -> forms.IntegerField:
    """An optional whole-number answer whose errors all read the same way."""
    like = "" if example is None else f", like {example:,}"
    message = f"Enter {what} as a whole number from {low:,} to {high:,}{like}."
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


def _question(field: ProfileField, regions: dict[str, str]) -> forms.Field:
    """The form field asking one profile field, with the model's choices, bounds and help."""
    wording = WORDING.get(field.path, Wording())
    label = wording.label or field.title
    help_text = wording.help or field.description
    if field.choices and field.many:
        return forms.MultipleChoiceField(
            choices=_choices(field),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=label,
            help_text=help_text,
            error_messages={"invalid_choice": f"Choose only the listed {field.name}."},
        )
    if field.choices:
        return _pick(label, _choices(field), help_text, required=field.required)
    if field.kind is bool:
        return forms.BooleanField(
            required=False, initial=field.default, label=label, help_text=help_text
        )
    if field.kind is int:
        low, high = field.span()
        what = wording.what or f"the {field.title.lower()}"
        return _whole_number(what, label, help_text, low, high, field.example)
    if field.kind is dt.date:
        like = f", like {field.example}" if field.example else ""
        return forms.DateField(
            required=False,
            label=label,
            help_text=help_text,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": f"Enter the date as YYYY-MM-DD{like}."},
        )
    if field.path == "region":  # the knowledge's regions, given by the view
        return forms.ChoiceField(
            choices=list(regions.items()),
            initial=field.default,
            required=False,
            label=label,
            help_text=help_text,
            error_messages={"invalid_choice": "Choose one of the listed regions."},
        )
    return forms.CharField(
        max_length=field.max_length,
        required=field.required,
        label=label,
        help_text=help_text,
        validators=[refuse_control_characters],
        error_messages={
            "max_length": f"Keep the {field.title.lower()} under {field.max_length:,} characters."
        },
    )


class AssessmentForm(forms.Form):
    """What the questionnaire asks; `profile()` turns the answers into a ProjectProfile.

    The profile's own questions are added when the form is made (they need the knowledge's
    regions); the fields declared here are the form's helpers."""

    team_status = _pick(
        "Who will build it",
        [
            ("developers", "We have developers"),
            (NO_DEVELOPERS, "No developers yet: we will hire or contract them"),
        ],
        "With no developers yet, no languages are asked: the advisor weighs the stacks "
        "on their own merits, and the team size is how many you plan to hire.",
    )
    scale_peak_rps_estimate = _pick(
        "Busiest moment, in requests per second",
        _estimate_choices(PEAK_RPS_ESTIMATES),
        "Each page view or app screen is a handful of requests. Most new products stay under "
        "100 a second in their first year, which one small server handles on any of the stacks.",
    )
    scale_connections_estimate = _pick(
        "People connected at the same time",
        _estimate_choices(CONNECTION_ESTIMATES),
        "Only live features keep a connection open: chat, live dashboards, multiplayer, "
        "notifications pushed as they happen. Plain pages and API calls do not count.",
    )

    def __init__(self, *args: Any, regions: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = {form_name(f.path): _question(f, regions) for f in ASKED}
        helpers = dict(self.fields)
        # In the order the steps show them, which is the order errors are listed in.
        self.fields = {
            name: questions[name] if name in questions else helpers[name]
            for step in STEPS
            for name in step.fields
        }

    def step_questions(self, index: int) -> list[list[forms.BoundField]]:
        """The bound fields of one step, question by question."""
        return [[self[name] for name in question] for question in STEPS[index].questions]

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
        data: dict[str, Any] = {}
        hiring = c["team_status"] == NO_DEVELOPERS
        for field in ASKED:
            if hiring and field.path in SKIPPED_WITH_NO_DEVELOPERS:
                continue
            value = c[form_name(field.path)]
            if field.path in ESTIMATED:
                value = _figure(value, c[ESTIMATED[field.path]])
            if value is not None and value != "":
                set_answer(data, field.path, value)
        if hiring:
            set_answer(data, "team.hiring", True)
        return data

    def profile(self) -> ProjectProfile | None:
        """The validated profile, or None with the advisor's errors attached to their fields."""
        try:
            return parse_profile(self.profile_data())
        except ProfileError as exc:
            for problem in exc.problems:
                # needs.2 is the needs question; a field the form does not ask is the page's.
                path = ".".join(p for p in problem.field.split(".") if not p.isdigit())
                name = form_name(path)
                self.add_error(name if name in self.fields else None, problem.message)
            return None

    @staticmethod
    def initial_from(profile: dict[str, Any]) -> dict[str, Any]:
        """Form initial values from a stored profile, for "change my answers"."""
        initial: dict[str, Any] = {}
        for field in ASKED:
            value = answer_of(profile, field.path)
            if field.path in ESTIMATED:
                estimate, value = _estimate_of(value, ESTIMATES[ESTIMATED[field.path]])
                initial[ESTIMATED[field.path]] = estimate
            if value is not None:
                initial[form_name(field.path)] = value
        team = profile.get("team", {})
        initial["team_status"] = (
            NO_DEVELOPERS if team.get("hiring") else "developers" if team.get("languages") else ""
        )
        return initial


def _lines(field: forms.Field) -> int:
    """About how many lines a form field takes on a phone: a space above, its label and help,
    then a card per choice (its text and padding) or a box to type in."""

    def wrapped(text: object, width: int = LINE) -> int:
        return -(-len(str(text)) // width)

    own = 1 + wrapped(field.label) + wrapped(field.help_text, HELP_LINE)
    if isinstance(field, forms.ChoiceField) and isinstance(field.widget, forms.RadioSelect):
        return own + sum(wrapped(label) + 1 for _, label in field.widget.choices)  # and boxes
    return own + 2


_LINES = {
    name: _lines(field)
    for name, field in {
        **AssessmentForm.base_fields,
        **{form_name(f.path): _question(f, {}) for f in ASKED},
    }.items()
}
STEPS = tuple(step for section in Section for step in _steps(section, _LINES))


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
