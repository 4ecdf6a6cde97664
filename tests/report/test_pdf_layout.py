"""The PDF reads as a printed A4 report: it ends with the next steps and how to reach the
consultant, its chart and tables fit the page, and no page is left with a line or two."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from stackwise.advisor import read_profile_file, recommend
from stackwise.advisor.recommendation import Recommendation
from stackwise.knowledge import load_knowledge
from stackwise.report.html import Contact, render_html
from stackwise.report.pdf import render_pdf
from tests.helpers.prerequisites import require

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
DAY = dt.date(2026, 11, 25)
CONTACT = Contact(
    consultant="Ana Petrova",
    booking_url="https://advice.example/book/",
    email="ana@advice.example",
    result_url="https://advice.example/assessments/3f2a9c1e/",
)
# A4 in CSS pixels (96 a inch), the unit of the layout boxes WeasyPrint tags figures with, and
# the width of its text between the 16 mm side margins.
PAGE_HEIGHT_PX = 297 / 25.4 * 96
TEXT_WIDTH_PX = (210 - 2 * 16) / 25.4 * 96
# The least a last page carries: the next steps' heading and items at the very least.
LAST_PAGE_LINES = 6


@cache
def _recommendation(example: Path) -> Recommendation:
    return recommend(read_profile_file(example), load_knowledge())


def _example(name: str) -> Path:
    return next(path for path in EXAMPLES if path.stem == name)


def _pages(pdf: bytes) -> list[list[str]]:
    """Each page's lines as a reader sees them (pdftotext's reading order), without the running
    footer (the report's title and the page number)."""
    require(None if shutil.which("pdftotext") else "pdftotext (apt-get install poppler-utils)")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in pages
        if page.strip()
    ]


def _content(page: list[str]) -> list[str]:
    return [line for line in page if not line.startswith("stackwise · ")]


@cache
def _cli_pages(example: Path) -> list[list[str]]:
    """The PDF's pages when no site made it (no consultant to name): the shortest ending."""
    return _pages(render_pdf(_recommendation(example), made_on=DAY))


def test_the_pdf_ends_with_the_next_steps_and_how_to_reach_the_consultant():
    recommendation = _recommendation(_example("saas-python-team"))
    last = _content(_pages(render_pdf(recommendation, made_on=DAY, contact=CONTACT))[-1])

    assert "Next steps" in last
    steps = " ".join(last[last.index("Next steps") :])
    assert "Talk it through with Ana Petrova" in steps
    assert "https://advice.example/book/" in steps.replace(" ", "")
    assert last[-1].endswith("ana@advice.example.")  # the contact is the last thing read


def test_without_a_site_the_pdf_ends_with_the_next_steps_alone():
    last = _content(_cli_pages(_example("saas-python-team"))[-1])

    assert "Next steps" in last
    steps = " ".join(last[last.index("Next steps") :])
    assert "Record the decision with your team" in steps
    assert "discovery call" not in steps  # no consultant to name, no address made up
    assert last[-1].endswith("download beside the PDF.")


def test_the_knowledge_version_is_a_colophon_under_the_title_not_the_last_line():
    recommendation = _recommendation(_example("saas-python-team"))
    pages = [_content(page) for page in _cli_pages(_example("saas-python-team"))]
    version = recommendation.knowledge_version

    first_lines = " ".join(pages[0][:4])
    assert f"knowledge version {version}" in first_lines
    assert not any(version in line for page in pages[1:] for line in page)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_no_page_is_left_with_a_line_or_two_or_ends_on_a_heading(example):
    pages = [_content(page) for page in _cli_pages(example)]
    headings = set(re.findall(r"<h2>(.*?)</h2>", render_html(_recommendation(example))))

    assert len(pages[-1]) > LAST_PAGE_LINES, pages[-1]
    for number, page in enumerate(pages[:-1], start=1):
        # a heading keeps at least its first paragraph or two list items with it
        assert page[-1] not in headings, f"page {number} ends on {page[-1]!r}"
        assert len(page) < 2 or page[-2] not in headings, f"page {number}: {page[-2:]}"


def test_the_chart_spans_the_text_width_and_stays_under_a_third_of_the_page():
    pdf = render_pdf(_recommendation(_example("live-scores-million-followers")), made_on=DAY)
    reader = PdfReader(io.BytesIO(pdf))
    figure = _figure(reader.trailer["/Root"]["/StructTreeRoot"])

    assert figure["/Pg"] == reader.pages[0].indirect_reference  # on the first page
    # The tagged figure's layout box (PDF/UA): left, low, right, high in CSS pixels.
    left, low, right, high = (float(x) for x in figure["/A"]["/BBox"])  # type: ignore[index]
    assert 0.9 * TEXT_WIDTH_PX <= right - left <= TEXT_WIDTH_PX + 1
    assert high - low <= PAGE_HEIGHT_PX / 3


def _figure(node: object) -> dict[str, object]:
    """The first figure in the PDF's structure tree."""
    node = node.get_object()  # type: ignore[attr-defined]
    if isinstance(node, dict):
        if node.get("/S") == "/Figure":
            return dict(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                found = _figure(kid)
                if found:
                    return found
    return {}
