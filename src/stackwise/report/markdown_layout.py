"""Markdown laid out as markdownlint expects: prose wrapped at 80 columns, headings and table rows
whole, tables in compact style, links in angle brackets, one blank line between blocks (the rules
in .markdownlint.jsonc)."""

from __future__ import annotations

import re

WIDTH = 80

# A continuation line that starts like one of these would begin a new block (a heading, a list
# item, a quote, a table row, a fence or a setext underline) instead of continuing the paragraph.
_BLOCK_START = re.compile(r"(#{1,6}|[-+*]|\d{1,9}[.)]|=+|-+|>.*|\|.*|`{3}.*|~{3}.*)$")
_LIST_ITEM = re.compile(r"([-*+] |\d{1,9}[.)] )")
_URL = re.compile(r"https?://[^\s<>]+")
_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary: a pipe not escaped with a backslash
_DELIMITER = re.compile(r":?-+:?")


def _row(cells: list[str]) -> str:
    """One table row in markdownlint's compact style: one space inside every pipe."""
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def _compact(line: str) -> str:
    """A table row however it was spaced, in compact style (delimiters as `---`, alignment kept)."""
    cells = [cell.strip() for cell in _PIPE.split(line.strip())[1:]]
    if cells and not cells[-1]:  # the row's closing pipe
        cells.pop()
    if cells and all(_DELIMITER.fullmatch(cell) for cell in cells):
        cells = [cell[0].replace("-", "") + "---" + cell[-1].replace("-", "") for cell in cells]
    return _row(cells)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; a `|` inside a cell is escaped so that it stays text."""
    body = [[cell.replace("|", "\\|") for cell in row] for row in [header, *rows]]
    return [_row(body[0]), _row(["---"] * len(header))] + [_row(cells) for cells in body[1:]]


def link(document: str) -> str:
    """A source's document as Markdown: each web address in it becomes a link, a path stays text."""
    return _URL.sub(lambda address: f"<{address.group(0)}>", document)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    lines: list[list[str]] = [[]]
    for word in text.split():
        current = lines[-1]
        width = WIDTH - len(first if len(lines) == 1 else rest)
        if not current or len(" ".join([*current, word])) <= width:
            current.append(word)
            continue
        moved = [word]  # break before the last words that keep the new line a continuation
        while _BLOCK_START.match(moved[0]) and len(current) > 1:
            moved.insert(0, current.pop())
        if _BLOCK_START.match(moved[0]):
            current.extend(moved)  # no safe place to break: this line runs long
        else:
            lines.append(moved)
    return [(first if i == 0 else rest) + " ".join(words) for i, words in enumerate(lines)]


def lay_out(markdown: str) -> str:
    """Wrap each one-line paragraph and list item of generated Markdown, space table rows alike;
    keep front matter, headings and fenced code as they are; fold runs of blank lines into one."""
    out: list[str] = []
    lines = markdown.split("\n")
    in_front_matter = bool(lines) and lines[0] == "---"
    in_fence = False
    for index, line in enumerate(lines):
        if in_front_matter:
            out.append(line)
            in_front_matter = index == 0 or line != "---"
            continue
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or line.startswith(("```", "~~~")):
            out.append(line)
            continue
        if line.startswith("|"):
            out.append(_compact(line))
            continue
        if line.startswith("#") or len(line) <= WIDTH:
            if line.strip() or (out and out[-1].strip()):
                out.append(line.rstrip())
            continue
        item = _LIST_ITEM.match(line)
        marker = item.group(1) if item else ""
        out += _wrap(line[len(marker) :], marker, " " * len(marker))
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"
