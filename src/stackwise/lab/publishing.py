"""Where a run's results go: its own folder, and with --update-knowledge the shipped places.

The shipped results file lives inside the package (`knowledge/data/lab-results.json`), where the
advisor and the evidence page read it, also from an installed wheel; its report and charts go to
the repository's `lab/results/default/`. Nothing is copied twice.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from stackwise.knowledge.loader import EVIDENCE_FILE


def shipped_results_file() -> Path:
    """The results file the package ships (the advisor's evidence)."""
    return Path(str(files("stackwise.knowledge") / "data" / EVIDENCE_FILE))


def shipped_report_dir() -> Path:
    """The folder of the shipped report and charts: lab/results/default in a checkout."""
    from stackwise.lab.location import LAB_DIR

    return LAB_DIR / "results" / "default"


def write_run(results: dict[str, Any], out: Path, update_knowledge: bool) -> list[Path]:
    """Write results.json, charts and report.md to out; with update_knowledge also the shipped
    results file and its report and charts."""
    from stackwise.lab.report import write_report
    from stackwise.lab.results import write_results

    written = [write_results(out, results), write_report(out)]
    if update_knowledge:
        shipped = write_results(shipped_results_file(), results)
        report = shipped_report_dir()
        for old in [*report.glob("*.png"), report / "results.json"]:
            old.unlink(missing_ok=True)
        written += [shipped, write_report(shipped, report)]
    return written
