"""The PDF report: the printable HTML through WeasyPrint."""

from __future__ import annotations

import datetime as dt

from stackwise.advisor.recommendation import Recommendation
from stackwise.report.html import Contact, render_html
from stackwise.report.wording import headline


def render_pdf(
    recommendation: Recommendation,
    *,
    made_on: dt.date | None = None,
    contact: Contact | None = None,
) -> bytes:
    """An A4 PDF of the recommendation, tagged (PDF/UA-1) so screen readers can follow its
    headings, lists and tables, with its title, author, subject and language in the metadata."""
    from weasyprint import HTML

    day = made_on or dt.date.today()
    document = HTML(string=render_html(recommendation, made_on=day, contact=contact)).render()
    # The title and language come from the HTML's <title> and <html lang>.
    document.metadata.authors = ["stackwise"]
    document.metadata.description = f"Backend stack recommendation: {headline(recommendation)}"
    document.metadata.keywords = [stack.name for stack in recommendation.ranking]
    document.metadata.created = day.isoformat()
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))
