"""The lab's shipped measurements and the article's claims judged against them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from stackwise.web.config import BASE_DIR

RESULTS_DIR = BASE_DIR / "lab" / "results" / "default"
WORKLOADS = ("json", "plaintext", "db", "queries", "updates", "fortunes", "saas", "upstream")


def shipped_results(folder: Path = RESULTS_DIR) -> dict[str, Any] | None:
    """What the evidence page shows, or None when no run has been recorded."""
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
            "comparisons": v.comparisons,
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
        "summary": summary,
        "cold_start_ms": data.get("cold_start_ms", {}),
        "ws_kb": data.get("ws_rss_per_1000_kb", {}),
        "setups": _setups(path),
    }


def _setups(path: Path) -> dict[str, dict[str, Any]]:
    """Each measured app's configuration as the results file states it."""
    from stackwise.knowledge.evidence import read_evidence

    evidence = read_evidence(path)
    if evidence is None:
        return {}
    return {stack: capacity.model_dump() for stack, capacity in evidence.capacity.items()}
