"""The lab run behind the advisor's evidence, and the article's claims judged against it."""

from __future__ import annotations

from dataclasses import dataclass

from stackwise.knowledge.models import Evidence
from stackwise.lab.data.claims import OUTCOME_LABELS, Verdict, claim_verdicts
from stackwise.lab.data.results import ResultsError, RunResults, load_results, run_file
from stackwise.web.knowledge import site_knowledge


@dataclass(frozen=True)
class ShownVerdict:
    """A claim's verdict as the page shows it."""

    verdict: Verdict
    label: str


@dataclass(frozen=True)
class LabEvidence:
    """What the evidence page shows: the advisor's evidence and, where this installation has
    it, the raw run it came from (a checkout has lab/results; an installed wheel does not)."""

    evidence: Evidence
    run: RunResults | None

    @property
    def verdicts(self) -> list[ShownVerdict]:
        if self.run is None:
            return []
        return [ShownVerdict(v, OUTCOME_LABELS[v.outcome]) for v in claim_verdicts(self.run)]

    @property
    def duration_min(self) -> float:
        return round(self.run.duration_s / 60, 1) if self.run else 0.0


def lab_evidence(evidence: Evidence | None = None) -> LabEvidence | None:
    """The site's evidence and its run, or None when the knowledge has no measurements."""
    evidence = evidence or site_knowledge().evidence
    if evidence is None:
        return None
    try:
        run = load_results(run_file(evidence.document))
    except ResultsError:
        run = None  # not in this installation: the page says where the raw run is kept
    return LabEvidence(evidence, run)
