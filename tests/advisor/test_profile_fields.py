"""The profile model is the one definition of the questions: every front end reads it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import BaseModel, Field

from stackwise.advisor import profile_fields
from stackwise.advisor.profile import (
    PYTHON_FRAMEWORKS,
    Choice,
    Need,
    Product,
    ProjectProfile,
    RegulatedData,
    Section,
)
from stackwise.advisor.profile_fields import (
    PROFILE_FIELDS,
    alternatives_of,
    fields_in,
    profile_field,
)
from stackwise.knowledge import Knowledge
from stackwise.knowledge.check import NEEDS, PRODUCTS, REGULATED
from stackwise.knowledge.models import STACK_IDS, StackId


def test_every_field_has_a_title_and_a_description_for_the_docs_and_the_forms():
    assert PROFILE_FIELDS
    for field in PROFILE_FIELDS:
        assert field.title.strip() and field.description.strip(), field.path


def test_every_choice_has_a_label():
    choice_fields = [f for f in PROFILE_FIELDS if f.choices and issubclass(f.kind, Choice)]
    assert {f.path for f in choice_fields} >= {"product", "needs", "deployment", "ai_later"}
    for field in choice_fields:
        for choice in field.choices:
            assert field.label_of(choice).strip(), f"{field.path}: {choice.value}"


def test_nested_fields_are_listed_by_their_path_in_the_models_order():
    paths = [f.path for f in PROFILE_FIELDS]
    assert paths == [
        "name",
        "product",
        "needs",
        "ai_models",
        "integrations",
        "regulated_data",
        "ai_later",
        "team.languages",
        "team.frameworks",
        "team.size",
        "team.engagement",
        "team.fullstack_js",
        "team.hiring",
        "deployment",
        "scale.peak_rps",
        "scale.concurrent_connections",
        "region",
        "budget_eur",
        "deadline_weeks",
        "deadline_months",
        "deadline_date",
    ]
    assert [f.path for f in alternatives_of("deadline_weeks")] == [
        "deadline_months",
        "deadline_date",
    ]


def test_the_model_lists_its_sections_together_in_the_order_they_are_asked():
    sections = [f.group for f in PROFILE_FIELDS]
    assert sorted(sections, key=list(Section).index) == sections
    assert [f for s in Section for f in fields_in(s)] == list(PROFILE_FIELDS)
    assert profile_field("team.size").group is Section.team
    assert profile_field("deadline_date").group is Section.budget


def test_a_field_out_of_its_sections_place_is_refused_naming_it():
    late = replace(profile_field("name"), path="late_name")
    with pytest.raises(TypeError, match="late_name .section product. comes after deadline_date"):
        profile_fields._in_section_order([*PROFILE_FIELDS, late])


def test_a_field_without_a_section_is_refused_naming_it():
    class Loose(BaseModel):
        colour: str = Field(default="", title="Colour", description="A colour.")

    with pytest.raises(TypeError, match="profile field colour needs .*'group'"):
        profile_fields._fields_of(Loose, "")


def test_the_json_schema_gives_each_field_its_section():
    schema = ProjectProfile.model_json_schema()
    assert schema["properties"]["budget_eur"]["group"] == "budget"
    assert schema["$defs"]["Team"]["properties"]["size"]["group"] == "team"


def test_bounds_are_the_ones_the_model_validates():
    low, high = profile_field("team.size").span()
    ProjectProfile.model_validate({"product": "saas", "team": {"size": high}})
    with pytest.raises(ValueError, match="less than or equal"):
        ProjectProfile.model_validate({"product": "saas", "team": {"size": high + 1}})
    with pytest.raises(ValueError, match="greater than or equal"):
        ProjectProfile.model_validate({"product": "saas", "team": {"size": low - 1}})


def test_an_unknown_path_is_named():
    with pytest.raises(KeyError, match="team.height"):
        profile_field("team.height")


def test_the_frameworks_a_team_names_are_the_stack_ids():
    assert [str(c.value) for c in profile_field("team.frameworks").choices] == list(STACK_IDS)
    assert list(StackId) == list(STACK_IDS)


def test_the_python_frameworks_are_the_knowledges_python_stacks(shipped: Knowledge):
    python = {s.id for s in shipped.stacks.values() if s.family == "python"}
    assert {str(f) for f in PYTHON_FRAMEWORKS} == python


def test_the_knowledge_prices_and_loads_exactly_the_profiles_products(shipped: Knowledge):
    products = {str(p) for p in Product}
    assert set(PRODUCTS) == products  # what knowledge/check.py holds the knowledge to
    assert set(shipped.costs.scope.products) == products
    assert set(shipped.costs.hosting.default_load) == products


def test_the_knowledge_prices_the_work_of_every_need_and_sensitive_data_level(shipped: Knowledge):
    assert set(NEEDS) == {str(n) for n in Need} == set(shipped.costs.scope.needs)
    levels = {str(r) for r in RegulatedData} - {"none", "not_sure"}
    assert set(REGULATED) == levels == set(shipped.costs.scope.regulated)


def test_the_default_region_is_the_one_the_knowledges_prices_are_for(shipped: Knowledge):
    assert profile_field("region").default == shipped.costs.reference_region
