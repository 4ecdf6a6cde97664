"""The PDF report: the printable HTML through WeasyPrint."""

from __future__ import annotations

import datetime as dt

from stackwise.advisor.recommendation import Recommendation
from stackwise.report.html import render_html


def render_pdf(recommendation: Recommendation, *, made_on: dt.date | None = None) -> bytes:
    """An A4 PDF of the recommendation."""
    from weasyprint import HTML

    return HTML(string=render_html(recommendation, made_on=made_on)).write_pdf()
