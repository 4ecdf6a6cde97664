"""Advice whose economics an architect would sign: stacks priced like for like, a language change
weighed in money over the horizon, readable scores and flips a team can act on."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwise.advisor import ProjectProfile, read_profile_file, recommend
from stackwise.advisor.profile import Deployment, Need, Product
from stackwise.knowledge import load_knowledge

SHIPPED = load_knowledge()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECONOMICS = SHIPPED.costs.economics
SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _api(languages: list[str], size: int, rps: int) -> ProjectProfile:
    return ProjectProfile.model_validate(
        {
            "product": "api_service",
            "team": {"languages": languages, "size": size},
            "scale": {"peak_rps": rps},
        }
    )


def test_a_python_team_of_three_keeps_fastapi_for_a_partner_api_at_20000_req_s():
    rec = recommend(_api(["python"], 3, 20_000), SHIPPED, robustness_samples=0)
    perf = rec.performance
    assert rec.top == "fastapi" and perf is not None
    # like for like: FastAPI on its raw driver, as Express is on its own
    assert perf.data_access["fastapi"] == "raw" and perf.data_access["express"] == "raw"
    assert perf.eur_per_month["fastapi"] < perf.eur_per_month["express"]
    assert not any(s.family == "node" for s in rec.ranking[:2])


def test_at_a_low_load_every_stack_is_priced_on_its_usual_data_access():
    rec = recommend(_api(["python"], 3, 50), SHIPPED, robustness_samples=0)
    assert rec.performance is not None
    assert rec.performance.data_access == {
        s: c.data_access for s, c in (SHIPPED.evidence.capacity.items() if SHIPPED.evidence else ())
    }


def test_learning_a_language_costs_months_of_reduced_pace_per_developer():
    rec = recommend(_api(["typescript"], 3, 20_000), SHIPPED, robustness_samples=0)
    assert rec.performance is not None
    totals = {t.stack: t for t in rec.performance.totals}
    assert totals["nestjs"].learning_eur == totals["express"].learning_eur == 0
    # 3 developers x 2 months x half pace x a Python developer-month at EUR 65/h, 40 h a week
    months = (ECONOMICS.learning_months.low + ECONOMICS.learning_months.high) / 2
    expected = 3 * months * ECONOMICS.learning_pace_loss.value * 40 * 65 * 52 / 12
    assert abs(totals["fastapi"].learning_eur - expected) <= 100
    for t in rec.performance.totals:
        assert (
            t.total_eur == round(t.build_eur + t.hosting_eur + t.raw_sql_eur + t.learning_eur, -2)
            or abs(t.total_eur - (t.build_eur + t.hosting_eur + t.raw_sql_eur + t.learning_eur))
            <= 200
        )


@SOME
@given(
    st.sampled_from([["python"], ["typescript"], ["javascript", "typescript"]]),
    st.integers(3, 20),
    st.integers(0, 50_000),
)
def test_a_one_family_team_of_three_or_more_keeps_its_family_on_a_plain_api_unless_totals_cross(
    languages, size, rps
):
    rec = recommend(_api(languages, size, rps), SHIPPED, robustness_samples=0, flips=False)
    own = "python" if languages == ["python"] else "node"
    if rec.ranking[0].family == own:
        return
    perf = rec.performance
    assert perf is not None and perf.totals_cross_rps is not None
    assert perf.totals_cross_rps <= rps * 1.2  # the totals cross at (or about) this load
    assert f"Over {ECONOMICS.horizon_months.value / 12:g} years:" in perf.text


profiles = st.builds(
    lambda product, needs, languages, size, rps, connections, deployment: (
        ProjectProfile.model_validate(
            {
                "product": product,
                "needs": needs,
                "team": {"languages": languages, "size": size},
                "scale": {"peak_rps": rps, "concurrent_connections": connections},
                "deployment": deployment,
            }
        )
    ),
    st.sampled_from([p.value for p in Product]),
    st.lists(st.sampled_from([n.value for n in Need]), max_size=3, unique=True),
    st.sampled_from([[], ["python"], ["typescript"], ["python", "typescript"]]),
    st.integers(1, 30),
    st.integers(0, 50_000),
    st.integers(0, 100_000),
    st.sampled_from([d.value for d in Deployment]),
)


@SOME
@given(profiles)
def test_no_score_leaves_0_to_100_and_the_points_add_up_to_it(profile):
    rec = recommend(profile, SHIPPED, robustness_samples=0, flips=False)
    for ranked in rec.ranking:
        assert 0 <= ranked.score <= 100
        assert abs(ranked.factor_points + ranked.rule_points - ranked.score) <= 0.05


@FEW
@given(profiles)
def test_too_close_to_call_whenever_the_family_share_is_below_the_threshold(profile):
    rec = recommend(profile, SHIPPED, robustness_samples=200, flips=True)
    assert rec.robustness is not None and rec.robustness.family_share is not None
    below = rec.robustness.family_share < ECONOMICS.too_close_family_share.value
    assert (rec.too_close is not None) == below
    if rec.too_close is not None:
        top, other = (rec.stack(s) for s in rec.too_close.stacks)
        assert top.family != other.family
        assert rec.too_close.text.startswith(f"Too close to call: {top.name} or {other.name}.")
        assert rec.reasons[0] == rec.too_close.text


def test_a_mixed_team_near_the_line_is_told_it_is_too_close_to_call():
    profile = ProjectProfile.model_validate(
        {"product": "api_service", "team": {"languages": ["python", "typescript"], "size": 2}}
    )
    rec = recommend(profile, SHIPPED)
    assert rec.robustness is not None and rec.robustness.family_share is not None
    if rec.robustness.family_share < ECONOMICS.too_close_family_share.value:
        assert rec.too_close is not None and "The trade-off:" in rec.too_close.text


def test_no_flip_asks_a_team_to_change_what_it_builds():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        rec = recommend(read_profile_file(path), SHIPPED, robustness_samples=0)
        assert not [f for f in rec.flips if f.field == "product"], path.stem


def test_a_flip_that_would_move_the_team_to_another_language_says_what_the_move_costs():
    seen = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = read_profile_file(path)
        rec = recommend(profile, SHIPPED, robustness_samples=0)
        families = profile.team.families
        for flip in rec.flips:
            moves = families and SHIPPED.stacks[flip.top].family not in families
            if moves and flip.field != "team.languages":
                seen += 1
                assert "Moving the team" in flip.text and "in learning" in flip.text, flip.text
    assert seen > 0


def test_a_typescript_team_sees_where_the_totals_cross_and_a_close_call_past_it():
    profile = read_profile_file(EXAMPLES / "ts-team-api-at-50000.yaml")
    rec = recommend(profile, SHIPPED)
    perf = rec.performance
    assert perf is not None and perf.totals_cross_rps is not None
    # At 50,000 req/s Python's cheaper hosting does not pay for the team's learning: the team's
    # own language stays first, and the advice names the load where that would change.
    assert perf.totals_cross_rps > 50_000 and rec.ranking[0].family == "node"
    assert "Over 3 years: Express EUR" in perf.text and "would cross at" in perf.text
    fastapi = next(t for t in perf.totals if t.stack == "fastapi")
    assert fastapi.learning_eur > 0 and fastapi.data_access == "raw"
    beyond = profile.model_copy(
        update={
            "scale": profile.scale.model_copy(
                update={"peak_rps": round(perf.totals_cross_rps * 1.4)}
            )
        }
    )
    past = recommend(beyond, SHIPPED)
    assert past.performance is not None and "cheaper over the horizon" in past.performance.text
    if past.ranking[0].family == "python":  # a move this close is not a recommendation
        assert past.too_close is not None
