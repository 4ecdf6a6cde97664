"""What the result page shows: the recommendation in plain words, and what changed since the
previous answers (the "what if")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.text import slugify

from stackwise.advisor.recommendation import Recommendation
from stackwise.report.citation import cite
from stackwise.report.wording import (
    headline,
    hybrid_duties,
    plain,
    profile_lines,
    readable,
    runner_up_hybrid_cost,
)
from stackwise.web.assessments.hero import hero, pick_title
from stackwise.web.assessments.models import Assessment


@dataclass(frozen=True)
class Change:
    """One answer that differs between two assessments."""

    topic: str
    before: str
    after: str


@dataclass(frozen=True)
class WhatIf:
    """The previous result beside the new one: what was answered differently and what it did."""

    previous: Assessment
    before: Recommendation
    changes: list[Change]
    new_reasons: list[str]
    pick_changed: bool


def _answers(recommendation: Recommendation) -> dict[str, str]:
    """The profile as topic -> answer, from the same lines the reports print."""
    answers = {}
    for line in profile_lines(recommendation):
        topic, _, answer = line.partition(": ")
        answers[topic] = answer
    return answers


def what_if(previous: Assessment, now: Recommendation) -> WhatIf:
    """Compare the earlier assessment with the new recommendation, answer by answer."""
    before = previous.recommendation
    old, new = _answers(before), _answers(now)
    changes = [
        Change(topic, old.get(topic, "not answered"), new.get(topic, "not answered"))
        for topic in dict.fromkeys([*old, *new])
        if old.get(topic) != new.get(topic)
    ]
    old_reasons = {plain(before, r) for r in before.reasons}
    new_reasons = [plain(now, r) for r in now.reasons if plain(now, r) not in old_reasons]
    return WhatIf(previous, before, changes, new_reasons[:4], before.top != now.top)


def result_context(recommendation: Recommendation) -> dict[str, Any]:
    """The recommendation's sentences and tables with internal ids turned into words."""
    r = recommendation
    top, runner_up = r.ranking[0], r.ranking[1]
    arch = r.architecture
    # Recommendations made before hybrids could go either way name only a real-time service.
    service_id = getattr(arch, "service", None) or arch.realtime_service
    role = getattr(arch, "role", None) or ("realtime" if arch.realtime_service else None)
    performance = getattr(r, "performance", None)
    return {
        "r": r,
        "top": top,
        "runner_up": runner_up,
        "runner_up_as_hybrid": runner_up_hybrid_cost(r, dash="–"),
        "duties": hybrid_duties(r) if arch.kind == "hybrid" else None,
        "lead": top.score - runner_up.score,
        "service": r.stack(service_id) if service_id else None,
        "service_role": role,
        "tie": getattr(r, "tie", None),
        "warnings": getattr(r, "warnings", ()),
        "performance": performance,
        "capacity_rows": [
            (s.name, performance.cores.get(s.stack), performance.eur_per_month.get(s.stack))
            for s in r.ranking
        ]
        if performance is not None
        else [],
        "scope_note": None
        if getattr(r.estimate, "within_mvp_scope", True)
        else getattr(r.estimate, "scope_note", None),
        **readable(r),
        "sources": site_sources(r),
        "factor_rows": [
            (c, [s.contributions[i] for s in r.ranking]) for i, c in enumerate(top.contributions)
        ],
        "share_text": f"{headline(r)} {top.name} scores {top.score:.0f} of 100.",
        "hero": hero(r),
        "pick_title": pick_title(r),
    }


def site_sources(recommendation: Recommendation) -> list[dict[str, Any]]:
    """The recommendation's sources as a report cites them; the lab's address is the site's
    evidence page, which shows its measurements."""
    evidence_page = ("the evidence page", reverse("evidence"))
    return [
        {
            "id": s.get("id", ""),
            "citation": cite(s, page=evidence_page if s.get("id") == "lab" else None),
        }
        for s in recommendation.sources
    ]


def download_filename(recommendation: Recommendation, kind: str) -> str:
    """A file name after the project, so downloads of several projects do not collide."""
    slug = slugify(recommendation.profile.name)[:60].strip("-") or "project"
    return {
        "md": f"{slug}-backend-recommendation.md",
        "adr": f"0001-choose-backend-stack-for-{slug}.md",
        "json": f"{slug}-backend-recommendation.json",
        "pdf": f"{slug}-backend-recommendation.pdf",
    }[kind]
