"""The evidence pages in words a founder reads: what the figures mean, each workload and p99
explained, an app's README rendered rather than shown as Markdown source."""

from __future__ import annotations

import re
from html import unescape

import pytest

from stackwise.knowledge import load_knowledge
from stackwise.lab.data.workloads import WORKLOADS
from stackwise.web.pages.markdown import inline_html, markdown_html
from stackwise.web.pages.takeaways import takeaways
from tests.helpers.evidence import synthetic_evidence

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_evidence_page_opens_with_what_the_figures_mean_in_three_sentences(client):
    page = client.get("/evidence/").content.decode()
    text = _text(page)
    knowledge = load_knowledge()
    evidence = knowledge.evidence
    assert evidence is not None
    assert page.index("What this means for you") < page.index("claims, measured")
    express_db = evidence.capacity["express"].workloads["db"].rps_per_core.median
    fastapi_raw = evidence.capacity["fastapi"].variants["raw"]["db"].rps_per_core.median
    # The like-for-like sentence compares raw driver with raw driver, with the measured figures:
    # the best of each family (Express and FastAPI on the shipped run), the faster first.
    raw = {"Express": express_db, "FastAPI": fastapi_raw}
    first, second = sorted(raw, key=lambda name: -raw[name])
    assert (
        f"through a raw SQL driver, {first} {raw[first]:,.0f} against {second} {raw[second]:,.0f}"
        in text
    )
    assert "Serving 1,000 requests a second" in text
    memory = {s: c.ws_memory_per_1000_kb for s, c in evidence.capacity.items()}
    node = min(m.median for s, m in memory.items() if m and s in ("express", "nestjs"))
    python = min(m.median for s, m in memory.items() if m and s in ("django", "fastapi"))
    assert (
        f"1,000 idle WebSocket connections in about {node / 1000:,.0f} MB "
        f"against {python / 1000:,.0f} MB"
    ) in text


def test_a_takeaway_says_when_the_runtime_shows_in_the_bill_and_when_figures_tie():
    stacks = load_knowledge().stacks
    close = takeaways(synthetic_evidence(), stacks, typical_rps=1_000)
    assert "a server or two" in close[0].text
    far = takeaways(synthetic_evidence(), stacks, typical_rps=50_000)
    assert "the runtime already shows in the hosting bill" in far[0].text
    figures = {
        stack: {**rps, "db": 1000.0}
        for stack, rps in {
            "django": {"json": 1}, "fastapi": {"json": 1}, "express": {"json": 1},
            "nestjs": {"json": 1},
        }.items()
    }  # fmt: skip
    tied = takeaways(synthetic_evidence(figures), stacks, typical_rps=1_000)
    assert "a tie within the spread of the repeats" in tied[1].text


def test_every_workload_and_p99_are_explained_in_words(client):
    assert all(len(w.explained) > 40 for w in WORKLOADS), "a workload without an explanation"
    text = _text(client.get("/evidence/").content.decode())
    for workload in WORKLOADS:
        assert workload.explained in text
    assert "99 of every 100 requests" in text
    # The run's note renders its Markdown: no literal backticks on the page.
    assert "`" not in text


def test_an_apps_readme_is_rendered_as_a_document_not_markdown_source(client):
    page = client.get("/evidence/apps/django/").content.decode()
    readme = page[page.index('id="file-README-md"') :]
    readme = readme[: readme.index("</section>")]
    assert "<h3>" in readme and "<li>" in readme
    assert "](" not in readme and "\n# " not in readme
    # A labelled, focusable source listing is a named region (an aria-label on a bare <pre> is
    # ignored by screen readers and flagged by axe).
    listings = re.findall(r"<pre[^>]*>", page)
    assert listings and all('role="region"' in tag for tag in listings if "aria-label" in tag)


def test_markdown_from_a_file_cannot_add_markup_and_keeps_no_broken_links():
    html = markdown_html(
        "# Title\n<script>alert(1)</script> [spec](../../spec.md) [conf](gunicorn.conf.py) "
        "[x](javascript:alert(1)) [docs](https://docs.example.org/)",
        lambda path: "#file-gunicorn-conf-py" if path == "gunicorn.conf.py" else None,
        heading_levels_below=2,
    )
    assert "<h3>Title</h3>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#file-gunicorn-conf-py"' in html
    assert "spec" in html and "../../spec.md" not in html  # kept as text, not a broken link
    assert 'href="javascript' not in html
    assert 'href="https://docs.example.org/"' in html
    assert str(inline_html("run `lab verify` <b>x</b>")) == (
        "run <code>lab verify</code> &lt;b&gt;x&lt;/b&gt;"
    )
