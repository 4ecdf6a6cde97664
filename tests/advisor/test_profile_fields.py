"""The profile model is the one definition of the questions: every front end reads it."""

from __future__ import annotations

import pytest

from stackwise.advisor.profile import (
    PYTHON_FRAMEWORKS,
    Choice,
    Need,
    Product,
    ProjectProfile,
    RegulatedData,
)
from stackwise.advisor.profile_fields import PROFILE_FIELDS, alternatives_of, profile_field
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
        "team.languages",
        "team.frameworks",
        "team.size",
        "team.fullstack_js",
        "team.hiring",
        "team.engagement",
        "deployment",
        "ai_later",
        "ai_models",
        "scale.peak_rps",
        "scale.concurrent_connections",
        "region",
        "integrations",
        "regulated_data",
        "budget_eur",
        "deadline_weeks",
        "deadline_months",
        "deadline_date",
    ]
    assert [f.path for f in alternatives_of("deadline_weeks")] == [
        "deadline_months",
        "deadline_date",
    ]


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
