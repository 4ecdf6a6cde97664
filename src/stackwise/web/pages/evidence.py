"""The lab's shipped measurements and the article's claims judged against them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stackwise.lab.publishing import shipped_report_dir, shipped_results_file

RESULTS_DIR = shipped_report_dir()  # the shipped report's charts
WORKLOADS = ("json", "plaintext", "db", "queries", "updates", "fortunes", "saas", "upstream")


def shipped_results(path: Path | None = None) -> dict[str, Any] | None:
    """What the evidence page shows, or None when no run has been recorded."""
    from stackwise.knowledge.models import Evidence
    from stackwise.lab.report import OUTCOME_LABELS, claim_verdicts
    from stackwise.lab.results import load_results

    path = path or shipped_results_file()
    if not path.exists():
        return None
    data = load_results(path)
    summary = data["summary"]
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
        for v in claim_verdicts(data)
    ]
    evidence = Evidence.model_validate(data["evidence"])
    return {
        "machine": data["machine"],
        "configuration": data["configuration"],
        # Per app: server model, processes, threads, pool, data access, docs followed, source.
        "apps": {app: info.get("configuration") for app, info in data["apps"].items()},
        "evidence": evidence,
        # Per workload, the stacks whose capacity interval overlaps the best one's.
        "ties": {w: evidence.tied_with_best(w) for w in WORKLOADS},
        "finished_at": data["finished_at"],
        "duration_min": round(float(data["duration_s"]) / 60, 1),
        "concurrency": data["summary_concurrency"],
        "workloads": WORKLOADS,
        "rows": rows,
        "verdicts": verdicts,
        "charts": sorted(p.name for p in RESULTS_DIR.glob("*.png")),
        "summary": summary,
        "cold_start_ms": data.get("cold_start_ms", {}),
        "ws_kb": data.get("ws_rss_per_1000_kb", {}),
        "setups": {stack: c.model_dump() for stack, c in evidence.capacity.items()},
    }
