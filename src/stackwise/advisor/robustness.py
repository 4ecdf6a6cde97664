"""How robust the top pick is when the factor weights are uncertain."""

from __future__ import annotations

import random
from operator import mul
from typing import Literal

from stackwise.advisor.recommendation import Robustness
from stackwise.advisor.scoring import Scored

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 2026
DEFAULT_SPREAD = 0.5


def _label(share: float) -> Literal["high", "medium", "low"]:
    if share >= 90:
        return "high"
    if share >= 70:
        return "medium"
    return "low"


def robustness(
    scored: Scored,
    stacks: list[str],
    top: str,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    spread: float = DEFAULT_SPREAD,
) -> Robustness:
    """Re-rank under seeded random weight perturbations and count how often `top` stays first."""
    rng = random.Random(seed)
    vectors = {s: [scored.scores[f][s].score * 10 for f in scored.factors] for s in stacks}
    rule_points = {s: sum(scored.points[s].values()) for s in stacks}
    wins = dict.fromkeys(stacks, 0)
    low, width = 1 - spread, 2 * spread
    base = scored.weights
    for _ in range(samples):
        weights = [w * (low + width * rng.random()) for w in base]
        total = sum(weights) or 1.0
        best, best_score = stacks[0], float("-inf")
        for stack in stacks:
            score = sum(map(mul, weights, vectors[stack])) / total + rule_points[stack]
            if score > best_score:
                best, best_score = stack, score
        wins[best] += 1
    share = round(100 * wins[top] / samples, 1) if samples else 100.0
    return Robustness(
        samples=samples, seed=seed, spread=spread, share=share, label=_label(share), wins=wins
    )
