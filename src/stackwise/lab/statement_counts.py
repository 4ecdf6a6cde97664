"""The SQL work a request costs, counted by PostgreSQL itself, judged as TechEmpower judges it.

TechEmpower's verifier reads `pg_stat_statements` before and after a burst of requests: the
calls of every statement whose text names the table, the rows returned by those that select and
the rows changed by those that update (`toolset/databases/postgres/postgres.py`). The difference
must match the work the test type asks for (`toolset/test_types/verifications.py`): no margin on
statements, none on rows read, none on rows updated one statement at a time, and 5% on rows
updated by a bulk statement, where an id drawn twice is updated once. It only warns when a count
is more than 5% too high; the lab fails that too, since its apps are compared on the same work.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx
import psycopg

# At most 64 requests in flight, the lab's usual load (TechEmpower sends 512 at once).
IN_FLIGHT = 64
# Statements within 0.1% of (queries + 1) per request: the app updates in bulk, one per request.
BULK_WINDOW = 0.001
# A bulk UPDATE writes an id drawn twice once, so its rows may come up to 5% short.
BULK_ROWS_MARGIN = 1.05
# More than 5% above the expected count is "excessively high" (TechEmpower's warning).
EXCESS = 1.05


class StatementStatsMissing(RuntimeError):
    """The database does not collect pg_stat_statements, so nothing can be counted."""


@dataclass(frozen=True)
class TableWork:
    """What the statements naming one table have done in the database so far."""

    statements: int
    rows_read: int
    rows_updated: int

    def __sub__(self, before: TableWork) -> TableWork:
        return TableWork(
            self.statements - before.statements,
            self.rows_read - before.rows_read,
            self.rows_updated - before.rows_updated,
        )


def table_work(db_url: str, table: str) -> TableWork:
    """The statement statistics of `table` in the database at `db_url`, as TechEmpower sums them.

    The pattern travels as a parameter, so this query's own text never names the table."""
    try:
        with psycopg.connect(db_url, autocommit=True) as conn:
            row = conn.execute(
                "SELECT coalesce(sum(calls), 0), "
                "coalesce(sum(rows) FILTER (WHERE query ~* 'select'), 0), "
                "coalesce(sum(rows) FILTER (WHERE query ~* 'update'), 0) "
                "FROM pg_stat_statements "
                "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND query ~* %s",
                (rf"\m{table}\M",),
            ).fetchone()
    except (psycopg.errors.UndefinedTable, psycopg.errors.ObjectNotInPrerequisiteState) as exc:
        raise StatementStatsMissing(
            "counting queries needs pg_stat_statements: start PostgreSQL with "
            "shared_preload_libraries=pg_stat_statements and CREATE EXTENSION pg_stat_statements "
            f"in the database (the lab's throw-away PostgreSQL does both): {exc}"
        ) from None
    assert row is not None  # an aggregate always answers one row
    return TableWork(int(row[0]), int(row[1]), int(row[2]))


async def _burst(base_url: str, path: str, requests: int, in_flight: int) -> list[str]:
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    gate = asyncio.Semaphore(in_flight)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def one() -> str:
            async with gate:
                try:
                    r = await client.get(path)
                except httpx.HTTPError as exc:
                    return f"{type(exc).__name__}: {exc}"
                return "" if r.status_code == 200 else f"status {r.status_code}"

        return list(await asyncio.gather(*(one() for _ in range(requests))))


def work_of_burst(
    db_url: str, table: str, base_url: str, path: str, requests: int
) -> tuple[TableWork, list[str]]:
    """Send `requests` GETs of `path` and return what they cost `table`, with the failed
    requests' errors (empty when every request answered 200)."""
    before = table_work(db_url, table)
    errors = [e for e in asyncio.run(_burst(base_url, path, requests, IN_FLIGHT)) if e]
    return table_work(db_url, table) - before, errors


def _compare(what: str, counted: float, shown: int, expected: int, why: str) -> str | None:
    if counted < expected:
        return f"only {shown} {what} out of {expected} expected ({why})"
    if counted > expected * EXCESS:
        return f"{shown} {what} instead of {expected} expected ({why}): excessively high"
    return None


def work_problems(
    work: TableWork,
    requests: int,
    queries: int,
    rows_per_query: int = 1,
    updates: bool = False,
) -> list[str]:
    """What is wrong with `work` for `requests` requests of `queries` reads each (and as many
    updates when `updates`), by TechEmpower's rules; empty when it is right."""
    reads = requests * queries
    per_request = f"{requests} requests x {queries}"
    statements, why = reads, f"{per_request} SELECTs"
    bulk = False
    if updates:
        bulk_statements = reads + requests
        bulk = abs(work.statements - bulk_statements) <= BULK_WINDOW * bulk_statements
        statements, why = (
            (bulk_statements, f"{per_request} SELECTs + one bulk UPDATE per request")
            if bulk
            else (2 * reads, f"{per_request} SELECTs and as many UPDATEs, one per drawn row")
        )
    found = [
        _compare("executed statements", work.statements, work.statements, statements, why),
        _compare(
            "rows read", work.rows_read, work.rows_read, reads * rows_per_query, f"{per_request}"
        ),
    ]
    if updates:
        found.append(
            _compare(
                "rows updated",
                work.rows_updated * (BULK_ROWS_MARGIN if bulk else 1),
                work.rows_updated,
                reads,
                "every drawn row, duplicates included"
                + ("; 5% margin for a bulk UPDATE" if bulk else ""),
            )
        )
    return [problem for problem in found if problem]
