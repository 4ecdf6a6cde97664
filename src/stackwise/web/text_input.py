"""Visitors' text must be printable: PostgreSQL cannot store NUL at all, and line breaks or
terminal escapes in a name would travel into e-mail headers, reports and the admin."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError


def first_control_character(text: str) -> str | None:
    """The first control character (Unicode category Cc: NUL, tab, line breaks, escapes, DEL)
    in the text, if any."""
    return next((c for c in text if unicodedata.category(c) == "Cc"), None)


def control_character_message(character: str) -> str:
    """What to tell the visitor, naming the character (it cannot be shown)."""
    return f"must not contain control characters such as U+{ord(character):04X}"


def control_character_problems(data: Any, path: str = "") -> list[dict[str, str]]:
    """Every text value in nested data that holds a control character, as API field problems."""
    if isinstance(data, str):
        character = first_control_character(data)
        return (
            []
            if character is None
            else [{"field": path, "message": control_character_message(character)}]
        )
    if isinstance(data, dict):
        items = [(str(key), value) for key, value in data.items()]
    elif isinstance(data, list | tuple):
        items = [(str(index), value) for index, value in enumerate(data)]
    else:
        return []
    problems: list[dict[str, str]] = []
    for key, value in items:
        problems += control_character_problems(value, f"{path}.{key}" if path else key)
    return problems


def refuse_control_characters(value: str) -> None:
    """Form field validator: a one-line text field with no control characters."""
    character = first_control_character(value)
    if character is not None:
        raise ValidationError(control_character_message(character), code="control_character")
