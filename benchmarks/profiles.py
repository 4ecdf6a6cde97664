"""Forty distinct profiles, as forty different visitors would send them."""

from __future__ import annotations

from itertools import product
from typing import Any

from stackwise.advisor.profile import Product

PRODUCTS = tuple(p.value for p in Product)
TEAMS = (
    {"languages": ["python"], "size": 2},
    {"languages": ["typescript"], "size": 4, "fullstack_js": True},
    {"languages": ["javascript", "python"], "size": 6},
    {"languages": [], "size": 1},
    {"languages": ["other"], "size": 12},
)


def distinct_profiles() -> list[dict[str, Any]]:
    """8 products x 5 teams, each with its own budget and deadline: no two alike."""
    profiles = []
    for index, (kind, team) in enumerate(product(PRODUCTS, TEAMS)):
        profiles.append(
            {
                "name": f"Bench project {index}",
                "product": kind,
                "needs": ["admin_panel"] if index % 3 == 0 else ["realtime", "public_api"],
                "team": team,
                "ai_later": ("no", "possible", "likely")[index % 3],
                "scale": {"peak_rps": 50 + 37 * index, "concurrent_connections": 100 * index},
                "budget_eur": 4000 + 500 * index,
                "deadline_weeks": 4 + index % 20,
            }
        )
    return profiles
