"""ADRs read by the ADR tools themselves: each style puts the status and date where its tool looks."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from stackwise.advisor import read_profile_file, recommend
from stackwise.cli.advise import AdrStyleOption
from stackwise.knowledge import load_knowledge
from stackwise.report.adr import AdrStyle, render_adr
from tests.cli.test_cli import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DAY = dt.date(2026, 11, 25)


def _adr(style: AdrStyle, example: str = "saas-python-team") -> str:
    recommendation = recommend(read_profile_file(EXAMPLES / f"{example}.yaml"), load_knowledge())
    return render_adr(recommendation, DAY, style)


def _log4brains(project: Path, node_modules: Path, *args: str) -> str:
    done = subprocess.run(
        [str(node_modules / ".bin" / "log4brains"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_log4brains_shows_the_proposed_status_and_date_the_file_states(tmp_path, node_tools):
    (tmp_path / ".log4brains.yml").write_text(
        "project:\n  name: Our product\n  tz: Etc/UTC\n  adrFolder: ./docs/adr\n"
    )
    for example, slug in (
        ("saas-python-team", "20261125-backend-stack"),
        ("saas-realtime-ai-hybrid", "20261125-realtime-backend"),
    ):
        written = run(
            "advise",
            *("--profile", str(EXAMPLES / f"{example}.yaml"), "--format", "adr"),
            *("--adr-style", "log4brains", "--output", f"docs/adr/{slug}.md"),
            cwd=tmp_path,
        )
        assert written.returncode == 0, written.stderr

    listed = _log4brains(tmp_path, node_tools, "adr", "list", "--raw").splitlines()
    assert sorted(listed) == [
        "20261125-backend-stack,PROPOSED,,"
        "Use Django for the backend of Invoicing SaaS for accountants",
        "20261125-realtime-backend,PROPOSED,,Use Django core with a NestJS real-time service "
        "for the backend of Collaborative proposal editor with AI drafting",
    ]

    # The date is read through log4brains' own library, as its web pages read it.
    script = (
        "require('@log4brains/core').Log4brains.create(process.cwd()).searchAdrs()"
        ".then(adrs => console.log(JSON.stringify(adrs.map(a => a.publicationDate))))"
    )
    done = subprocess.run(
        ["node", "-e", script],
        cwd=tmp_path,
        env={**os.environ, "NODE_PATH": str(node_tools)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    stated = sorted(
        re.search(r"^\* Date: (\S+)$", path.read_text(), re.M).group(1)  # type: ignore[union-attr]
        for path in (tmp_path / "docs" / "adr").glob("*.md")
    )
    assert sorted(json.loads(done.stdout)) == [f"{day}T23:59:59.000Z" for day in stated]


def test_adr_viewer_sees_a_pending_decision():
    from adr_viewer.parse import parse_adr

    parsed = parse_adr(_adr(AdrStyle.adr_viewer))
    assert parsed is not None
    assert parsed.status == "pending"  # adr-viewer's name for "Proposed"
    assert parsed.title == "Use Django for the backend of Invoicing SaaS for accountants"
    assert parse_adr(_adr(AdrStyle.madr)).status == "unknown"  # type: ignore[union-attr]


def test_every_style_keeps_the_madr_sections_and_states_the_date():
    for style in AdrStyle:
        text = _adr(style)
        assert "2026-11-25" in text
        assert text.index("## Context and Problem Statement") < text.index("## Decision Outcome")
        assert text.count("# Use Django for the backend") == 1


def test_the_cli_offers_exactly_the_report_styles():
    assert [s.value for s in AdrStyleOption] == [s.value for s in AdrStyle]


def test_adr_style_without_the_adr_format_is_refused():
    result = run(
        "advise", "--profile", str(EXAMPLES / "saas-python-team.yaml"), "--adr-style", "log4brains"
    )
    assert result.returncode == 2
    assert result.stderr == "error: --adr-style: applies to --format adr only\n"
