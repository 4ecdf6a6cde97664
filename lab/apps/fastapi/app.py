"""The evidence lab's API in FastAPI: uvicorn, a shared aiohttp client, and the database endpoints
from `orm.py` (SQLAlchemy, the default) or `raw.py` (asyncpg), chosen by DATA_ACCESS."""

from __future__ import annotations

import os
import time
from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse, PlainTextResponse

if os.environ.get("DATA_ACCESS", "orm") == "raw":
    import raw as data
else:
    import orm as data  # type: ignore[no-redef]


@asynccontextmanager
async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
    if hasattr(data, "open_pool"):
        await data.open_pool()
    # aiohttp, not httpx: httpx 0.28 / httpcore 1.0's async pool re-scans every connection (a
    # poll() each, plus a quadratic idle count) on each request and response, which pinned this
    # process's core at ~100 req/s on /upstream with 64 requests in flight. See README.md.
    app.state.upstream = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=2.0),  # the whole exchange, body included
        connector=aiohttp.TCPConnector(limit=256),  # idle connections kept alive up to the limit
    )
    yield
    await app.state.upstream.close()
    await data.close()


app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
app.include_router(data.router)


@app.get("/json")
async def json_endpoint() -> JSONResponse:
    return JSONResponse({"message": "Hello, World!"})


@app.get("/plaintext")
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


@app.get("/upstream")
async def upstream(request: Request) -> JSONResponse:
    started = time.perf_counter()
    try:
        async with request.app.state.upstream.get(os.environ["UPSTREAM_URL"]) as response:
            response.raise_for_status()
            body = await response.json(content_type=None)  # parse whatever the Content-Type
    except (TimeoutError, aiohttp.ClientError, ValueError):
        return JSONResponse({"error": "upstream failed"}, status_code=502)
    return JSONResponse({"upstream": body, "elapsed_ms": (time.perf_counter() - started) * 1000})


room: set[WebSocket] = set()


@app.websocket("/ws")
async def ws(socket: WebSocket) -> None:
    await socket.accept()
    room.add(socket)
    try:
        while True:
            message = await socket.receive_text()
            for client in list(room):
                try:
                    await client.send_text(message)
                except RuntimeError:
                    room.discard(client)
    except WebSocketDisconnect:
        pass
    finally:
        room.discard(socket)


@app.exception_handler(404)
async def not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "not found"}, status_code=404)
