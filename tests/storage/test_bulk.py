"""A batch's rows go in as one Arrow table and are stored as the VALUES statements stored them."""
import datetime as dt

import duckdb
import pytest

from dyads.storage import bulk

TABLE = ("CREATE TABLE t (id VARCHAR PRIMARY KEY, n INTEGER, big BIGINT, u UBIGINT, x DOUBLE, flag BOOLEAN, "
         "day DATE, names VARCHAR[], doc JSON, seen TIMESTAMP WITH TIME ZONE)")
ROWS = [("a", 1, 2**40, 2**63 + 5, 0.5, True, dt.date(2024, 5, 16), ["Xi", "Putin"], '{"k": 1}',
         dt.datetime(2024, 5, 16, 9, 30, tzinfo=dt.timezone.utc)),
        ("b", None, None, None, 3, False, None, [], None, None)]  # NULLs, an int for a DOUBLE, an empty list


def _con():
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(TABLE)
    return con


def _stored(con):
    return con.execute("SELECT * FROM t ORDER BY id").fetchall()


def test_the_arrow_insert_stores_what_the_values_statement_stores():
    arrow, values = _con(), _con()
    assert bulk.insert_rows(arrow, "t", ROWS) == 2
    assert bulk.insert_values(values, "t", ROWS) == 2
    assert _stored(arrow) == _stored(values)
    assert _stored(arrow)[0][7] == ["Xi", "Putin"] and _stored(arrow)[1][4] == 3.0


def test_conflicts_skipped_are_not_counted():
    con = _con()
    bulk.insert_rows(con, "t", ROWS[:1])
    assert bulk.insert_rows(con, "t", ROWS, "ON CONFLICT DO NOTHING") == 1
    assert [r[0] for r in _stored(con)] == ["a", "b"]


@pytest.mark.parametrize("at, value", [(6, "2024-05-16"), (5, 1)])  # a day as text, an integer for a flag
def test_values_arrow_will_not_take_go_by_the_values_statement(at, value):
    row = list(ROWS[0])
    row[at] = value
    con, values = _con(), _con()
    assert bulk.insert_rows(con, "t", [tuple(row)]) == 1
    bulk.insert_values(values, "t", [tuple(row)])
    assert _stored(con) == _stored(values)


def test_nothing_to_insert():
    assert bulk.insert_rows(_con(), "t", []) == 0
