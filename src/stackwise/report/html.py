"""The printable HTML report (the PDF's source), rendered with Jinja2 so it needs no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from stackwise.advisor.recommendation import Recommendation
from stackwise.report.charts import chart_description, contributions_data_uri
from stackwise.report.wording import eur, profile_lines, readable, title_of, weeks


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("stackwise.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(eur=eur, weeks=weeks)
    return env


@dataclass(frozen=True)
class Contact:
    """Who a reader of a kept report can turn to, and where the result lives online: the site
    fills it from its settings; a report made with the CLI has none."""

    consultant: str
    booking_url: str
    email: str = ""
    result_url: str = ""


def render_html(
    recommendation: Recommendation,
    *,
    made_on: dt.date | None = None,
    contact: Contact | None = None,
) -> str:
    """A self-contained HTML document of the recommendation, styled for A4, ending with the
    next steps (and the consultant's contact when the site made it)."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=recommendation,
        contact=contact,
        title=title_of(recommendation),
        **readable(recommendation),
        profile_lines=profile_lines(recommendation),
        chart_uri=contributions_data_uri(recommendation),
        chart_alt=chart_description(recommendation),
        made_on=(made_on or dt.date.today()).isoformat(),
    )
