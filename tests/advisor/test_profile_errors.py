"""Bad profile input is refused with a message that names the field and what is allowed."""

from __future__ import annotations

import pytest

from stackwise.advisor import ProfileError, parse_profile


def _problems(data):  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError) as error:
        parse_profile(data)
    return {p.field: p.message for p in error.value.problems}


def test_a_typo_in_the_product_suggests_the_nearest_word():
    problems = _problems({"product": "saass"})
    assert "did you mean 'saas'" in problems["product"]
    assert "api_service" in problems["product"]


def test_an_unknown_need_names_its_position_and_the_choices():
    problems = _problems({"product": "saas", "needs": ["admin_panel", "blockchain"]})
    assert "blockchain" in problems["needs.1"] and "admin_panel" in problems["needs.1"]


def test_an_unknown_field_is_refused_with_the_known_ones():
    problems = _problems({"product": "saas", "budgt_eur": 5})
    assert "did you mean 'budget_eur'" in problems["budgt_eur"]


def test_wrong_types_say_what_is_expected():
    problems = _problems({"product": "saas", "team": {"size": "three"}, "budget_eur": -5})
    assert "whole number" in problems["team.size"]
    assert "greater than or equal to 0" in problems["budget_eur"]


def test_product_is_required():
    assert _problems({"name": "x"}) == {"product": "is required"}


def test_booleans_and_numbers_are_not_coerced():
    problems = _problems(
        {"product": "saas", "ai_later": False, "team": {"size": True, "fullstack_js": "yes"}}
    )
    assert "choose one of no, possible, likely" in problems["ai_later"]
    assert problems["team.size"] == "must be a whole number, not True"
    assert problems["team.fullstack_js"] == "must be true or false, not 'yes'"


def test_a_non_mapping_is_refused():
    with pytest.raises(ProfileError, match="mapping"):
        parse_profile(["saas"])
