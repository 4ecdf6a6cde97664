"""Invariants of the advisor over random valid profiles (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwise.advisor import ProjectProfile, recommend
from stackwise.advisor.profile import AiLater, Deployment, Language, Need, Product
from stackwise.knowledge import load_knowledge
from stackwise.knowledge.models import STACK_IDS
from stackwise.report.json import render_json
from tests.helpers.evidence import synthetic_evidence, with_evidence

KNOWLEDGE = load_knowledge()
STACKS = set(STACK_IDS)

profiles = st.builds(
    lambda product, needs, languages, size, fullstack, deployment, ai_later, rps, budget, deadline: (
        ProjectProfile.model_validate(
            {
                "product": product,
                "needs": needs,
                "team": {"languages": languages, "size": size, "fullstack_js": fullstack},
                "deployment": deployment,
                "ai_later": ai_later,
                "scale": {"peak_rps": rps},
                "budget_eur": budget,
                "deadline_weeks": deadline,
            }
        )
    ),
    st.sampled_from([p.value for p in Product]),
    st.lists(st.sampled_from([n.value for n in Need]), max_size=4),
    st.lists(st.sampled_from([lang.value for lang in Language]), max_size=3),
    st.integers(1, 30),
    st.booleans(),
    st.sampled_from([d.value for d in Deployment]),
    st.sampled_from([a.value for a in AiLater]),
    st.one_of(st.none(), st.integers(0, 50_000)),
    st.one_of(st.none(), st.integers(0, 100_000)),
    st.one_of(st.none(), st.integers(1, 104)),
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _family_gap(profile: ProjectProfile) -> float:
    rec = recommend(profile, KNOWLEDGE, robustness_samples=0, flips=False)
    best = {f: max(s.score for s in rec.ranking if s.family == f) for f in ("python", "node")}
    return best["python"] - best["node"]


@FAST
@given(profiles)
def test_all_four_stacks_are_ranked_with_finite_scores(profile):
    rec = recommend(profile, KNOWLEDGE, robustness_samples=50)
    assert {s.stack for s in rec.ranking} == STACKS
    assert all(math.isfinite(s.score) for s in rec.ranking)
    assert rec.top == rec.ranking[0].stack
    assert rec.robustness is not None and 0 <= rec.robustness.share <= 100


@FAST
@given(profiles)
def test_the_same_profile_gives_byte_identical_json(profile):
    first = render_json(recommend(profile, KNOWLEDGE, robustness_samples=100))
    again = render_json(
        recommend(
            ProjectProfile.model_validate(profile.to_data()), KNOWLEDGE, robustness_samples=100
        )
    )
    assert first == again


@FAST
@given(profiles)
def test_adding_ai_never_weakens_python_against_node(profile):
    with_ai = profile.model_copy(update={"needs": (*profile.needs, Need.ai_ml)})
    with_ai = ProjectProfile.model_validate(with_ai.to_data())
    assert _family_gap(with_ai) >= _family_gap(profile) - 1e-9


@FAST
@given(profiles)
def test_a_javascript_only_team_never_strengthens_python(profile):
    data = profile.to_data()
    data["team"]["languages"] = ["javascript", "typescript"]
    js_only = ProjectProfile.model_validate(data)
    assert _family_gap(js_only) <= _family_gap(profile) + 1e-9


@FAST
@given(profiles)
def test_every_flip_really_changes_the_pick_or_its_architecture(profile):
    rec = recommend(profile, KNOWLEDGE, robustness_samples=0)
    for flip in rec.flips:
        assert (flip.top, flip.architecture) != (rec.top, rec.architecture.kind)


# ---- Issue 12: continuity, symmetry, a gated hybrid, honest estimates, ties -------------------

SYNTHETIC = with_evidence(KNOWLEDGE, synthetic_evidence())
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(profiles, st.integers(1, 2_000_000))
def test_one_percent_more_load_never_changes_the_pick_unless_a_flip_names_the_threshold(
    profile, rps
):
    data = profile.to_data()
    data["scale"]["peak_rps"] = rps
    before = recommend(ProjectProfile.model_validate(data), SYNTHETIC, robustness_samples=0)
    data["scale"]["peak_rps"] = more = max(rps + 1, round(rps * 1.01))
    after = recommend(
        ProjectProfile.model_validate(data), SYNTHETIC, robustness_samples=0, flips=False
    )
    if after.top != before.top:
        named = [
            f.value
            for f in before.flips
            if f.field == "scale.peak_rps"
            and f.top == after.top
            and rps * 0.99 <= f.value <= more * 1.01
        ]
        assert named, f"{before.top} -> {after.top} between {rps} and {more} req/s, unnamed"


def _family_gap_of(profile: ProjectProfile, languages: list[str]) -> float:
    """The best Python total minus the best Node total, before the overall score's scale (which
    shrinks with the rule points on the table, so differs with and without a team language)."""
    data = profile.to_data()
    data["team"]["languages"] = languages
    # At a load every stack serves from one instance: where hosting separates the stacks, the
    # learning a move costs weighs against it, on purpose, only for the family that would move.
    data["scale"] = {"peak_rps": 1, "concurrent_connections": 0}
    scored = score_profile(ProjectProfile.model_validate(data), SYNTHETIC)
    totals = dict(zip(scored.kernel.stacks, scored.kernel.totals(), strict=True))
    best = {
        f: max(t for s, t in totals.items() if SYNTHETIC.stacks[s].family == f)
        for f in ("python", "node")
    }
    return best["python"] - best["node"]


@FAST
@given(profiles.filter(lambda p: p.product is not Product.ai_product))
def test_a_python_only_and_a_typescript_only_team_pull_alike_and_mirror_a_neutral_product(
    profile,
):
    none, python, typescript = (
        _family_gap_of(profile, langs) for langs in ([], ["python"], ["typescript"])
    )
    pull_python, pull_node = python - none, none - typescript
    assert pull_python > 0 and pull_node > 0
    # the same familiarity points either way; the estimates' learning factor adds a little
    assert abs(pull_python - pull_node) <= 0.25 * max(pull_python, pull_node)
    if abs(none) < min(pull_python, pull_node):  # neutral: the team's language decides
        assert python > 0 > typescript


small_teams = st.builds(
    lambda product, needs, languages, size, budget, connections: ProjectProfile.model_validate(
        {
            "product": product,
            "needs": needs,
            "team": {"languages": languages, "size": size},
            "budget_eur": budget,
            "scale": {"concurrent_connections": connections},
        }
    ),
    st.sampled_from(["saas", "realtime_app", "business_app", "ai_product"]),
    st.lists(st.sampled_from(["realtime", "ai_ml", "admin_panel"]), min_size=1, max_size=3),
    st.sampled_from([["python"], ["typescript"], ["javascript"], []]),
    st.integers(1, 2),
    st.integers(0, 12_000),
    st.integers(0, 500_000),
)


@FAST
@given(small_teams)
def test_no_hybrid_for_one_or_two_developers_below_the_hybrids_floor(profile):
    rec = recommend(profile, SYNTHETIC, robustness_samples=0, flips=False)
    if rec.architecture.kind == "hybrid":
        assert profile.budget_eur is None or profile.budget_eur >= rec.estimate.cost_eur.low
        assert profile.team.families == {"python", "node"}


@FAST
@given(profiles)
def test_cost_is_person_weeks_times_hours_times_rate_and_grows_with_the_team(profile):
    rec = recommend(profile, SYNTHETIC, robustness_samples=0, flips=False)
    data = profile.to_data()
    data["team"]["size"] = profile.team.size + 1
    bigger = recommend(
        ProjectProfile.model_validate(data), SYNTHETIC, robustness_samples=0, flips=False
    )
    paid = KNOWLEDGE.costs.hours_per_week.value
    for now, then in zip(rec.ranking, (bigger.stack(s.stack) for s in rec.ranking), strict=True):
        est = now.estimate
        if est.hybrid_extra_eur is None and est.within_mvp_scope and est.rate_used_eur_per_hour:
            expected = est.person_weeks.low * paid * est.rate_used_eur_per_hour
            assert math.isclose(est.cost_eur.low, expected, rel_tol=0.06, abs_tol=60)
        if then.estimate.within_mvp_scope != est.within_mvp_scope:
            continue  # a first version's price beside a run rate over a horizon: not comparable
        assert then.estimate.cost_eur.low >= est.cost_eur.low
        assert then.estimate.person_weeks.high >= est.person_weeks.high - 0.1


@FAST
@given(profiles)
def test_scores_within_the_noise_are_reported_as_a_tie(profile):
    rec = recommend(profile, SYNTHETIC, robustness_samples=0, flips=False)
    gap = rec.ranking[0].score - rec.ranking[1].score
    if gap <= 0.99:
        assert rec.tie is not None and rec.tie.stacks == (
            rec.ranking[0].stack,
            rec.ranking[1].stack,
        )
        assert rec.reasons[0].startswith("A tie: ")
    if rec.tie is None:
        assert gap > 0.99


# ---- Issue 20: one scoring kernel behind the ranking, robustness and the flips ----------------

from stackwise.advisor.engine import top_stack  # noqa: E402
from stackwise.advisor.flips import variations  # noqa: E402
from stackwise.advisor.robustness import Variations  # noqa: E402
from stackwise.advisor.scoring import score_profile  # noqa: E402

BOTH = pytest.mark.parametrize("knowledge", [KNOWLEDGE, SYNTHETIC], ids=["shipped", "synthetic"])


def _by_hand(scored, stack):  # type: ignore[no-untyped-def]
    """A stack's total written out from the scoring's parts, as docs/decision-model.md puts it."""
    weights = dict(zip(scored.factors, scored.weights, strict=True))
    factor_sum = sum(w * scored.scores[f][stack].score for f, w in weights.items())
    total_weight = sum(weights.values())
    factors = factor_sum * 10 / total_weight if total_weight else 0.0
    return factors + sum(scored.points[stack].values())


@BOTH
@FAST
@given(profile=profiles)
def test_the_ranking_shows_the_kernels_totals_in_the_kernels_order(profile, knowledge):
    scored = score_profile(profile, knowledge)
    totals = scored.kernel.totals()
    rec = recommend(profile, knowledge, robustness_samples=0, flips=False)
    assert [s.stack for s in rec.ranking] == scored.kernel.order(totals)
    for ranked in rec.ranking:
        total = totals[scored.kernel.stacks.index(ranked.stack)]
        assert ranked.score == round(total * scored.scale, 2) <= 100
        assert math.isclose(total, _by_hand(scored, ranked.stack), rel_tol=1e-12, abs_tol=1e-9)


@BOTH
@FAST
@given(profile=profiles)
def test_robustnesss_undisturbed_draw_is_the_ranking(profile, knowledge):
    scored = score_profile(profile, knowledge)
    kernel = scored.kernel
    variations = Variations(scored, profile, knowledge)
    undisturbed = variations.totals(
        weights=[1.0] * len(kernel.weights),
        rules=[1.0] * len(kernel.rules),
        deadline=1.0,
        load=1.0,
        positions=[0.5] * len(kernel.stacks),
    )
    assert undisturbed == variations.totals() == kernel.totals()
    assert kernel.top(undisturbed) == scored.ranking()[0]


def _flipped(profile, flip):  # type: ignore[no-untyped-def]
    """The profile the flip describes, with its answer changed as the flip says."""
    data = profile.to_data()
    if flip.field == "scale.peak_rps":
        # "Above 2,368 req/s": the threshold is found to within half a percent and rounded, so
        # the claim is about the load a request past it, in the flip's direction.
        data["scale"]["peak_rps"] = flip.value + (1 if flip.text.startswith("Above") else -1)
    elif flip.field == "deadline_weeks":
        data["deadline_weeks"] = flip.value
    elif flip.field == "team.size":
        data["team"]["size"] = flip.value
    else:
        data = next(d for f, v, _, d in variations(profile) if (f, v) == (flip.field, flip.value))
    return ProjectProfile.model_validate(data)


@BOTH
@SLOW
@given(profile=profiles)
def test_a_flips_new_top_is_what_the_engine_gives_for_the_flipped_answer(profile, knowledge):
    rec = recommend(profile, knowledge, robustness_samples=0)
    for flip in rec.flips:
        if flip.field == "budget_eur":
            continue  # the budget moves the architecture only, at the floor the next test checks
        assert top_stack(_flipped(profile, flip), knowledge) == flip.top, flip.text
