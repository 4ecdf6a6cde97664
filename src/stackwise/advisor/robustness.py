"""How robust the pick is when what it rests on is uncertain, per language family and framework.

Each seeded draw varies every factor weight and every rule's points by up to +/-50%, places
each stack's measured capacity anywhere inside the spread of its lab repeats, and moves the
peak load and the deadline by up to +/-20%; the pick's share of the draws is its confidence.
"""

from __future__ import annotations

import random
from operator import mul
from typing import Literal

from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import Robustness
from stackwise.advisor.scoring import PERFORMANCE, Scored, familiarity_scale
from stackwise.knowledge.models import Knowledge

DEFAULT_SAMPLES = 500
DEFAULT_SEED = 2026
DEFAULT_SPREAD = 0.5
ANSWER_SPREAD = 0.2  # load and deadline: the profile's figures are estimates too


def _label(share: float) -> Literal["high", "medium", "low"]:
    if share >= 90:
        return "high"
    if share >= 70:
        return "medium"
    return "low"


def robustness(
    scored: Scored,
    profile: ProjectProfile,
    knowledge: Knowledge,
    top: str,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    spread: float = DEFAULT_SPREAD,
    hybrid_floor: tuple[float, bool] | None = None,
) -> Robustness:
    """Re-rank under seeded random draws and count how often `top` (and its family) stays first."""
    stacks = list(knowledge.stacks)
    family = {s: knowledge.stacks[s].family for s in stacks}
    rng = random.Random(seed)
    vectors = {s: [scored.scores[f][s].score * 10 for f in scored.factors] for s in stacks}
    rule_ids = sorted({r for s in stacks for r in scored.points[s]})
    team_rules = {o.rule.id for o in scored.fired if o.rule.kind == "familiarity"}
    rule_points = {s: [scored.points[s].get(r, 0.0) for r in rule_ids] for s in stacks}
    is_team = [r in team_rules for r in rule_ids]
    model, load = scored.capacity, scored.load
    performance = scored.factors.index(PERFORMANCE) if PERFORMANCE in scored.factors else -1
    measured = model is not None and load is not None and performance >= 0
    measured = measured and scored.weights[performance] > 0
    # Where every stack fits the smallest deployment even at the highest load drawn, the measured
    # values cannot move a score: the draws need not price them.
    moves = (
        measured
        and model is not None
        and load is not None
        and not model.all_fit_smallest(
            load.peak_rps * (1 + ANSWER_SPREAD), load.connections * (1 + ANSWER_SPREAD)
        )
    )
    deadline = profile.deadline_weeks
    varied = ["factor weights and rule points by up to ±50%"]
    if measured:
        varied.append("measured capacity within the spread of the lab's repeats")
        varied.append("peak load by up to ±20%")
    if deadline is not None and team_rules:
        varied.append("the deadline by up to ±20%")

    wins = dict.fromkeys(stacks, 0)
    low, width = 1 - spread, 2 * spread
    a_low, a_width = 1 - ANSWER_SPREAD, 2 * ANSWER_SPREAD
    # Only factors that apply are drawn; a zero weight stays zero whatever it is multiplied by.
    active = [i for i, w in enumerate(scored.weights) if w > 0]
    base = [scored.weights[i] for i in active]
    rows = [[vectors[s][i] for i in active] for s in stacks]
    points = [rule_points[s] for s in stacks]
    at = active.index(performance) if moves and performance in active else -1
    figures = knowledge.costs.familiarity
    size_scale = familiarity_scale(None, profile.team.size, figures) / scored.team_scale
    reference = figures.deadline_reference_weeks.value
    bounds = figures.deadline_scale
    draw_deadline = deadline is not None and bool(team_rules)
    draw = rng.random
    for _ in range(samples):
        weights = [w * (low + width * draw()) for w in base]
        factors = [low + width * draw() for _ in rule_ids]
        if draw_deadline and deadline is not None:
            moved = deadline * (a_low + a_width * draw())
            rescale = min(max(reference / moved, bounds.low), bounds.high) * size_scale
            factors = [f * rescale if t else f for f, t in zip(factors, is_team, strict=True)]
        if at >= 0 and model is not None and load is not None:
            shift = a_low + a_width * draw()
            perf, stake = model.score_list(
                load.peak_rps * shift, load.connections * shift, [draw() for _ in stacks]
            )
            for row, value in zip(rows, perf, strict=True):
                row[at] = value * 10
            weights[at] *= stake / scored.stake
        total = sum(weights) or 1.0
        best, best_score = 0, float("-inf")
        for index, row in enumerate(rows):
            score = sum(map(mul, weights, row)) / total + sum(map(mul, factors, points[index]))
            if score > best_score:
                best, best_score = index, score
        wins[stacks[best]] += 1
    share = round(100 * wins[top] / samples, 1) if samples else 100.0
    family_wins = sum(n for s, n in wins.items() if family[s] == family[top])
    family_share = round(100 * family_wins / samples, 1) if samples else 100.0
    framework_share = round(100 * wins[top] / family_wins, 1) if family_wins else 0.0
    architecture_share = None
    if hybrid_floor is not None and profile.budget_eur:
        # Uniform budgets within +/-20%: the share above the hybrid's floor, worked out exactly.
        floor, is_hybrid = hybrid_floor
        above = (1 + ANSWER_SPREAD - floor / profile.budget_eur) / (2 * ANSWER_SPREAD)
        above = min(max(above, 0.0), 1.0)
        architecture_share = round(100 * (above if is_hybrid else 1 - above), 1)
        varied.append("the budget by up to ±20% (for the architecture)")
    return Robustness(
        architecture_share=architecture_share,
        samples=samples,
        seed=seed,
        spread=spread,
        share=share,
        label=_label(share),
        wins=wins,
        family=family[top],
        family_share=family_share,
        family_label=_label(family_share),
        framework_share=framework_share,
        framework_label=_label(framework_share),
        varied=tuple(varied),
    )
