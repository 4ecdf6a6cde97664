"""The reports a team keeps: the JSON contract, Markdown, and a MADR 4 decision record."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from stackwise.advisor import read_profile_file, recommend
from stackwise.knowledge import load_knowledge
from stackwise.knowledge.models import STACK_IDS
from stackwise.report.adr import render_adr
from stackwise.report.json import render_json
from stackwise.report.markdown import render_markdown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rec(name: str):  # type: ignore[no-untyped-def]
    return recommend(read_profile_file(EXAMPLES / f"{name}.yaml"), load_knowledge())


def test_json_has_every_field_of_the_contract():
    data = json.loads(render_json(_rec("realtime-chat-ts-team")))
    assert {
        "top",
        "ranking",
        "architecture",
        "risks",
        "estimate",
        "reasons",
        "flips",
        "knowledge_version",
    } <= set(data)
    assert [r["stack"] for r in data["ranking"]][0] == data["top"] == "nestjs"
    assert all(set(r) >= {"stack", "score"} for r in data["ranking"])
    assert data["architecture"]["kind"] == "single"
    assert "ai_later" in [r["id"] for r in data["risks"]]
    assert data["estimate"]["cost_eur"]["low"] <= data["estimate"]["cost_eur"]["high"]
    assert data["estimate"]["weeks"]["low"] <= data["estimate"]["weeks"]["high"]


def test_markdown_explains_scores_estimate_risks_and_sources():
    text = render_markdown(_rec("saas-realtime-ai-hybrid"))
    for heading in (
        "## Ranking",
        "## Why",
        "## Architecture",
        "## Estimate",
        "## Risks",
        "## What would change this",
        "## Score breakdown",
        "## Rules that applied",
        "## Sources",
    ):
        assert heading in text
    assert "Hybrid: a Django core" in text
    before_sources = text.split("## Sources")[0]
    assert "shared/seed/" not in before_sources and "set aside by `" not in text
    assert "Python vs Node.js for Backend Development (2026 comparison article)" in text


def test_markdown_sources_name_publisher_title_date_and_address():
    sources = render_markdown(_rec("saas-realtime-ai-hybrid")).split("## Sources")[1]
    cited = " ".join(sources.split())  # as read, whatever the line wrapping
    assert (
        "- the consultant who runs the stackwise site (the article names no author), "
        "*Python vs Node.js for Backend Development (2026 comparison article)*, 2026, "
        "`shared/seed/python-vs-nodejs-2026.txt` in the stackwise project"
    ) in cited
    assert (
        "- Django Software Foundation, *Django documentation: admin site, ORM, authentication "
        "and migrations*, 2025, <https://docs.djangoproject.com/en/5.2/>"
    ) in cited


def test_the_adr_cites_a_book_by_its_author_title_publisher_and_year():
    adr = " ".join(render_adr(_rec("saas-realtime-ai-hybrid")).split())
    assert (
        "* Steve McConnell, *Software Estimation: Demystifying the Black Art*, Microsoft Press, "
        "2006, <https://stevemcconnell.com/books/>"
    ) in adr


MADR_SECTIONS = [
    "## Context and Problem Statement",
    "## Decision Drivers",
    "## Considered Options",
    "## Decision Outcome",
    "### Consequences",
    "### Confirmation",
    "## Pros and Cons of the Options",
    "## More Information",
]


def test_adr_follows_madr_4_with_front_matter_and_sections_in_order():
    text = render_adr(_rec("saas-python-team"), dt.date(2026, 11, 25))
    front = text.split("---")[1]
    assert yaml.safe_load(front) == {"status": "proposed", "date": dt.date(2026, 11, 25)}
    assert re.search(
        r"^# Use Django for the backend of Invoicing SaaS for accountants$", text, re.M
    )
    positions = [text.index(s) for s in MADR_SECTIONS]
    assert positions == sorted(positions)
    assert 'Chosen option: "Django"' in text
    for option in ("### Django", "### FastAPI", "### NestJS", "### Express"):
        assert option in text
    assert "TODO" not in text and "fill in" not in text.lower()


def test_markdown_shows_capacity_warnings_and_an_estimate_past_an_mvp_unquoted():
    text = render_markdown(_rec("partner-api-at-scale"))
    assert "## Performance at your load" in text
    assert re.search(r"\| Express \| [\d.,]+ \| [\d,]+ \|", text)
    words = " ".join(text.split())  # Markdown wraps lines wherever the figures put them
    assert "no first-version price" in words and "a month" in words
    assert "The article quotes" not in text and "Fits the" not in text
    assert "**EUR" not in text.split("## Estimate")[1].split("Assumptions:")[0]
    warned = render_markdown(_rec("contradictory-edge-small-api"))
    assert "## Check these answers" in warned and "Python on an edge runtime" in warned


def test_markdown_describes_the_reverse_hybrid():
    text = render_markdown(_rec("ts-team-realtime-ai-hybrid"))
    assert "Hybrid: a NestJS core" in text and "a FastAPI service for the AI work" in text


def test_adr_says_good_only_where_the_option_beats_the_others():
    rec = _rec("saas-python-team")
    text = render_adr(rec, dt.date(2026, 11, 25))
    django = text.split("### Django")[1].split("###")[0]
    for line in django.splitlines():
        if line.startswith("* Good, because of the best "):
            name = line.removeprefix("* Good, because of the best ").split(" (")[0]
            index = next(
                i for i, c in enumerate(rec.stack("django").contributions) if c.name.lower() == name
            )
            mine = rec.stack("django").contributions[index].score
            assert all(s.contributions[index].score <= mine for s in rec.ranking)
    # the dearest option is never "Good" for its cost
    dearest = max(rec.ranking, key=lambda s: s.estimate.cost_eur.low + s.estimate.cost_eur.high)
    section = text.split(f"### {dearest.name}")[1].split("###")[0]
    assert "Good, because it is the cheapest" not in section
    assert "Bad, because it is the dearest" in section


def test_adr_names_no_factor_that_does_not_apply():
    text = render_adr(_rec("saas-python-team"), dt.date(2026, 11, 25))
    assert "serverless cold start" not in text.lower()
    assert "full-stack synergy" not in text.lower()


def test_comparison_shows_the_advices_own_measured_figures_at_a_stated_typical_load():
    from stackwise.advisor.profile import ProjectProfile
    from stackwise.report.comparison import TYPICAL, comparison_data, comparison_markdown

    knowledge = load_knowledge()
    data = comparison_data(knowledge)
    rec = recommend(ProjectProfile.model_validate(TYPICAL), knowledge, robustness_samples=0)
    performance = next(f for f in data["factors"] if f["id"] == "raw_performance")
    assert performance["for_typical_profile"]
    for stack in rec.ranking:
        advised = next(c for c in stack.contributions if c.factor == "raw_performance")
        assert performance["scores"][stack.stack]["score"] == round(advised.score, 2)
    assert data["typical_profile"]["performance"]["cores"] == rec.performance.cores
    assert data["typical_profile"]["performance"]["text"].startswith("At a peak of 1,000 req/s")
    assert {m["stack"] for m in data["measurements"]} == set(STACK_IDS)
    text = comparison_markdown(knowledge)
    assert "## Measured capacity" in text and "1,000 req/s" in text


def test_an_assessment_stored_before_these_fields_still_renders():
    from stackwise.advisor import Recommendation

    data = json.loads(render_json(_rec("saas-python-team")))
    for key in ("tie", "performance", "warnings"):
        del data[key]
    for key in ("family", "family_share", "family_label", "framework_share", "framework_label"):
        del data["robustness"][key]
    del data["robustness"]["varied"]
    for estimate in [data["estimate"], *(s["estimate"] for s in data["ranking"])]:
        for key in (
            "person_weeks",
            "rate_used_eur_per_hour",
            "hybrid_extra_eur",
            "within_mvp_scope",
            "scope_note",
        ):
            del estimate[key]
    for key in ("service", "role", "ai_service"):
        del data["architecture"][key]
    old = Recommendation.model_validate(data)
    assert "random re-weightings" in render_markdown(old)
    assert "# Use Django" in render_adr(old, dt.date(2026, 11, 25))


def test_adr_drivers_are_the_rules_that_decided_not_warnings_or_risks():
    text = render_adr(_rec("contradictory-edge-small-api"), dt.date(2026, 11, 25))
    drivers = text.split("## Decision Drivers")[1].split("## Considered Options")[0]
    assert "The languages the team already writes" in drivers
    assert "Python on an edge runtime" not in drivers and "Estimate above budget" not in drivers


def test_the_compare_page_cli_and_api_name_one_typical_load():
    from stackwise.report.comparison import TYPICAL_WORDS, comparison_data

    data = comparison_data(load_knowledge())
    assert "1,000 req/s" in TYPICAL_WORDS
    for factor in data["factors"]:
        expected = TYPICAL_WORDS if factor["for_typical_profile"] else None
        assert factor["typical_profile"] == expected


def test_markdown_prices_a_serverless_load_per_request_not_in_cores():
    md = render_markdown(_rec("serverless-webhooks"))
    load = md[md.index("## Performance at your load") : md.index("## Architecture")]
    assert "| Stack | EUR per month | Basis |" in load
    assert "billed per request" in load and "Cores at peak" not in load
    assert "Cores at peak" in render_markdown(_rec("partner-api-at-scale"))


def test_markdown_splits_a_hybrids_first_version_into_core_and_service():
    rec = _rec("saas-realtime-ai-hybrid")
    total, extra = rec.estimate.cost_eur, rec.architecture.extra_cost_eur
    assert extra is not None
    flat = " ".join(render_markdown(rec).split())
    assert (
        f"First version: Django core EUR {total.low - extra.low:,.0f}-"
        f"{total.high - extra.high:,.0f} + NestJS real-time service EUR "
        f"{extra.low:,.0f}-{extra.high:,.0f} = EUR {total.low:,.0f}-{total.high:,.0f}"
    ) in flat
