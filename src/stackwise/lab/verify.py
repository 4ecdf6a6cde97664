"""Check that each lab app implements lab/spec.md: values, types, clamping, escaping, persistence."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import httpx
import psycopg

from stackwise.lab.apps import RunningApp
from stackwise.lab.upstream import UpstreamStub

ENDPOINTS = (
    "json",
    "plaintext",
    "db",
    "queries",
    "updates",
    "fortunes",
    "saas",
    "upstream",
    "404",
    "ws",
)
# The endpoints whose code changes with the data-access variant.
DATABASE_ENDPOINTS = ("db", "queries", "updates", "fortunes", "saas")
ADDED_FORTUNE = "Additional fortune added at request time."


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


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


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

    def _get_ok(self, path: str, content_type: str) -> httpx.Response:
        """GET `path`, expecting a 200 of the given content type."""
        r = self.get(path)
        expect(r.status_code == 200, f"status {r.status_code}")
        kind = r.headers.get("content-type", "")
        expect(kind.startswith(content_type), f"content-type {kind}")
        return r

    def check_json(self) -> None:
        r = self._get_ok("/json", "application/json")
        expect(r.json() == {"message": "Hello, World!"}, f"body {_short(r.text)}")

    def check_plaintext(self) -> None:
        r = self._get_ok("/plaintext", "text/plain")
        expect(r.text == "Hello, World!", f"body {_short(r.text)}")

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

    def check_queries(self) -> None:
        for query, size in (
            ("?queries=7", 7),
            ("?queries=0", 1),
            ("?queries=501", 500),
            ("?queries=foo", 1),
            ("", 1),
            ("?queries=", 1),
        ):
            r = self.get(f"/queries{query}")
            expect(r.status_code == 200, f"/queries{query}: status {r.status_code}")
            rows = r.json()
            expect(
                isinstance(rows, list) and len(rows) == size,
                f"/queries{query}: expected {size} rows, got {_short(rows)}",
            )
            for row in rows[:20]:
                _world_row(row)

    def check_updates(self) -> None:
        for query, size in (("?queries=5", 5), ("?queries=0", 1), ("?queries=foo", 1)):
            r = self.get(f"/updates{query}")
            expect(r.status_code == 200, f"/updates{query}: status {r.status_code}")
            rows = r.json()
            expect(
                isinstance(rows, list) and len(rows) == size,
                f"/updates{query}: expected {size} rows, got {_short(rows)}",
            )
            for row in rows:
                _world_row(row)
            with psycopg.connect(self.db_url) as conn:
                for row in rows:
                    stored = conn.execute(
                        "SELECT randomnumber FROM world WHERE id = %s", (row["id"],)
                    ).fetchone()
                    # With duplicate ids in one request the last write wins; compare to any returned value.
                    returned = {x["randomNumber"] for x in rows if x["id"] == row["id"]}
                    expect(
                        stored is not None and stored[0] in returned,
                        f"/updates{query}: row {row['id']} not persisted (table has {stored}, answer {returned})",
                    )

    def check_fortunes(self) -> None:
        r = self.get("/fortunes")
        expect(r.status_code == 200, f"status {r.status_code}")
        kind = r.headers.get("content-type", "").lower().replace(" ", "")
        expect(kind.startswith("text/html") and "charset=utf-8" in kind, f"content-type {kind}")
        expect("<script>" not in r.text, "the <script> fortune is not escaped")
        parser = _Cells()
        parser.feed(r.text)
        cells = [row for row in parser.rows if row and row != ["id", "message"]]
        with psycopg.connect(self.db_url) as conn:
            stored = conn.execute("SELECT id, message FROM fortune").fetchall()
        wanted = sorted(
            [(str(i), m) for i, m in stored] + [("0", ADDED_FORTUNE)], key=lambda row: row[1]
        )
        got = [tuple(row) for row in cells]
        for index, (want, have) in enumerate(zip(wanted, got, strict=False)):
            expect(want == have, f"row {index + 1}: expected {want}, got {have}")
        expect(len(got) == len(wanted), f"expected {len(wanted)} rows, got {len(got)}")

    def check_saas(self) -> None:
        account = 7
        r = self.get("/saas/dashboard", headers={"Authorization": f"Bearer key-{account}"})
        expect(r.status_code == 200, f"status {r.status_code}: {_short(r.text)}")
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
        import websockets

        text = f"hello {uuid.uuid4().hex[:8]}"
        async with (
            websockets.connect(self.app.ws_url) as a,
            websockets.connect(self.app.ws_url) as b,
        ):
            await asyncio.sleep(0.2)  # let both joins register before the message
            await a.send(text)
            for name, client in (("sender", a), ("other client", b)):
                try:
                    got = await asyncio.wait_for(client.recv(), timeout=5)
                except TimeoutError:
                    raise Mismatch(f"the {name} did not receive the broadcast") from None
                expect(got == text, f"the {name} received {_short(got)} instead of {text!r}")

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
