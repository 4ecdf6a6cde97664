"""The loader fills the same rows for the same seed, so every app is measured on the same data."""

from __future__ import annotations

import psycopg
import pytest

from stackwise.lab.dataset import load

pytestmark = pytest.mark.postgres

CHECKSUM = """
SELECT (SELECT count(*) FROM world), (SELECT sum(randomnumber) FROM world),
       (SELECT count(*) FROM invoices), (SELECT sum(amount_cents) FROM invoices),
       (SELECT md5(string_agg(number || status || issued_on::text, ',' ORDER BY id)) FROM invoices),
       (SELECT count(*) FROM fortune), (SELECT count(*) FROM accounts), (SELECT count(*) FROM customers)
"""


def _checksum(url: str) -> tuple[object, ...]:
    with psycopg.connect(url) as conn:
        return tuple(conn.execute(CHECKSUM).fetchone() or ())


def test_the_same_seed_gives_the_same_rows_and_another_seed_different_ones(postgres, lab_db):
    again = postgres.create_database("lab_again")
    load(again)
    other = postgres.create_database("lab_other")
    load(other, seed=7)
    first = _checksum(lab_db)
    assert first == _checksum(again)
    assert first != _checksum(other)
    assert (
        first[0] == 10_000
        and first[2] == 200_000
        and first[5] == 12
        and first[6] == 1_000
        and first[7] == 20_000
    )


def test_fortunes_include_markup_and_non_ascii_text(lab_db):
    with psycopg.connect(lab_db) as conn:
        messages = [m for (m,) in conn.execute("SELECT message FROM fortune")]
    assert any("<script>" in m for m in messages)
    assert "フレームワークのベンチマーク" in messages


def test_account_n_has_api_key_key_n(lab_db):
    with psycopg.connect(lab_db) as conn:
        assert conn.execute("SELECT id FROM accounts WHERE api_key = 'key-42'").fetchone() == (42,)
