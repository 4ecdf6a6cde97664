"""What the accessibility tests report: axe-core's serious and critical violations."""

from __future__ import annotations

from typing import Any


def serious(axe: Any, page: Any) -> list[str]:
    """The serious and critical violations, each with the first offending element."""
    violations = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
