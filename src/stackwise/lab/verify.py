"""Check that each lab app implements lab/spec.md: values, types, clamping, escaping, persistence,
and what TechEmpower's own verifier checks besides (headers, exact fortunes, SQL work per request)."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import httpx
import psycopg

from stackwise.lab.apps import RunningApp
from stackwise.lab.data.workloads import BY_NAME, DATABASE_WORKLOADS, WORKLOADS
from stackwise.lab.statement_counts import work_of_burst, work_problems
from stackwise.lab.upstream import UpstreamStub

# The checks, named as the workload registry names them (each workload's `check`), then the two
# that no workload measures: an unknown path and the WebSocket room.
ENDPOINTS = (*dict.fromkeys(w.check for w in WORKLOADS), "404", "ws")
# The checks whose code changes with the data-access variant: the database workloads'.
DATABASE_ENDPOINTS = tuple(dict.fromkeys(BY_NAME[w].check for w in DATABASE_WORKLOADS))
ADDED_FORTUNE = "Additional fortune added at request time."
# TechEmpower's cases for the `queries` parameter (toolset/test_types/query/query.py), plus a
# missing parameter, which the rules count as 1 too: (query string, rows expected).
QUERY_CASES = (
    ("?queries=2", 2),
    ("?queries=0", 1),
    ("?queries=foo", 1),
    ("?queries=501", 500),
    ("?queries=", 1),
    ("", 1),
)
# The SQL work is counted over bursts of requests, as TechEmpower counts it over 512 requests of
# /db, /fortunes and /queries?queries=20 and /updates?queries=20. The rules per request are
# exact, so fewer requests show the same; /updates draws 500 rows in each of its 8, where about
# 12 ids repeat per request (at 20 draws, 512 requests repeat about 10 in all): an app that
# skips an id drawn twice is caught every time, with 8,000 statements instead of 20,480.
COUNTED_REQUESTS = 128
COUNTED_QUERIES = 20
COUNTED_UPDATE_REQUESTS = 8
COUNTED_UPDATE_QUERIES = 500
# The content types TechEmpower's verify_headers accepts, by kind of response.
CONTENT_TYPES = {
    "json": re.compile(r"application/json(; ?charset=(UTF|utf)-8)?"),
    "html": re.compile(r"text/html; ?charset=(UTF|utf)-8"),
    "plaintext": re.compile(r"text/plain(; ?charset=(UTF|utf)-8)?"),
}
RFC_1123 = "%a, %d %b %Y %H:%M:%S GMT"
# A server may reuse its Date string for about a second (Node and uvicorn do); one that is
# older than this was cached, which TechEmpower fails ("Invalid Cached Date").
DATE_STALE_S = 3.0
# The fortunes page reduced to its tags and texts: what TechEmpower's FortuneHTMLParser compares.
# Tags it ignores (meta, link, thead, tbody) are left out, as is whitespace between tags.
IGNORED_TAGS = {"meta", "link", "thead", "tbody"}
FORTUNES_START = (
    *("<!doctype html>", "<html>", "<head>", "<title>", "Fortunes", "</title>", "</head>"),
    *("<body>", "<table>", "<tr>", "<th>", "id", "</th>", "<th>", "message", "</th>", "</tr>"),
)
FORTUNES_END = ("</table>", "</body>", "</html>")


@dataclass(frozen=True)
class Check:
    """One endpoint's verdict for one app, with the first difference when it failed."""

    app: str
    endpoint: str
    ok: bool
    detail: str = ""


class Mismatch(AssertionError):
    """What the app answered differs from the spec."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Mismatch(message)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


class _Tokens(HTMLParser):
    """An HTML page as the sequence of its tags and non-blank texts (character references
    resolved), so that two renderings of one page compare equal whatever their whitespace."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(f"<!{decl.lower()}>")

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in IGNORED_TAGS:
            self.tokens.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in IGNORED_TAGS:
            self.tokens.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.tokens.append(data)


def _fortunes_page(fortunes: list[tuple[int, str]]) -> list[str]:
    """The tokens of the fortunes page the spec asks for, rows in the given order."""
    rows = [
        token
        for fortune_id, message in fortunes
        for token in ("<tr>", "<td>", str(fortune_id), "</td>", "<td>", message, "</td>", "</tr>")
    ]
    return [*FORTUNES_START, *rows, *FORTUNES_END]


def _world_row(item: Any) -> None:
    expect(
        isinstance(item, dict) and set(item) == {"id", "randomNumber"},
        f"a world row is {{id, randomNumber}}, got {_short(item)}",
    )
    expect(
        type(item["id"]) is int and type(item["randomNumber"]) is int,
        f"ids and numbers are integers: {_short(item)}",
    )
    expect(
        1 <= item["id"] <= 10000 and 1 <= item["randomNumber"] <= 10000,
        f"out of range: {_short(item)}",
    )


def _headers(r: httpx.Response, kind: str) -> None:
    """The headers TechEmpower requires on every test URL (verifications.verify_headers)."""
    where = f"{r.request.url.raw_path.decode()}: "
    for name in ("Server", "Date", "Content-Type"):
        expect(bool(r.headers.get(name)), f"{where}required response header missing: {name}")
    expect(
        "content-length" in r.headers or "transfer-encoding" in r.headers,
        f"{where}neither Content-Length nor Transfer-Encoding in the response headers",
    )
    date = r.headers["date"]
    try:
        sent = datetime.strptime(date, RFC_1123).replace(tzinfo=UTC)
    except ValueError:
        raise Mismatch(
            f"{where}Date {date!r} is not an RFC 1123 date such as 'Sun, 06 Nov 1994 08:49:37 GMT'"
        ) from None
    age = (datetime.now(UTC) - sent).total_seconds()
    expect(
        -1 <= age <= DATE_STALE_S, f"{where}Date {date!r} is {age:.0f} s off the clock (cached?)"
    )
    kind_found = r.headers["content-type"]
    expect(
        bool(CONTENT_TYPES[kind].fullmatch(kind_found)),
        f"{where}content-type {kind_found!r} does not match {CONTENT_TYPES[kind].pattern!r}",
    )


class Verifier:
    """Runs every check against one running app."""

    def __init__(self, running: RunningApp, db_url: str, upstream: UpstreamStub) -> None:
        self.app = running
        usual = running.data_access == running.app.usual_data_access
        # Checks name the variant when it is not the framework's usual one: "django/raw".
        self.label = running.app.name if usual else f"{running.app.name}/{running.data_access}"
        self.db_url = db_url
        self.upstream = upstream
        self.http = httpx.Client(base_url=running.base_url, timeout=10)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def _sql_work(
        self,
        path: str,
        table: str,
        requests: int = COUNTED_REQUESTS,
        queries: int = 1,
        rows_per_query: int = 1,
        updates: bool = False,
    ) -> None:
        """Load `path` with a burst of `requests` and compare the statements and rows PostgreSQL
        counted with the work the spec asks for."""
        work, errors = work_of_burst(self.db_url, table, self.app.base_url, path, requests)
        expect(not errors, f"{path}: {len(errors)} failed requests under load, e.g. {errors[:1]}")
        problems = work_problems(work, requests, queries, rows_per_query, updates)
        expect(not problems, f"{path}: " + "; ".join(problems))

    def check_json(self) -> None:
        r = self.get("/json")
        expect(r.status_code == 200, f"status {r.status_code}")
        expect(r.json() == {"message": "Hello, World!"}, f"body {_short(r.text)}")
        _headers(r, "json")

    def check_plaintext(self) -> None:
        r = self.get("/plaintext")
        expect(r.status_code == 200, f"status {r.status_code}")
        expect(r.text == "Hello, World!", f"body {_short(r.text)}")
        _headers(r, "plaintext")

    def check_db(self) -> None:
        r = self.get("/db")
        expect(r.status_code == 200, f"status {r.status_code}")
        row = r.json()
        _world_row(row)
        with psycopg.connect(self.db_url) as conn:
            stored = conn.execute(
                "SELECT randomnumber FROM world WHERE id = %s", (row["id"],)
            ).fetchone()
        expect(
            stored is not None and stored[0] == row["randomNumber"],
            f"row {row} differs from the table ({stored})",
        )
        _headers(r, "json")
        self._sql_work("/db", "world")

    def _rows(self, path: str, size: int) -> list[dict[str, int]]:
        """The world rows `path` answers, expecting `size` of them and TechEmpower's headers."""
        r = self.get(path)
        expect(r.status_code == 200, f"{path}: status {r.status_code}")
        rows: list[dict[str, int]] = r.json()
        expect(
            isinstance(rows, list) and len(rows) == size,
            f"{path}: expected {size} rows, got {_short(rows)}",
        )
        for row in rows:
            _world_row(row)
        _headers(r, "json")
        return rows

    def check_queries(self) -> None:
        for query, size in QUERY_CASES:
            self._rows(f"/queries{query}", size)
        self._sql_work(f"/queries?queries={COUNTED_QUERIES}", "world", queries=COUNTED_QUERIES)

    def check_updates(self) -> None:
        for query, size in QUERY_CASES:
            rows = self._rows(f"/updates{query}", size)
            with psycopg.connect(self.db_url) as conn:
                stored: dict[int, int] = dict(
                    conn.execute(
                        "SELECT id, randomnumber FROM world WHERE id = ANY(%s)",
                        ([row["id"] for row in rows],),
                    ).fetchall()
                )
            for row in rows:
                # An id drawn twice is written twice; the last write wins, so the table holds
                # one of the numbers answered for it.
                returned = {x["randomNumber"] for x in rows if x["id"] == row["id"]}
                expect(
                    stored.get(row["id"]) in returned,
                    f"/updates{query}: row {row['id']} not persisted "
                    f"(table has {stored.get(row['id'])}, answer {returned})",
                )
        self._sql_work(
            f"/updates?queries={COUNTED_UPDATE_QUERIES}",
            "world",
            COUNTED_UPDATE_REQUESTS,
            COUNTED_UPDATE_QUERIES,
            updates=True,
        )

    def check_fortunes(self) -> None:
        r = self.get("/fortunes")
        expect(r.status_code == 200, f"status {r.status_code}")
        expect("<script>" not in r.text, "the <script> fortune is not escaped")
        with psycopg.connect(self.db_url) as conn:
            stored = conn.execute("SELECT id, message FROM fortune").fetchall()
        wanted = _fortunes_page(sorted([*stored, (0, ADDED_FORTUNE)], key=lambda row: row[1]))
        parser = _Tokens()
        parser.feed(r.text)
        parser.close()
        got = parser.tokens
        for index, (want, have) in enumerate(zip(wanted, got, strict=False)):
            expect(
                want == have,
                f"the page differs at {_short(''.join(got[max(0, index - 3) : index]))}: "
                f"expected {_short(want)}, got {_short(have)}",
            )
        expect(
            len(got) == len(wanted),
            f"the page ends early after {_short(''.join(got[-4:]))}"
            if len(got) < len(wanted)
            else f"unexpected content after the table: {_short(''.join(got[len(wanted) :]))}",
        )
        _headers(r, "html")
        self._sql_work("/fortunes", "fortune", rows_per_query=len(stored))

    def check_saas(self) -> None:
        account = 7
        r = self.get("/saas/dashboard", headers={"Authorization": f"Bearer key-{account}"})
        expect(r.status_code == 200, f"status {r.status_code}: {_short(r.text)}")
        _headers(r, "json")
        body = r.json()
        with psycopg.connect(self.db_url) as conn:
            name = conn.execute("SELECT name FROM accounts WHERE id = %s", (account,)).fetchone()[0]  # type: ignore[index]
            totals = [
                {"status": s, "count": c, "amount_cents": int(a)}
                for s, c, a in conn.execute(
                    "SELECT status, count(*), sum(amount_cents) FROM invoices WHERE account_id = %s GROUP BY status ORDER BY status",
                    (account,),
                )
            ]
            latest = [
                {
                    "id": i,
                    "number": n,
                    "status": s,
                    "amount_cents": a,
                    "currency": cur,
                    "issued_on": d.isoformat(),
                    "customer": {"id": cid, "name": cname},
                }
                for i, n, s, a, cur, d, cid, cname in conn.execute(
                    "SELECT i.id, i.number, i.status, i.amount_cents, i.currency, i.issued_on, c.id, c.name "
                    "FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.account_id = %s "
                    "ORDER BY i.issued_on DESC, i.id DESC LIMIT 20",
                    (account,),
                )
            ]
        expect(
            body.get("account") == {"id": account, "name": name},
            f"account {_short(body.get('account'))}",
        )
        expect(
            body.get("totals") == totals,
            f"totals: expected {_short(totals)}, got {_short(body.get('totals'))}",
        )
        for index, (want, have) in enumerate(zip(latest, body.get("latest") or [], strict=False)):
            expect(want == have, f"latest[{index}]: expected {_short(want)}, got {_short(have)}")
        expect(len(body.get("latest") or []) == 20, "latest has 20 invoices")
        for headers in ({}, {"Authorization": "Bearer key-0"}, {"Authorization": "key-7"}):
            r = self.get("/saas/dashboard", headers=headers)
            expect(
                r.status_code == 401 and r.json() == {"error": "unauthorized"},
                f"{headers or 'no key'}: expected 401 unauthorized, got {r.status_code} {_short(r.text)}",
            )

    def check_upstream(self) -> None:
        r = self.get("/upstream")
        expect(r.status_code == 200, f"status {r.status_code}: {_short(r.text)}")
        _headers(r, "json")
        body = r.json()
        expect(body.get("upstream", {}).get("answer") == "42", f"upstream body {_short(body)}")
        elapsed = body.get("elapsed_ms")
        expect(
            isinstance(elapsed, int | float) and elapsed >= self.upstream.delay_ms * 0.9,
            f"elapsed_ms {elapsed} for a {self.upstream.delay_ms} ms upstream",
        )
        for mode in ("fail", "slow"):
            self.upstream.set_mode(mode)
            try:
                r = self.get("/upstream", timeout=15)
            finally:
                self.upstream.set_mode("ok")
            expect(
                r.status_code == 502 and r.json() == {"error": "upstream failed"},
                f"upstream {mode}: expected 502, got {r.status_code} {_short(r.text)}",
            )

    def check_404(self) -> None:
        r = self.get(f"/no-such-path-{uuid.uuid4().hex[:6]}")
        expect(r.status_code == 404, f"unknown path answered {r.status_code}")

    def check_ws(self) -> None:
        asyncio.run(self._ws_broadcast())

    async def _ws_broadcast(self) -> None:
        from websockets.asyncio.client import ClientConnection, connect

        tag = uuid.uuid4().hex[:8]
        text = f"hello {tag}"

        async def hear(client: ClientConnection, wanted: str, name: str) -> None:
            """Read until `wanted` arrives, passing over the other client's join."""
            try:
                async with asyncio.timeout(5):
                    while (got := await client.recv()) != wanted:
                        expect(
                            isinstance(got, str) and got.startswith(f"join {tag} "),
                            f"the {name} received {_short(str(got))} instead of {wanted!r}",
                        )
            except TimeoutError:
                raise Mismatch(f"the {name} did not receive {wanted!r}") from None

        async with connect(self.app.ws_url) as a, connect(self.app.ws_url) as b:
            # A client that hears its own join back is in the room: no guessing how long joining
            # takes (Django's companion process registers a client through its channel layer).
            for name, client in (("sender", a), ("other client", b)):
                await client.send(f"join {tag} {name}")
                await hear(client, f"join {tag} {name}", name)
            await a.send(text)
            for name, client in (("sender", a), ("other client", b)):
                await hear(client, text, name)

    def run(
        self,
        on_check: Callable[[Check], None] | None = None,
        endpoints: tuple[str, ...] = ENDPOINTS,
    ) -> list[Check]:
        results = []
        for endpoint in endpoints:
            method = getattr(self, f"check_{endpoint}")
            try:
                method()
                check = Check(self.label, endpoint, True)
            except Mismatch as exc:
                check = Check(self.label, endpoint, False, str(exc))
            except Exception as exc:  # any error while checking is a failed check, reported as such
                check = Check(self.label, endpoint, False, f"{type(exc).__name__}: {exc}")
            results.append(check)
            if on_check:
                on_check(check)
        self.http.close()
        return results


def verify_apps(
    names: list[str] | None,
    on_check: Callable[[Check], None] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> list[Check]:
    """Throw-away PostgreSQL with the data, the upstream stub, then every app installed, started
    and checked in turn; everything is stopped and removed afterwards, also on Ctrl-C."""
    from stackwise.lab.apps import AppError, discover_apps, install
    from stackwise.lab.dataset import load
    from stackwise.lab.postgres import throwaway_postgres

    step = on_step or (lambda message: None)
    apps = discover_apps(names)
    results: list[Check] = []
    step("starting a throw-away PostgreSQL and loading the data")
    with throwaway_postgres() as pg, UpstreamStub(delay_ms=50) as upstream:
        url = pg.create_database("lab")
        load(url)
        for app in apps:
            try:
                step(f"{app.name}: installing (cached when the lock files are unchanged)")
                install(app)
                for variant in app.data_access:
                    usual = variant == app.usual_data_access
                    step(f"{app.name}: starting and checking ({app.data_access[variant]})")
                    with RunningApp(app, url, upstream.url, data_access=variant) as running:
                        results += Verifier(running, url, upstream).run(
                            on_check, ENDPOINTS if usual else DATABASE_ENDPOINTS
                        )
            except AppError as exc:
                check = Check(app.name, "start", False, str(exc).splitlines()[0][:300])
                results.append(check)
                if on_check:
                    on_check(check)
    return results
