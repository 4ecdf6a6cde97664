"""The lab's shipped measurements and the article's claims judged against them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

WORKLOADS = ("json", "plaintext", "db", "queries", "updates", "fortunes", "saas", "upstream")


def shipped_results(folder: Path | None = None) -> dict[str, Any] | None:
    """What the evidence page shows, or None when no run has been recorded."""
    folder = folder or settings.LAB_RESULTS_DIR
    path = folder / "results.json"
    if not path.exists():
        return None
    from stackwise.lab.report import OUTCOME_LABELS, verdicts_of

    data = json.loads(path.read_text())
    summary = data.get("summary", {})
    rows = [
        (app, [summary[app].get(w) for w in WORKLOADS])
        for app in ("django", "fastapi", "express", "nestjs")
        if app in summary
    ]
    verdicts = [
        {
            "claim": v.claim,
            "outcome": v.outcome,
            "label": OUTCOME_LABELS.get(v.outcome, v.outcome),
            "finding": v.finding,
            "caveat": v.caveat,
        }
        for v in verdicts_of(folder)
    ]
    return {
        "machine": data.get("machine", {}),
        "configuration": data.get("configuration", {}),
        "finished_at": data.get("finished_at", ""),
        "duration_min": round(float(data.get("duration_s", 0)) / 60, 1),
        "concurrency": data.get("summary_concurrency"),
        "workloads": WORKLOADS,
        "rows": rows,
        "verdicts": verdicts,
        "charts": sorted(p.name for p in folder.glob("*.png")),
    }
