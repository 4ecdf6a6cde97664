"""Fill the lab database from a fixed seed, identically for every app (`python -m` to run)."""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Sequence

from stackwise.lab.location import LAB_DIR

SCHEMA = LAB_DIR / "schema.sql"
WORLD_ROWS = 10_000
ACCOUNTS = 1_000
USERS_PER_ACCOUNT = 3
CUSTOMERS_PER_ACCOUNT = 20
INVOICES_PER_ACCOUNT = 200
STATUSES = ("draft", "open", "paid", "void")
FORTUNES = (
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "フレームワークのベンチマーク",
)
FIRST = (
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
)
LAST = (
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
)
COMPANY = (
    "Analytics",
    "Logistics",
    "Studio",
    "Consulting",
    "Labs",
    "Foods",
    "Clinic",
    "Energy",
    "Systems",
    "Works",
)


def _rows(seed: int) -> dict[str, Sequence[tuple[object, ...]]]:
    rng = random.Random(seed)
    epoch = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    world = [(i, rng.randint(1, 10_000)) for i in range(1, WORLD_ROWS + 1)]
    fortune = [(i, message) for i, message in enumerate(FORTUNES, 1)]
    accounts, users, customers, invoices = [], [], [], []
    for a in range(1, ACCOUNTS + 1):
        accounts.append(
            (
                a,
                f"{rng.choice(LAST)} {rng.choice(COMPANY)} #{a}",
                f"key-{a}",
                epoch + dt.timedelta(minutes=a),
            )
        )
        for u in range(USERS_PER_ACCOUNT):
            uid = (a - 1) * USERS_PER_ACCOUNT + u + 1
            users.append(
                (uid, a, f"user{uid}@account{a}.example", f"{rng.choice(FIRST)} {rng.choice(LAST)}")
            )
        first_customer = (a - 1) * CUSTOMERS_PER_ACCOUNT + 1
        for c in range(CUSTOMERS_PER_ACCOUNT):
            cid = first_customer + c
            customers.append(
                (
                    cid,
                    a,
                    f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(COMPANY)}",
                    f"billing{cid}@customer.example",
                    epoch + dt.timedelta(hours=cid),
                )
            )
        for n in range(INVOICES_PER_ACCOUNT):
            iid = (a - 1) * INVOICES_PER_ACCOUNT + n + 1
            invoices.append(
                (
                    iid,
                    a,
                    first_customer + rng.randrange(CUSTOMERS_PER_ACCOUNT),
                    f"INV-{a}-{n + 1:04d}",
                    rng.choices(STATUSES, weights=(1, 3, 8, 1))[0],
                    rng.randint(1_000, 500_000),
                    "EUR",
                    dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700)),
                )
            )
    return {
        "world": world,
        "fortune": fortune,
        "accounts": accounts,
        "users": users,
        "customers": customers,
        "invoices": invoices,
    }


def load(url: str, seed: int = 2026) -> None:
    """Create the tables and fill them; the same seed always gives the same rows."""
    import psycopg

    with psycopg.connect(url, autocommit=False) as conn:
        conn.execute(SCHEMA.read_text())
        for table, rows in _rows(seed).items():
            with conn.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m stackwise.lab.dataset postgresql://user@host:port/dbname")
    load(sys.argv[1])
    print("loaded")
