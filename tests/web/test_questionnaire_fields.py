"""The web questionnaire asks the profile model's questions with the model's choices and bounds."""

from __future__ import annotations

from dataclasses import replace

from django import forms

from stackwise.advisor import profile_fields
from stackwise.advisor.profile import Section
from stackwise.advisor.profile_fields import PROFILE_FIELDS, profile_field
from stackwise.web.assessments import forms as questionnaire
from stackwise.web.assessments.forms import (
    ASKED,
    ESTIMATED,
    HELPERS_BEFORE,
    NOT_ASKED,
    STEPS,
    AssessmentForm,
    form_name,
)

REGIONS = {"western_europe": "Western Europe", "nordics": "Nordics"}


def test_every_asked_profile_field_sits_in_exactly_one_step():
    placed = [name for step in STEPS for name in step.fields]
    assert len(placed) == len(set(placed))
    unplaced = {form_name(f.path) for f in ASKED} - set(placed)
    assert not unplaced, f"put these profile questions in a step (or in NOT_ASKED): {unplaced}"
    assert {f.path for f in PROFILE_FIELDS} >= NOT_ASKED


def test_each_step_is_a_part_of_a_section_with_its_questions_in_the_models_order():
    titles = [step.title.partition(" (")[0] for step in STEPS]
    assert list(dict.fromkeys(titles)) == [section.label for section in Section]
    helpers = {name for names in HELPERS_BEFORE.values() for name in names} | set(
        ESTIMATED.values()
    )
    for section in Section:
        fields = [
            name for step in STEPS if step.title.startswith(section.label) for name in step.fields
        ]
        asked = [form_name(f.path) for f in ASKED if f.group is section]
        assert [name for name in fields if name not in helpers] == asked, section
    for path, names in HELPERS_BEFORE.items():
        step = next(s for s in STEPS if form_name(path) in s.fields)
        at = step.fields.index(form_name(path))
        before = STEPS[STEPS.index(step) - 1].fields if at == 0 else step.fields[:at]
        assert before[-len(names) :] == names, path


def test_a_new_profile_field_appears_in_its_sections_last_step(monkeypatch):
    new = replace(profile_field("integrations"), path="team.pets", group=Section.team)
    monkeypatch.setattr(profile_fields, "PROFILE_FIELDS", (*PROFILE_FIELDS, new))
    steps = questionnaire._steps(Section.team, {**questionnaire._LINES, "team_pets": 1})
    assert steps[-1].fields[-1] == "team_pets"
    team = [step for step in STEPS if step.title.startswith(Section.team.label)]
    assert [n for step in steps for n in step.fields][:-1] == [
        n for step in team for n in step.fields
    ]


def test_the_form_offers_exactly_the_models_choices_with_their_labels():
    form = AssessmentForm(regions=REGIONS)
    for field in ASKED:
        if not field.choices:
            continue
        offered = form.fields[form_name(field.path)]
        assert isinstance(offered, forms.ChoiceField)
        assert [value for value, _ in offered.choices] == [str(c.value) for c in field.choices]
        labels = [str(label).lower() for _, label in offered.choices]
        assert labels == [field.label_of(c).lower() for c in field.choices]


def test_number_fields_take_the_models_bounds():
    form = AssessmentForm(regions=REGIONS)
    for field in ASKED:
        if field.kind is int:
            offered = form.fields[form_name(field.path)]
            assert isinstance(offered, forms.IntegerField)
            assert (offered.min_value, offered.max_value) == field.span(), field.path


def test_the_regions_are_the_knowledges_and_the_default_is_the_models():
    form = AssessmentForm(regions=REGIONS)
    region = form.fields["region"]
    assert isinstance(region, forms.ChoiceField)
    assert list(region.choices) == list(REGIONS.items())
    assert region.initial == next(f.default for f in PROFILE_FIELDS if f.path == "region")


def test_a_number_out_of_the_models_bounds_is_refused_in_the_forms_words():
    form = AssessmentForm({"product": "saas", "team_size": "501"}, regions=REGIONS)
    assert not form.is_valid()
    assert form.errors["team_size"] == [
        "Enter the number of developers as a whole number from 1 to 500, like 3."
    ]
