"""Where a run's results go: its own folder, and when published, the knowledge and lab/results.

A raw run (results.json, report.md and charts) stays a run: published, it is kept under
lab/results/<run>/ in the repository, and only its evidence (what the advisor reads, a few
kilobytes) goes into the knowledge folder as evidence.json. The knowledge folder is an argument,
never assumed, so a test or a consultant publishes into a folder of their own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from stackwise.knowledge.loader import EVIDENCE_FILE
from stackwise.lab.data.capacity import evidence_of
from stackwise.lab.data.report import write_report
from stackwise.lab.data.results import RunResults, document_of, write_results
from stackwise.lab.location import LAB_DIR

RUNS_DIR = LAB_DIR / "results"
PUBLISHED_RUN = "default"  # the run the shipped evidence comes from


def write_run(results: RunResults, out: Path) -> list[Path]:
    """Write results.json, the charts and report.md into out."""
    return [write_results(out, results), write_report(results, out)]


def publish(
    results: RunResults, knowledge_dir: Path, runs_dir: Path = RUNS_DIR, run: str = PUBLISHED_RUN
) -> list[Path]:
    """Keep the raw run as runs_dir/<run>/ (replacing an older one there) and write its
    evidence into knowledge_dir, where the advisor reads it."""
    if not knowledge_dir.is_dir():
        raise NotADirectoryError(f"{knowledge_dir}: not a knowledge folder")
    run_dir = runs_dir / run
    if run_dir.exists():
        shutil.rmtree(run_dir)
    written = write_run(results, run_dir)
    evidence = knowledge_dir / EVIDENCE_FILE
    text = evidence_of(results, document_of(run_dir)).model_dump_json(indent=2)
    evidence.write_text(text + "\n", encoding="utf-8")
    return [*written, evidence]
