"""Sample inputs several test packages post or parse: a profile and a booking form."""

from __future__ import annotations

from typing import Any

from stackwise.advisor import ProjectProfile, parse_profile

SAAS = {
    "name": "Invoicing SaaS",
    "product": "saas",
    "needs": ["admin_panel"],
    "team": {"languages": ["python"], "size": 2},
    "budget_eur": 9000,
    "deadline_weeks": 8,
}


def profile(**data: Any) -> ProjectProfile:
    """A profile from keyword data, validated like any input."""
    return parse_profile(data)


def form_data(slot: Any, **changes: Any) -> dict[str, str]:
    """The booking form as a visitor fills it in for `slot`; a change of None leaves a field out."""
    data = {
        "start": slot.start.isoformat(),
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "company": "Analytical Engines",
        "message": "We are choosing between Django and NestJS.",
        "consent": "on",
        "timezone": "Europe/London",
        "website": "",
        **changes,
    }
    return {k: v for k, v in data.items() if v is not None}
