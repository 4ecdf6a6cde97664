"""SQL work per request, counted by pg_stat_statements and judged by TechEmpower's margins."""

from __future__ import annotations

import psycopg
import pytest

from stackwise.lab.statement_counts import TableWork, table_work, work_problems

REQUESTS, QUERIES = 512, 20
READS = REQUESTS * QUERIES


def test_one_update_per_drawn_row_must_be_exact():
    assert work_problems(TableWork(2 * READS, READS, READS), REQUESTS, QUERIES, updates=True) == []
    [short] = work_problems(
        TableWork(2 * READS - 5, READS, READS - 5), REQUESTS, QUERIES, updates=True
    )[:1]
    assert short.startswith("only 20475 executed statements out of 20480 expected")


def test_a_bulk_update_may_write_an_id_drawn_twice_once_within_five_percent():
    bulk = READS + REQUESTS  # the reads and one UPDATE per request
    assert work_problems(TableWork(bulk, READS, READS - 12), REQUESTS, QUERIES, updates=True) == []
    [problem] = work_problems(
        TableWork(bulk, READS, int(READS * 0.9)), REQUESTS, QUERIES, updates=True
    )
    assert problem.startswith("only 9216 rows updated out of 10240 expected")
    assert "5% margin for a bulk UPDATE" in problem


def test_reads_have_no_margin_and_more_than_five_percent_extra_is_too_many():
    assert work_problems(TableWork(READS, READS, 0), REQUESTS, QUERIES) == []
    assert work_problems(TableWork(READS - 1, READS - 1, 0), REQUESTS, QUERIES) == [
        "only 10239 executed statements out of 10240 expected (512 requests x 20 SELECTs)",
        "only 10239 rows read out of 10240 expected (512 requests x 20)",
    ]
    [extra] = work_problems(TableWork(2 * READS, READS, 0), REQUESTS, QUERIES)
    assert extra.endswith("excessively high")


def test_fortunes_read_every_row_once_per_request():
    assert work_problems(TableWork(REQUESTS, 12 * REQUESTS, 0), REQUESTS, 1, 12) == []
    assert work_problems(TableWork(REQUESTS, 11 * REQUESTS, 0), REQUESTS, 1, 12) != []


@pytest.mark.postgres
def test_a_new_lab_database_counts_statements_and_rows_per_table(postgres):
    url = postgres.create_database("counted")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer)")
        conn.execute("CREATE TABLE worldwide (id integer)")  # names world only as part of a word
        before = table_work(url, "world")
        conn.execute("INSERT INTO world VALUES (1, 1), (2, 2), (3, 3), (4, 4)")
        for world_id in (1, 2, 3):
            conn.execute("SELECT id, randomnumber FROM world WHERE id = %s", (world_id,))
        conn.execute("UPDATE world SET randomnumber = 5 WHERE id <= 4")
        conn.execute("SELECT * FROM worldwide")
    assert table_work(url, "world") - before == TableWork(statements=5, rows_read=3, rows_updated=4)
