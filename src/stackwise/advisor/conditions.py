"""Evaluate the rules' conditions against a profile (and, later, against the outcome)."""

from __future__ import annotations

from typing import Any

from stackwise.advisor.profile import ProjectProfile
from stackwise.knowledge.models import Condition

Context = dict[str, Any]


def profile_context(profile: ProjectProfile) -> Context:
    """The flat field -> value view of a profile that conditions read."""
    return {
        "product": profile.product.value,
        "needs": {n.value for n in profile.needs},
        "needs_count_heavy": len(
            {n.value for n in profile.needs} & {"admin_panel", "data_processing", "realtime"}
        ),
        "team.languages": {lang.value for lang in profile.team.languages},
        "team.size": profile.team.size,
        "team.hiring": profile.team.hiring,
        "team.fullstack_js": profile.team.fullstack_js,
        "team.js_only": profile.team.js_only,
        "team.writes_js": profile.team.writes_js,
        "team.frameworks": {f.value for f in profile.team.frameworks},
        "deployment": profile.deployment.value,
        "ai_later": profile.ai_later.value,
        "ai_models": profile.ai_models.value,
        "scale.peak_rps": profile.scale.peak_rps,
        "scale.concurrent_connections": profile.scale.concurrent_connections,
        "region": profile.region,
        "integrations": profile.integrations,
        "regulated_data": profile.regulated_data.value,
        "budget_eur": profile.budget_eur,
        "deadline_weeks": profile.deadline_weeks,
    }


def holds(condition: Condition | None, context: Context) -> bool:
    """Whether a condition is true in a context; an absent condition always holds."""
    if condition is None:
        return True
    if condition.all is not None:
        return all(holds(c, context) for c in condition.all)
    if condition.any is not None:
        return any(holds(c, context) for c in condition.any)
    if condition.not_ is not None:
        return not holds(condition.not_, context)
    value = context.get(condition.field or "")
    if condition.is_set is not None:
        present = value is not None and value != set() and value != ""
        return present is condition.is_set
    if condition.in_ is not None:
        return value in condition.in_
    if condition.contains is not None:
        return isinstance(value, set) and condition.contains in value
    if condition.contains_any is not None:
        return isinstance(value, set) and bool(value & set(condition.contains_any))
    if condition.gte is not None:
        return value is not None and value >= condition.gte
    if condition.lte is not None:
        return value is not None and value <= condition.lte
    return bool(value == condition.equals)
