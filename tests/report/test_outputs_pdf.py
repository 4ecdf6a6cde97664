"""The PDF report is accessible: tagged for screen readers, described in its metadata."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from stackwise.advisor import read_profile_file, recommend
from stackwise.knowledge import load_knowledge
from stackwise.report.pdf import render_pdf
from tests.helpers.prerequisites import require

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "saas-realtime-ai-hybrid.yaml"


def _structure(node: object, found: set[str], alts: list[str] | None = None) -> set[str]:
    """Every structure type (H1, Table, L, ...) under a node of the PDF's structure tree, and
    into `alts` every alternative text a screen reader would read for a figure."""
    node = node.get_object()  # type: ignore[attr-defined]
    if isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/Alt" in node and alts is not None:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                _structure(kid, found, alts)
    return found


def test_the_pdf_is_tagged_titled_authored_and_in_english(tmp_path, artifacts):
    require(None if shutil.which("pdfinfo") else "pdfinfo (apt-get install poppler-utils)")
    recommendation = recommend(read_profile_file(EXAMPLE), load_knowledge())
    pdf = render_pdf(recommendation, made_on=dt.date(2026, 11, 25))
    path = artifacts / "report-accessible.pdf"
    path.write_bytes(pdf)

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    fields = {key: value.strip() for key, value in fields.items()}
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == (
        "Backend recommendation: Collaborative proposal editor with AI drafting"
    )
    assert fields["Author"] == "stackwise"
    assert fields["Subject"].startswith("Backend stack recommendation: Django as the core")
    assert fields["Page size"].endswith("(A4)")

    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]  # readers show the title
    alts: list[str] = []
    kinds = _structure(catalog["/StructTreeRoot"], set(), alts)
    assert {"/H1", "/H2", "/Table", "/TH", "/L", "/LI", "/Figure"} <= kinds
    # The score chart is read out as words: every stack with its score, best first.
    chart = next(alt for alt in alts if alt.startswith("Where each stack's points come from"))
    for stack in recommendation.ranking:
        assert f"{stack.name} {stack.score:.1f} points" in chart
