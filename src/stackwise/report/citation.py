"""A source as a report cites it: who wrote or published it, *its title*, its date, its address.

The one place that formats a source: the Markdown report, the ADR, `stackwise compare`, the
site's /compare/ and result pages (and the printable report, through `Citation.html`) all read
it. Its HTML needs no Django or Jinja: it is escaped here and says so through `__html__`, which
both template engines honour.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from stackwise.knowledge.models import Source

# Where our own sources (the article's copy, the model's docs, the lab's results) live.
IN_PROJECT = "in the stackwise project"


class SafeHtml(str):
    """HTML built from escaped parts: Django and Jinja insert it as it is."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Citation:
    """One source's citation, in the parts a reader sees."""

    by: str  # the author, or else the publisher
    title: str
    publisher: str  # the publisher as well, when an author is named; else empty
    date: str
    address: str  # a URL, a path in the stackwise project, or the name of a page of the site
    url: str | None  # where the address can be opened, when it can

    def _before_address(self) -> list[str]:
        return [part for part in (self.publisher, self.date) if part]

    def text(self) -> str:
        """Plain text: for a terminal or a sentence."""
        where = self.address if self.url else f"{self.address} {IN_PROJECT}"
        return _join([self.by, self.title, *self._before_address(), where])

    def markdown(self) -> str:
        """Markdown, the title in italics and a web address as a link."""
        if self.url and self.url == self.address:
            where = f"<{self.url}>"
        elif self.url:
            where = f"[{self.address}]({self.url})"
        else:
            where = f"`{self.address}` {IN_PROJECT}"
        return _join([self.by, f"*{self.title}*", *self._before_address(), where])

    def html(self) -> SafeHtml:
        """HTML, escaped, the title in italics and the address a link where it can be opened."""
        if self.url:
            where = f'<a href="{escape(self.url)}">{escape(self.address)}</a>'
        else:
            where = f"<code>{escape(self.address)}</code> {IN_PROJECT}"
        parts = [escape(self.by), f"<em>{escape(self.title)}</em>"]
        parts += [escape(part) for part in self._before_address()]
        return SafeHtml(_join([*parts, where]))


def _join(parts: list[str]) -> str:
    return ", ".join(part for part in parts if part)


def is_url(document: str) -> bool:
    """Whether a source's address opens in a browser."""
    return document.startswith(("https://", "http://"))


def cite(
    source: Source | Mapping[str, str],
    *,
    date: str | None = None,
    page: tuple[str, str] | None = None,
) -> Citation:
    """The citation of a knowledge source, or of a recommendation's record of one (older
    records may lack the author, publisher or date: the citation gives what there is).

    `date` overrides the source's own (the lab's is the day its evidence was measured); `page`
    is a (name, URL) of a page of the site that shows the source, in place of its path."""
    fields = source.model_dump() if isinstance(source, Source) else dict(source)
    author = str(fields.get("author") or "")
    publisher = str(fields.get("publisher") or "")
    document = str(fields.get("document") or "")
    # An address is one word; a document field may add words after it ("... (read 2025)").
    first = document.split()[0] if document.split() else ""
    if page is not None:
        address, url = page
    elif is_url(first):
        address, url = first, first
    else:
        address, url = document, None
    return Citation(
        by=author or publisher,
        title=str(fields.get("title") or fields.get("id") or ""),
        publisher=publisher if author else "",
        date=date if date is not None else str(fields.get("date") or ""),
        address=address,
        url=url,
    )
