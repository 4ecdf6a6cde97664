"""Team familiarity: one symmetric factor for either family, per framework where named, weighed
more under a short deadline and with more people to retrain."""

from __future__ import annotations

from stackwise.advisor import recommend
from tests.helpers.samples import profile


def _team_points(rec, stack):  # type: ignore[no-untyped-def]
    return next((r.points for r in rec.stack(stack).rules if r.rule == "team"), 0.0)


def test_each_family_gets_the_same_points_from_a_team_that_writes_it(knowledge):
    python = recommend(profile(product="saas", team={"languages": ["python"]}), knowledge)
    node = recommend(profile(product="saas", team={"languages": ["typescript"]}), knowledge)
    assert _team_points(python, "django") == _team_points(python, "fastapi") > 0
    assert _team_points(node, "nestjs") == _team_points(node, "express") > 0
    assert _team_points(python, "django") == _team_points(node, "nestjs")
    assert _team_points(python, "nestjs") == _team_points(node, "django") == 0


def test_a_named_framework_tips_the_choice_within_the_family_either_way(knowledge):
    api = {"product": "api_service", "team": {"languages": ["python"], "frameworks": ["django"]}}
    python = recommend(profile(**api), knowledge)
    assert _team_points(python, "django") - _team_points(python, "fastapi") > 0
    ts = {
        "product": "api_service",
        "team": {"languages": ["typescript"], "frameworks": ["express"]},
    }
    node = recommend(profile(**ts), knowledge)
    assert _team_points(node, "express") - _team_points(node, "nestjs") == (
        _team_points(python, "django") - _team_points(python, "fastapi")
    )


def test_a_framework_alone_says_which_family_the_team_knows(knowledge):
    rec = recommend(profile(product="saas", team={"frameworks": ["nestjs"]}), knowledge)
    assert _team_points(rec, "express") > 0 and _team_points(rec, "django") == 0


def test_a_short_deadline_and_a_larger_team_weigh_the_teams_language_more(knowledge):
    def points(**data):  # type: ignore[no-untyped-def]
        rec = recommend(
            profile(product="saas", team={"languages": ["python"], **data.pop("team", {})}, **data),
            knowledge,
        )
        return _team_points(rec, "django")

    assert points(deadline_weeks=5) > points() > points(deadline_weeks=20)
    assert points(team={"size": 8}) > points(team={"size": 1})
    # continuous: one week more or less moves the points a little, never a jump
    assert abs(points(deadline_weeks=9) - points(deadline_weeks=10)) < 0.15 * points(
        deadline_weeks=10
    )
