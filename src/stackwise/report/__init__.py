"""Reports: render a Recommendation as JSON, Markdown, an ADR, terminal text, HTML or PDF.

Each format is its own module (`stackwise.report.json`, `.markdown`, `.adr`, ...), imported by
whoever needs that format: the CLI's JSON output does not load the Markdown and ADR layouts.
"""
