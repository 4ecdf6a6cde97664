"""Home, comparison and evidence pages."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from stackwise.knowledge.models import StackCapacity, StackScore
from stackwise.lab.data.results import AppEntry
from stackwise.lab.data.workloads import WORKLOADS
from stackwise.report.citation import cite
from stackwise.report.comparison import TYPICAL_PEAK_RPS, TYPICAL_WORDS, comparison_data
from stackwise.web.knowledge import site_knowledge
from stackwise.web.pages.evidence import lab_evidence
from stackwise.web.pages.lab_figures import (
    chart_named,
    charts,
    comparison_row,
    comparison_sentence,
    family_names,
    name_of,
)
from stackwise.web.pages.lab_sources import app_folder, app_source
from stackwise.web.pages.load_gap import load_gap, load_gap_sentence
from stackwise.web.pages.markdown import inline_html, markdown_html
from stackwise.web.pages.takeaways import takeaways


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What stackwise does and for whom, and where to start."""
    kb = site_knowledge()
    return render(request, "pages/home.html", {"stacks": kb.stacks.values()})


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Every factor, per family and per framework, each cell with its rationale and source;
    factors the lab measures show the measured score and link to the evidence."""
    kb = site_knowledge()
    stacks = list(kb.stacks.values())
    evidence_page = ("the evidence page", reverse("evidence"))
    sources = [
        {
            "id": s.id,
            "citation": cite(kb.cited(s.id), page=evidence_page if s.kind == "lab" else None),
            "supports": s.supports,
        }
        for s in kb.sources.values()
    ]
    short = {s.id: re.split(r"[:(]", s.title)[0].strip() for s in kb.sources.values()}
    # Measured and estimated factors score at a profile's own load: show the scores the
    # comparison gives everywhere (`stackwise compare`, /api/factors), for its named typical
    # profile.
    data = comparison_data(kb)
    measured = {
        (f["id"], stack): StackScore(**score)
        for f in data["factors"]
        if f["for_typical_profile"]
        for stack, score in f["scores"].items()
        if score["source"] == "lab"
    }
    rows = []
    for factor in kb.factors.values():
        cells = [
            (s, score, short.get(score.source, ""), factor.scores[s.id])
            for s in stacks
            for score in [measured.get((factor.id, s.id), factor.scores[s.id])]
        ]
        rows.append((factor, any((factor.id, s.id) in measured for s in stacks), cells))
    gap = load_gap(kb)
    return render(
        request,
        "pages/compare.html",
        {
            "stacks": stacks,
            "rows": rows,
            "sources": sources,
            "version": kb.version,
            "typical": TYPICAL_WORDS,
            "load_gap": load_gap_sentence(gap, {s.id: s.name for s in stacks}) if gap else "",
            "claims": [
                (rule, [kb.sources[c] for c in rule.verdict_sources if c in kb.sources])
                for rule in kb.rules.values()
                if rule.claim and rule.verdict
            ],
        },
    )


@require_GET
def evidence(request: HttpRequest) -> HttpResponse:
    """The lab's measurements, or plainly that none has been recorded yet."""
    lab = lab_evidence()
    # The comparison's typical product: the load the first takeaway is priced at.
    typical_rps = float(TYPICAL_PEAK_RPS)
    context: dict[str, Any] = {"lab": lab, "workloads": WORKLOADS}
    if lab is not None:
        run = lab.run
        context.update(
            takeaways=takeaways(lab.evidence, site_knowledge().stacks, typical_rps),
            run_note=inline_html(run.machine.note) if run and run.machine.note else "",
            results=run,
            charts=charts(run) if run else [],
            verdicts=[
                {
                    "claim": v.verdict.claim,
                    "outcome": v.verdict.outcome,
                    "label": v.label,
                    "caveat": v.verdict.caveat,
                    "sentences": [comparison_sentence(c) for c in v.verdict.comparisons]
                    or [v.verdict.finding],
                    "rows": [comparison_row(c) for c in v.verdict.comparisons],
                }
                for v in lab.verdicts
            ],
            apps=[
                _app_setup(app, setup, run.apps.get(app) if run else None)
                for app, setup in lab.evidence.capacity.items()
            ],
        )
    return render(request, "pages/evidence.html", context)


def _app_setup(app: str, setup: StackCapacity, stated: AppEntry | None) -> dict[str, Any]:
    """One lab app's configuration and where its source is: the run's own description of each
    app when this installation has the run, else the evidence's one line."""
    configuration = stated.configuration if stated else None
    source = configuration.source if configuration else setup.source or f"lab/apps/{app}/"
    shown = (
        configuration.model_dump(
            exclude={"sources", "source", "data_access", "usual_data_access", "env"}
        )
        if configuration
        else {}
    )
    details = "; ".join(
        f"{key.replace('_', ' ')}: {_plain(value)}" for key, value in shown.items() if value
    )
    usual = configuration.usual_data_access if configuration else setup.data_access
    if configuration:
        data_access = "; ".join(
            f"{'usual' if kind == usual else 'also measured'}: {name}"
            for kind, name in sorted(
                configuration.data_access.items(), key=lambda kv: kv[0] != usual
            )
        )
    else:
        data_access = {"orm": "through the ORM", "raw": "raw SQL driver"}[usual]
    docs = configuration.sources if configuration else setup.sources
    return {
        "name": name_of(app),
        "family": family_names().get(app, ""),
        "configuration": details or setup.configuration,
        "docs": [d for d in docs if str(d).startswith(("https://", "http://"))],
        "data_access": data_access,
        "source_url": _source_url(app, source),
        "source_title": source,
    }


def _plain(value: object) -> str:
    """A configuration value as a reader wants it: lists and tables without brackets."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _source_url(app: str, source: str) -> str | None:
    """Where a reader can open an app's source: the public repository when SOURCE_URL names
    one, else this site's own copy (when the lab folder is installed here)."""
    if source.startswith(("https://", "http://")):
        return source
    if settings.SOURCE_URL and source.startswith("lab/"):
        return f"{settings.SOURCE_URL}/{source.strip('/')}"
    if app_folder(app) is not None:
        return reverse("evidence-source", kwargs={"app": app})
    return None


@require_GET
def evidence_source(request: HttpRequest, app: str) -> HttpResponse:
    """One lab app's files as measured, so its configuration can be checked line by line."""
    files = app_source(app)
    if files is None:
        raise Http404("no such lab app here")
    anchors = {f.path: f"#{f.anchor}" for f in files}

    def resolve(path: str) -> str | None:
        # A link from the app's README: to another of its files on this page, or (from
        # SOURCE_URL) to the repository for what lies outside the app's folder.
        if path in anchors:
            return anchors[path]
        outside = posixpath.normpath(f"lab/apps/{app}/{path}")
        if settings.SOURCE_URL and outside.startswith("lab/") and not outside.startswith(".."):
            return f"{settings.SOURCE_URL}/{outside}"
        return None

    shown = [
        {
            "file": f,
            "html": markdown_html(f.text, resolve, heading_levels_below=2)
            if f.text and f.path.endswith(".md")
            else None,
        }
        for f in files
    ]
    return render(
        request,
        "pages/evidence_source.html",
        {"app": app, "name": name_of(app), "files": shown},
    )


@require_GET
def evidence_chart(request: HttpRequest, name: str) -> HttpResponse:
    """A chart the evidence page draws, on its own at full size."""
    lab = lab_evidence()
    chart = chart_named(lab.run, name) if lab is not None and lab.run is not None else None
    if chart is None:
        raise Http404("no such chart")
    return HttpResponse(chart.svg, content_type="image/svg+xml")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A missing or stale CSRF token: say what happened in the site's own layout."""
    return render(request, "403_csrf.html", status=403)
