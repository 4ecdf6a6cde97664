"""The evidence lab's API in FastAPI: SQLAlchemy 2 async with asyncpg, Jinja2, a shared aiohttp client."""

from __future__ import annotations

import os
import random
import time
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import Date, Integer, String, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DB_POOL = max(1, int(os.environ.get("DB_POOL", "4")))
engine = create_async_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+asyncpg://", 1),
    pool_size=DB_POOL,
    max_overflow=0,
)
Session = async_sessionmaker(engine, expire_on_commit=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


class Base(DeclarativeBase):
    pass


class World(Base):
    __tablename__ = "world"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    randomnumber: Mapped[int] = mapped_column(Integer)


class Fortune(Base):
    __tablename__ = "fortune"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message: Mapped[str] = mapped_column(String)


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    api_key: Mapped[str] = mapped_column(String)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String)
    issued_on: Mapped[object] = mapped_column(Date)


@asynccontextmanager
async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
    # aiohttp, not httpx: httpx 0.28 / httpcore 1.0's async pool re-scans every connection (a
    # poll() each, plus a quadratic idle count) on each request and response, which pinned this
    # process's core at ~100 req/s on /upstream with 64 requests in flight. See README.md.
    app.state.upstream = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=2.0),  # the whole exchange, body included
        connector=aiohttp.TCPConnector(limit=256),  # idle connections kept alive up to the limit
    )
    yield
    await app.state.upstream.close()
    await engine.dispose()


app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)


def _count(value: str | None) -> int:
    try:
        n = int(value or "")
    except ValueError:
        return 1
    return min(max(n, 1), 500)


def _random_id() -> int:
    return random.randint(1, 10000)


@app.get("/json")
async def json_endpoint() -> JSONResponse:
    return JSONResponse({"message": "Hello, World!"})


@app.get("/plaintext")
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


async def _read(session: AsyncSession, world_id: int) -> dict[str, int]:
    row = await session.get(World, world_id)
    assert row is not None
    return {"id": row.id, "randomNumber": row.randomnumber}


@app.get("/db")
async def db() -> JSONResponse:
    async with Session() as session:
        return JSONResponse(await _read(session, _random_id()))


@app.get("/queries")
async def queries(queries: str | None = None) -> JSONResponse:
    async with Session() as session:
        rows = [await _read(session, _random_id()) for _ in range(_count(queries))]
    return JSONResponse(rows)


@app.get("/updates")
async def updates(queries: str | None = None) -> JSONResponse:
    async with Session() as session, session.begin():
        rows = [await _read(session, _random_id()) for _ in range(_count(queries))]
        for row in rows:
            row["randomNumber"] = _random_id()
        # ORM bulk UPDATE by primary key, one executemany; ids in order so that concurrent
        # requests take their row locks in the same order and cannot deadlock.
        latest = {row["id"]: row["randomNumber"] for row in rows}
        await session.execute(
            update(World), [{"id": i, "randomnumber": latest[i]} for i in sorted(latest)]
        )
    return JSONResponse(rows)


@app.get("/fortunes")
async def fortunes(request: Request) -> HTMLResponse:
    async with Session() as session:
        rows = [
            {"id": f.id, "message": f.message}
            for f in (await session.scalars(select(Fortune))).all()
        ]
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=lambda f: f["message"])
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": rows})


@app.get("/saas/dashboard")
async def dashboard(request: Request) -> JSONResponse:
    auth = request.headers.get("authorization", "")
    key = auth[7:] if auth.startswith("Bearer ") else ""
    async with Session() as session:
        account = (
            (await session.scalars(select(Account).where(Account.api_key == key))).first()
            if key
            else None
        )
        if account is None:
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        totals = await session.execute(
            text(
                "SELECT status, count(*) AS count, sum(amount_cents)::bigint AS amount_cents "
                "FROM invoices WHERE account_id = :a GROUP BY status ORDER BY status"
            ),
            {"a": account.id},
        )
        latest = await session.execute(
            select(Invoice, Customer.name)
            .join(Customer, Customer.id == Invoice.customer_id)
            .where(Invoice.account_id == account.id)
            .order_by(Invoice.issued_on.desc(), Invoice.id.desc())
            .limit(20)
        )
        body = {
            "account": {"id": account.id, "name": account.name},
            "totals": [{"status": s, "count": c, "amount_cents": a} for s, c, a in totals],
            "latest": [
                {
                    "id": i.id,
                    "number": i.number,
                    "status": i.status,
                    "amount_cents": i.amount_cents,
                    "currency": i.currency,
                    "issued_on": i.issued_on.isoformat(),  # type: ignore[attr-defined]
                    "customer": {"id": i.customer_id, "name": name},
                }
                for i, name in latest
            ],
        }
    return JSONResponse(body)


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
