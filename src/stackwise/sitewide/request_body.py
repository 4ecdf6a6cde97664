"""Request bodies read in full, quickly and within the size limit, before Django sees them.

Under ASGI the server reads requests on its event loop, so a client sending one byte a second
holds a coroutine, not a worker. Django's ASGI handler would still wait for such a body as long
as the client likes, and spool any size to disk before the size check in the middleware runs;
this guard gives the body a deadline and refuses it as soon as it passes MAX_BODY_BYTES."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

# The shapes Django's ASGIHandler declares.
Scope = dict[str, Any]
Message = Mapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

API_PREFIX = "/api/"


def too_large_message(size: int, limit: int) -> str:
    """What a refused body is told (the same words from the guard and the middleware)."""
    return f"request body is {size} bytes; the limit is {limit}"


class BodyRefused(Exception):
    """The body came too slowly or is too large: answer `status` with `detail`."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


class RequestBodyGuard:
    """ASGI middleware: read the whole body within `timeout` seconds and `limit` bytes, then
    hand the application the same body; 408 or 413 (and the connection closed) otherwise."""

    def __init__(self, app: ASGIApp, *, limit: int, timeout: float) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(scope, receive)
        except BodyRefused as refused:
            await _answer(scope, send, refused.status, refused.detail)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: only http.disconnect comes

        await self.app(scope, replay, send)

    async def _read(self, scope: Scope, receive: Receive) -> bytes:
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            raise BodyRefused(413, too_large_message(declared, self.limit))
        deadline = time.monotonic() + self.timeout
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            try:
                message = await asyncio.wait_for(receive(), timeout=max(remaining, 0))
            except TimeoutError:
                raise BodyRefused(
                    408, f"the request body did not arrive within {self.timeout:g} seconds"
                ) from None
            if message["type"] == "http.disconnect":
                return b"".join(chunks)  # the application sees the disconnect next
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                raise BodyRefused(413, too_large_message(size, self.limit))
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length itself
    return None


async def _answer(scope: Scope, send: Send, status: int, detail: str) -> None:
    """JSON under /api/ (every API answer is JSON), plain text elsewhere; then close."""
    if str(scope.get("path", "")).startswith(API_PREFIX):
        body, media_type = json.dumps({"detail": detail}).encode(), b"application/json"
    else:
        body, media_type = detail.encode(), b"text/plain; charset=utf-8"
    headers = [
        (b"content-type", media_type),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
