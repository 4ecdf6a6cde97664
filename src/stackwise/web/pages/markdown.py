"""Markdown from the lab's own files (an app's README, a run's note) as HTML for the site.
CommonMark with raw HTML escaped, so a file can format its text but never add markup; a link to
another file goes where the site shows it, and a relative link to anything the site does not
show is kept as its text rather than left broken."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from posixpath import normpath
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def _is_relative(href: str) -> bool:
    return "://" not in href and not href.startswith(("#", "/", "mailto:"))


# Where a relative link (normalised, without its fragment) leads on the site, or None.
LinkResolver = Callable[[str], str | None]


def _relink(tokens: Sequence[Token], resolve: LinkResolver) -> None:
    """Point relative links where the site shows their target; unlink those it does not."""
    for token in tokens:
        if token.children:
            _relink(token.children, resolve)
            children = token.children
            for i, child in enumerate(children):
                href = str(child.attrGet("href") or "")
                if child.type != "link_open" or not _is_relative(href):
                    continue
                target = resolve(normpath(href.split("#")[0]))
                if target is not None:
                    child.attrSet("href", target)
                    continue
                close = next(
                    j for j in range(i + 1, len(children)) if children[j].type == "link_close"
                )
                for unlinked in (children[i], children[close]):
                    unlinked.type, unlinked.tag = "text", ""
                    unlinked.content = ""


def _demote(tokens: Sequence[Token], levels: int) -> None:
    """Headings below the page's own: a README's "#" under the page's file heading."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + levels)}"


def markdown_html(
    text: str, resolve: LinkResolver = lambda path: None, heading_levels_below: int = 0
) -> SafeString:
    """A Markdown document as HTML; `resolve` says where a relative link leads (None: nowhere,
    keep its text), and its headings start `heading_levels_below` the top level."""
    env: dict[str, Any] = {}
    tokens = _MARKDOWN.parse(text, env)
    _relink(tokens, resolve)
    _demote(tokens, heading_levels_below)
    render: Callable[..., str] = _MARKDOWN.renderer.render
    return mark_safe(render(tokens, _MARKDOWN.options, env))  # noqa: S308 - escaped by markdown-it


def inline_html(text: str) -> SafeString:
    """One line of Markdown (code spans, emphasis, links) as inline HTML."""
    html: str = _MARKDOWN.renderInline(text)
    return mark_safe(html)  # noqa: S308 - escaped by markdown-it
