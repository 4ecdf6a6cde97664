"""The database endpoints with SQLAlchemy 2's async ORM over asyncpg (DATA_ACCESS=orm, the default)."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import Date, Integer, String, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared import count_of, random_id, templates

# One pool of DB_POOL connections per process, no overflow: every app gets the same number.
engine = create_async_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+asyncpg://", 1),
    pool_size=max(1, int(os.environ.get("DB_POOL", "10"))),
    max_overflow=0,
)
Session = async_sessionmaker(engine, expire_on_commit=False)
# /updates runs in DBAPI autocommit, SQLAlchemy's documented way to have no transaction: each
# read stands alone and the writes go as one batch (README: transaction scope).
AutocommitSession = async_sessionmaker(
    engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
)
router = APIRouter()


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


async def close() -> None:
    await engine.dispose()


async def _read(session: AsyncSession, world_id: int) -> dict[str, int]:
    # populate_existing: an id drawn twice is read twice, not answered from the identity map.
    row = await session.get(World, world_id, populate_existing=True)
    assert row is not None
    return {"id": row.id, "randomNumber": row.randomnumber}


@router.get("/db")
async def db() -> JSONResponse:
    async with Session() as session:
        return JSONResponse(await _read(session, random_id()))


@router.get("/queries")
async def queries(queries: str | None = None) -> JSONResponse:
    # One session runs its queries one after another: an AsyncSession is not safe for
    # concurrent use (SQLAlchemy's asyncio documentation).
    async with Session() as session:
        rows = [await _read(session, random_id()) for _ in range(count_of(queries))]
    return JSONResponse(rows)


@router.get("/updates")
async def updates(queries: str | None = None) -> JSONResponse:
    async with AutocommitSession.begin() as session:
        rows = [await _read(session, random_id()) for _ in range(count_of(queries))]
        for row in rows:
            row["randomNumber"] = random_id()
        # ORM bulk UPDATE by primary key: one executemany of one UPDATE per drawn row, an id
        # drawn twice included, in id order so that concurrent requests lock their rows in the
        # same order and cannot deadlock.
        await session.execute(
            update(World),
            [
                {"id": row["id"], "randomnumber": row["randomNumber"]}
                for row in sorted(rows, key=lambda r: r["id"])
            ],
        )
    return JSONResponse(rows)


@router.get("/fortunes")
async def fortunes(request: Request) -> HTMLResponse:
    async with Session() as session:
        rows = [
            {"id": f.id, "message": f.message}
            for f in (await session.scalars(select(Fortune))).all()
        ]
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=lambda f: f["message"])
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": rows})


@router.get("/saas/dashboard")
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
