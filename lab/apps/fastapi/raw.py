"""The database endpoints on a raw asyncpg pool (DATA_ACCESS=raw), as TechEmpower's FastAPI does.

One round trip per query and no ORM objects: the README's profile shows what the ORM costs on
`/db` (sessions, identity-map loading, BEGIN/ROLLBACK around each read).
"""

from __future__ import annotations

import os

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from shared import count_of, random_id, templates

READ = "SELECT id, randomnumber FROM world WHERE id = $1"
router = APIRouter()
pool: asyncpg.Pool | None = None


async def open_pool() -> None:
    global pool
    size = max(1, int(os.environ.get("DB_POOL", "10")))
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=size, max_size=size)


async def close() -> None:
    if pool is not None:
        await pool.close()


def _pool() -> asyncpg.Pool:
    assert pool is not None, "the pool opens in the app's lifespan"
    return pool


@router.get("/db")
async def db() -> JSONResponse:
    row = await _pool().fetchrow(READ, random_id())
    return JSONResponse({"id": row["id"], "randomNumber": row["randomnumber"]})


@router.get("/queries")
async def queries(queries: str | None = None) -> JSONResponse:
    async with _pool().acquire() as connection:
        statement = await connection.prepare(READ)
        rows = []
        for _ in range(count_of(queries)):
            world_id, number = await statement.fetchrow(random_id())
            rows.append({"id": world_id, "randomNumber": number})
    return JSONResponse(rows)


@router.get("/updates")
async def updates(queries: str | None = None) -> JSONResponse:
    # No transaction: each read stands alone and the writes go as one batch (README:
    # transaction scope).
    async with _pool().acquire() as connection:
        statement = await connection.prepare(READ)
        rows = []
        for _ in range(count_of(queries)):
            world_id, _number = await statement.fetchrow(random_id())
            rows.append({"id": world_id, "randomNumber": random_id()})
        # One UPDATE per drawn row, an id drawn twice included, in id order so that concurrent
        # requests lock their rows in the same order and cannot deadlock.
        await connection.executemany(
            "UPDATE world SET randomnumber = $2 WHERE id = $1",
            [(row["id"], row["randomNumber"]) for row in sorted(rows, key=lambda r: r["id"])],
        )
    return JSONResponse(rows)


@router.get("/fortunes")
async def fortunes(request: Request) -> HTMLResponse:
    rows = [
        {"id": r["id"], "message": r["message"]}
        for r in await _pool().fetch("SELECT id, message FROM fortune")
    ]
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=lambda f: f["message"])
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": rows})


@router.get("/saas/dashboard")
async def dashboard(request: Request) -> JSONResponse:
    auth = request.headers.get("authorization", "")
    key = auth[7:] if auth.startswith("Bearer ") else ""
    if not key:
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    async with _pool().acquire() as connection:
        account = await connection.fetchrow("SELECT id, name FROM accounts WHERE api_key = $1", key)
        if account is None:
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        totals = await connection.fetch(
            "SELECT status, count(*) AS count, sum(amount_cents)::bigint AS amount_cents "
            "FROM invoices WHERE account_id = $1 GROUP BY status ORDER BY status",
            account["id"],
        )
        latest = await connection.fetch(
            "SELECT i.id, i.number, i.status, i.amount_cents, i.currency, i.issued_on, "
            "c.id AS customer_id, c.name AS customer_name FROM invoices i "
            "JOIN customers c ON c.id = i.customer_id WHERE i.account_id = $1 "
            "ORDER BY i.issued_on DESC, i.id DESC LIMIT 20",
            account["id"],
        )
    return JSONResponse(
        {
            "account": {"id": account["id"], "name": account["name"]},
            "totals": [dict(t) for t in totals],
            "latest": [
                {
                    "id": r["id"],
                    "number": r["number"],
                    "status": r["status"],
                    "amount_cents": r["amount_cents"],
                    "currency": r["currency"],
                    "issued_on": r["issued_on"].isoformat(),
                    "customer": {"id": r["customer_id"], "name": r["customer_name"]},
                }
                for r in latest
            ],
        }
    )
