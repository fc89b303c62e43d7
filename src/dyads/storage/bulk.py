"""Rows into a table, many at once.

A batch's rows go to DuckDB as one Arrow table (`INSERT INTO t SELECT * FROM` the variable holding it): the cost of an INSERT
is in parsing and binding its statement, not in its rows, and a multi-row VALUES statement of 200 rows
binds some 3,000 parameters. Each column is built as the Arrow type of its DuckDB type (ARROW_TYPES), so
DuckDB stores what the VALUES statement stored. Values Arrow will not take as their column's type (a day
given as text, an integer for a flag) go by multi-row VALUES statements, as before, where DuckDB casts
them; so does a table with a column type not in ARROW_TYPES.
"""
from __future__ import annotations

import pyarrow as pa

VALUES_CHUNK = 200  # rows per VALUES statement (DuckDB's executemany runs one statement per row, far slower)
ARROW_TYPES = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "UBIGINT": pa.uint64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()), "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
}


def insert_rows(con, table: str, rows: list[tuple], suffix: str = "") -> int:
    """INSERT `rows` (tuples of all of `table`'s columns, in order) followed by `suffix` ("ON CONFLICT DO
    NOTHING"); the number of rows inserted (fewer than given where `suffix` skips conflicts)."""
    if not rows:
        return 0
    dyads_batch = _arrow_table(con, table, rows)
    if dyads_batch is None:
        return insert_values(con, table, rows, suffix)
    # DuckDB reads the Arrow table from this variable (its Python replacement scan of the calling frame)
    (inserted,), = con.execute(f"INSERT INTO {table} SELECT * FROM dyads_batch {suffix}").fetchall()
    return inserted


def insert_values(con, table: str, rows: list[tuple], suffix: str = "") -> int:
    """The same INSERT as multi-row VALUES statements of VALUES_CHUNK rows."""
    inserted = 0
    for start in range(0, len(rows), VALUES_CHUNK):
        chunk = rows[start:start + VALUES_CHUNK]
        one = f"({', '.join('?' * len(chunk[0]))})"
        inserted += con.execute(f"INSERT INTO {table} VALUES {', '.join([one] * len(chunk))} {suffix}",
                                [value for row in chunk for value in row]).fetchone()[0]
    return inserted


def _arrow_table(con, table: str, rows: list[tuple]) -> pa.Table | None:
    """`rows` as an Arrow table of `table`'s columns and types, or None where a value or a type will not go."""
    columns = _columns(con, table, len(rows[0]))
    if columns is None:
        return None
    try:
        return pa.table({name: pa.array([row[i] for row in rows], ARROW_TYPES[kind])
                         for i, (name, kind) in enumerate(columns)})
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return None


_COLUMNS: dict[str, list[tuple[str, str]]] = {}  # table -> its columns: one layout per version of the code


def _columns(con, table: str, width: int) -> list[tuple[str, str]] | None:
    """`table`'s (name, DuckDB type) in order when it has `width` columns of ARROW_TYPES, else None. Every store
    a process writes is migrated to the code's schema first, so the layout is looked up once per table."""
    columns = _COLUMNS.get(table)
    if columns is None or len(columns) != width:
        columns = _COLUMNS[table] = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND schema_name = "
            "current_schema() AND database_name = current_database() ORDER BY column_index", [table]).fetchall()
    if len(columns) != width or any(kind not in ARROW_TYPES for _, kind in columns):
        return None
    return columns
