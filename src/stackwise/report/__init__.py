"""Reports: render a Recommendation as JSON, Markdown, an ADR, terminal text, HTML or PDF."""

from __future__ import annotations

from stackwise.report.adr import render_adr
from stackwise.report.json import render_json
from stackwise.report.markdown import render_markdown

__all__ = ["render_adr", "render_json", "render_markdown"]
