"""Response schemas every API router shares: field problems, plain messages, rate-limit docs."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class Problem(Schema):
    field: str
    message: str


class Problems(Schema):
    """422: which fields are wrong, and what is allowed."""

    detail: list[Problem]


class Message(Schema):
    """A plain explanation (400, 404, 409, 413, 429)."""

    detail: str


# An operation's `openapi_extra` for its 429: the header that says when to try again.
RETRY_AFTER: dict[str, Any] = {
    "responses": {
        429: {
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before this address may try again.",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
        }
    }
}
