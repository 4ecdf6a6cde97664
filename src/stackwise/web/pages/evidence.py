"""The lab's shipped measurements, read for the evidence page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from stackwise.web.config import BASE_DIR

RESULTS_DIR = BASE_DIR / "lab" / "results" / "default"


def shipped_results(folder: Path = RESULTS_DIR) -> dict[str, Any] | None:
    """The default results file and its report, or None when no run has been recorded."""
    path = folder / "results.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    report = folder / "report.md"
    return {
        "data": data,
        "report": report.read_text() if report.exists() else "",
        "charts": sorted(p.name for p in folder.glob("*.png")),
    }
