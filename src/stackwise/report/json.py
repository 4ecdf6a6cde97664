"""The JSON report: docs/architecture.md's contract, byte-identical for the same profile and knowledge."""

from __future__ import annotations

import json as _json

from stackwise.advisor.recommendation import Recommendation


def render_json(recommendation: Recommendation) -> str:
    """Serialise a recommendation with a stable key order and a final newline."""
    data = recommendation.model_dump(mode="json")
    return _json.dumps(data, indent=2, ensure_ascii=False) + "\n"
