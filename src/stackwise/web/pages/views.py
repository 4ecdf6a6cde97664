"""Home, comparison and evidence pages."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stackwise.web.knowledge import site_knowledge
from stackwise.web.pages.evidence import RESULTS_DIR, shipped_results


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What stackwise does and for whom, and where to start."""
    kb = site_knowledge()
    return render(request, "pages/home.html", {"stacks": kb.stacks.values()})


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Every factor, per family and per framework, each cell with its rationale and source."""
    kb = site_knowledge()
    stacks = list(kb.stacks.values())
    rows = [(f, [(s, f.scores[s.id]) for s in stacks]) for f in kb.factors.values()]
    return render(
        request,
        "pages/compare.html",
        {"stacks": stacks, "rows": rows, "sources": kb.sources.values(), "version": kb.version},
    )


@require_GET
def evidence(request: HttpRequest) -> HttpResponse:
    """The lab's measurements, or plainly that none has been recorded yet."""
    return render(request, "pages/evidence.html", {"results": shipped_results()})


@require_GET
def evidence_chart(request: HttpRequest, name: str) -> FileResponse:
    """A chart image from the shipped results."""
    path = RESULTS_DIR / name
    if not name.endswith(".png") or "/" in name or not path.exists():
        raise Http404("no such chart")
    return FileResponse(path.open("rb"), content_type="image/png")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A missing or stale CSRF token: say what happened in the site's own layout."""
    return render(request, "403_csrf.html", status=403)
