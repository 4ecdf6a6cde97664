"""Response schemas every API router shares: field problems and plain messages."""

from __future__ import annotations

from ninja import Schema


class Problem(Schema):
    field: str
    message: str


class Problems(Schema):
    """422: which fields are wrong, and what is allowed."""

    detail: list[Problem]


class Message(Schema):
    """A plain explanation (404, 409, 429)."""

    detail: str
