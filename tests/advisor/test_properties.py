"""Invariants of the advisor over random valid profiles (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwise.advisor import ProjectProfile, recommend
from stackwise.advisor.profile import AiLater, Deployment, Language, Need, Product
from stackwise.knowledge import load_knowledge
from stackwise.report.json import render_json

KNOWLEDGE = load_knowledge()
STACKS = {"django", "fastapi", "express", "nestjs"}

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
