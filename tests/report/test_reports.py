"""The reports a team keeps: the JSON contract, Markdown, and a MADR 4 decision record."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from stackwise.advisor import read_profile_file, recommend
from stackwise.knowledge import load_knowledge
from stackwise.report import render_adr, render_json, render_markdown

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
    assert "- Python vs Node.js for Backend Development (2026 comparison article)" in text
    assert "shared/seed/" not in text and "set aside by `" not in text


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
