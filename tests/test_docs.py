"""The docs point at what exists: every link and cited path resolves, and generated parts stay
generated (their cog blocks are checked by `make lint` and invisible on the rendered page)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]

PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "lab").rglob("*.md")],
)
# The run reports under lab/results/ included: `stackwise lab report` links the apps from the
# report's own folder.
# Installed tools (node_modules, the virtual environments the test fixtures create) are not ours.
NOT_OURS = {"node_modules", ".venv"}
PAGES = [p for p in PAGES if not NOT_OURS & set(p.parts)]
SOURCES = sorted(
    p
    for folder in ("src", "tests", "benchmarks", "docs")
    for p in (ROOT / folder).rglob("*.py")
    if not NOT_OURS & set(p.parts)
)

# A path from the repository's top: the folders a page or a comment cites files in.
CITED_PATH = re.compile(r"(?<![\w./-])((?:\.ci|docs|src|tests|lab|examples|benchmarks)/[\w./-]*)")
# In comments and docstrings a page is also named alone, as in "see operating.md".
CITED_PAGE = re.compile(r"(?<![\w./-])([\w-]+\.md)\b")
PAGE_NAMES = {p.name for p in ROOT.rglob("*.md") if not NOT_OURS & set(p.parts)}
# Paths in the reader's own repository, not in ours: where an exported ADR goes.
READERS_PATHS = {"docs/decisions/", "docs/decisions"}


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    tokens = _markdown().parse(page.read_text())
    return {
        _slug(tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    }


def _links(page: Path) -> list[str]:
    found = []
    for token in _markdown().parse(page.read_text()):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
    return found


def _exists(cited: str, near: Path) -> bool:
    if "/" not in cited:
        return cited in PAGE_NAMES
    return any((base / cited).exists() for base in (ROOT, ROOT / "docs", near.parent))


def _prose_of(source: Path) -> str:
    """The comments and docstrings of a Python file: where it cites other files in words."""
    text = source.read_text()
    parts = [
        t.string
        for t in tokenize.generate_tokens(io.StringIO(text).readline)
        if t.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            parts.append(ast.get_docstring(node) or "")
    return "\n".join(parts)


def _cited(text: str, *, pages_by_name: bool = False) -> set[str]:
    found = CITED_PATH.findall(text) + (CITED_PAGE.findall(text) if pages_by_name else [])
    cited = {m.rstrip(".,") for m in found}
    return {m for m in cited if not re.search(r"[<{*]", m) and m not in READERS_PATHS}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_of_a_page_leads_to_a_file_and_heading_that_exist(page):
    for href in _links(page):
        if re.match(r"[a-z]+:", href):
            continue  # http(s), mailto: outside the repository
        target, _, anchor = href.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{page.name}: link to a missing file: {href}"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{page.name}: link to a missing heading: {href}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_page_cites_exists(page):
    missing = sorted(c for c in _cited(page.read_text()) if not _exists(c, page))
    assert missing == [], f"{page.relative_to(ROOT)} cites files that do not exist"


def test_every_path_a_comment_or_docstring_cites_exists():
    missing = [
        f"{source.relative_to(ROOT)}: {cited}"
        for source in SOURCES
        for cited in sorted(_cited(_prose_of(source), pages_by_name=True))
        if not _exists(cited, source)
    ]
    assert missing == []


def test_pyproject_and_makefile_cite_files_that_exist():
    for name in ("pyproject.toml", "Makefile"):
        comments = "\n".join(
            line.partition("#")[2] for line in (ROOT / name).read_text().splitlines()
        )
        missing = sorted(c for c in _cited(comments) if not _exists(c, ROOT / name))
        assert missing == [], f"{name} cites files that do not exist"


def test_a_path_or_page_that_does_not_exist_is_caught():
    page = ROOT / "docs" / "decision-model.md"
    assert _cited("the contract in `docs/design.md`.") == {"docs/design.md"}
    assert _cited("as in design.md", pages_by_name=True) == {"design.md"}
    assert not _exists("docs/design.md", page) and not _exists("design.md", page)
    assert _exists("docs/architecture.md", page) and _exists("architecture.md", page)


def test_every_page_with_generated_parts_is_checked_by_make_lint():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    pages = re.search(r"^COG_PAGES := (.*)$", makefile, re.M)
    assert pages is not None, "the Makefile names no COG_PAGES"
    checked = {
        word
        for line in recipe.replace("$(COG_PAGES)", pages.group(1)).splitlines()
        if "cog --check" in line
        for word in line.split()
        if word.endswith(".md")
    }
    generated = {str(p.relative_to(ROOT)) for p in PAGES if "[[[cog" in p.read_text()}
    assert generated, "no page has generated parts"
    assert generated <= checked, f"pages whose figures nothing checks: {generated - checked}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_generated_parts_leave_no_trace_on_the_rendered_page(page):
    """cog's markers sit in HTML comments: GitHub shows the generated text and nothing else."""
    for token in _markdown().parse(page.read_text()):
        for child in token.children or ():
            assert "[[[" not in child.content, f"{page.name}: a cog marker shows: {token.content}"
        if token.type in ("fence", "code_block"):
            assert "[[[" not in token.content, f"{page.name}: a cog marker inside a code block"
