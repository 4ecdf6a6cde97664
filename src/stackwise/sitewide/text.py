"""Visitors' text as it may be shown: no invisible characters that reorder or hide what a reader
sees. A right-to-left override (U+202E) makes "Alice \u202eelgooG\u202c Support" read as
"Alice Google Support" in an e-mail, a subject line, the admin or a spreadsheet."""

from __future__ import annotations

import unicodedata


def is_invisible(character: str) -> bool:
    """Whether a character is a control (Cc) or format (Cf: bidi overrides and isolates,
    zero-width joiners and spaces, the soft hyphen) character, or a line or paragraph separator."""
    return unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp")


def first_invisible(text: str) -> str | None:
    """The first control or format character in the text, if any."""
    return next((c for c in text if is_invisible(c)), None)


def without_format_characters(text: str) -> str:
    """The text with its format characters (category Cf) removed; line breaks and tabs stay."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def one_line(text: str) -> str:
    """The text on one line as a reader sees it: every control, format or separator character
    (and any run of spaces) becomes a single space, so nothing is hidden or reordered."""
    return " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text).split())
