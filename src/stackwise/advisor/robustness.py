"""How robust the pick is when what it rests on is uncertain, per language family and framework.

Each seeded draw varies every factor weight and every rule's points by up to +/-50%, places
each stack's measured capacity anywhere inside the spread of its lab repeats, and moves the
peak load and the deadline by up to +/-20%; the pick's share of the draws is its confidence.
"""

from __future__ import annotations

import random
from typing import Literal

from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import Robustness
from stackwise.advisor.scoring import Scored, familiarity_scale
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


class Variations:
    """What the draws may move for one scoring, and the totals under one draw (through the
    scoring's kernel, so an undisturbed draw is the ranking itself)."""

    def __init__(self, scored: Scored, profile: ProjectProfile, knowledge: Knowledge) -> None:
        self.kernel = kernel = scored.kernel
        self.team_scale = scored.team_scale
        self.size = profile.team.size
        self.figures = knowledge.costs.familiarity
        model, load = scored.capacity, scored.load
        self.load = load
        # Measured capacity is drawn only where raw performance carries weight and where some
        # stack could outgrow the smallest deployment at the highest load drawn: below that the
        # measured values cannot move a score, and the draws need not price them.
        self.measured = kernel.performance >= 0 and model is not None and load is not None
        self.moves_load = (
            self.measured
            and model is not None
            and load is not None
            and not model.all_fit_smallest(
                load.peak_rps * (1 + ANSWER_SPREAD), load.connections * (1 + ANSWER_SPREAD)
            )
        )
        # The deadline is drawn wherever a familiarity rule held, even one set aside by a rule
        # above it (it then moves nothing, but the seed's sequence of draws includes it).
        team = any(o.rule.kind == "familiarity" for o in scored.fired)
        self.deadline = profile.deadline_weeks if team else None

    def totals(
        self,
        weights: list[float] | None = None,
        rules: list[float] | None = None,
        deadline: float = 1.0,
        load: float = 1.0,
        positions: list[float] | None = None,
    ) -> list[float]:
        """Each stack's total under one draw: a multiplier per weighted factor and per rule's
        points (in the kernel's order), of the deadline and of the load, and each stack's place
        in its measured spread (0..1). The defaults are the profile as answered."""
        kernel = self.kernel
        if weights is not None:
            weights = [w * m for w, m in zip(kernel.weights, weights, strict=True)]
        rescale = 1.0
        if self.deadline is not None:
            moved = familiarity_scale(self.deadline * deadline, self.size, self.figures)
            rescale = moved / self.team_scale
        capacity = None
        if self.moves_load and self.load is not None:
            places = positions or [0.5] * len(kernel.stacks)
            capacity = (self.load.peak_rps * load, self.load.connections * load, places)
        return kernel.totals(weights, rules, rescale, capacity)


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
    variations = Variations(scored, profile, knowledge)
    kernel = variations.kernel
    stacks = list(kernel.stacks)
    family = {s: knowledge.stacks[s].family for s in stacks}
    varied = ["factor weights and rule points by up to ±50%"]
    if variations.measured:
        varied.append("measured capacity within the spread of the lab's repeats")
        varied.append("peak load by up to ±20%")
    if variations.deadline is not None:
        varied.append("the deadline by up to ±20%")

    wins = dict.fromkeys(stacks, 0)
    low, width = 1 - spread, 2 * spread
    a_low, a_width = 1 - ANSWER_SPREAD, 2 * ANSWER_SPREAD
    draw = random.Random(seed).random
    has_deadline, moves_load = variations.deadline is not None, variations.moves_load
    weights, rules = range(len(kernel.weights)), range(len(kernel.rules))
    for _ in range(samples):
        # The order of the calls to `draw` is what the seed means: keep it.
        weight_draws = [low + width * draw() for _ in weights]
        rule_draws = [low + width * draw() for _ in rules]
        deadline = a_low + a_width * draw() if has_deadline else 1.0
        load, positions = 1.0, None
        if moves_load:
            load = a_low + a_width * draw()
            positions = [draw() for _ in stacks]
        totals = variations.totals(weight_draws, rule_draws, deadline, load, positions)
        wins[kernel.top(totals)] += 1
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
