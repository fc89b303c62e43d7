"""Consistency check of a dyads database: no orphan rows, no duplicate ids, clusters that exist.

    from dyads.storage.consistency import check, NOTE
    problems = [p for p in check("dyads.duckdb") if not p.startswith(NOTE)]

`check` opens the file read-only and returns one line per problem found (empty: all is well).
A run that never finished (killed, or still running) is no fault of the data: it is reported as
a line starting with NOTE, so callers can tell it from a problem.
"""
from __future__ import annotations

import os

import duckdb

NOTE = "note: "
NO_EXTENSIONS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# table -> the columns that identify one row
KEYS = {
    "documents": ["id"],
    "sources": ["source_hash"],
    "runs": ["run_id"],
    "events": ["id"],
    "actors": ["document_id", "actor_id"],
    "learned_aliases": ["name"],
    "schema_migrations": ["version"],
}
# tables whose rows belong to one document
OWNED = ["sources", "actors", "mentions", "events", "quotes"]
# tables with a run_id column
RUN_OWNED = ["documents", "sources", "failures", "actors", "events"]


def check(db_path: str | os.PathLike) -> list[str]:
    """Problems found in the database at `db_path`, one line each; NOTE lines are only notes."""
    try:
        with open(db_path, "rb") as fh:
            if fh.read(12)[8:12] != b"DUCK":
                return [f"{db_path}: not a DuckDB database"]
    except OSError as err:
        return [f"{db_path}: cannot open the database: {err.strerror or err}"]
    try:
        con = duckdb.connect(str(db_path), read_only=True, config=NO_EXTENSIONS)
    except duckdb.Error as err:
        return [f"{db_path}: cannot open the database: {err}"]
    try:
        return _check(con)
    finally:
        con.close()


def _check(con) -> list[str]:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    problems: list[str] = []
    for table, key in KEYS.items():
        if table in tables:
            problems += _duplicates(con, table, key)
    for table in ("mentions", "quotes"):  # no id: the same row twice is a double insert
        if table in tables:
            problems += _duplicate_rows(con, table)
    if "documents" in tables:
        for table in (t for t in OWNED if t in tables):
            problems += _orphans(con, table)
        if "sources" in tables:
            missing = _scalar(con, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                   "(SELECT 1 FROM sources s WHERE s.source_hash = d.source_hash)")
            if missing:
                problems.append(f"documents: {missing} row(s) without their sources row")
    if "events" in tables:
        rows = con.execute("SELECT id, cluster_id FROM events e WHERE NOT EXISTS "
                           "(SELECT 1 FROM events c WHERE c.id = e.cluster_id) ORDER BY id LIMIT 5").fetchall()
        if rows:
            count = _scalar(con, "SELECT count(*) FROM events e WHERE NOT EXISTS "
                                 "(SELECT 1 FROM events c WHERE c.id = e.cluster_id)")
            problems.append(f"events: {count} row(s) whose cluster is missing, e.g. "
                            + ", ".join(f"{i} (cluster {c})" for i, c in rows))
    if "runs" in tables:
        for table in (t for t in RUN_OWNED if t in tables):
            count = _scalar(con, f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                                 f"(SELECT 1 FROM runs r WHERE r.run_id = t.run_id)")
            if count:
                problems.append(f"{table}: {count} row(s) whose run is missing")
        for run_id, started, status in con.execute(
                "SELECT run_id, started_at, status FROM runs WHERE finished_at IS NULL ORDER BY started_at").fetchall():
            problems.append(f"{NOTE}run {run_id} (started {started}) never finished, status {status!r}: "
                            "killed or still running")
    return problems


def _scalar(con, sql: str) -> int:
    return int(con.execute(sql).fetchone()[0])


def _duplicates(con, table: str, key: list[str]) -> list[str]:
    cols = ", ".join(key)
    rows = con.execute(f"SELECT {cols}, count(*) AS n FROM {table} GROUP BY {cols} HAVING count(*) > 1 "
                       f"ORDER BY n DESC LIMIT 5").fetchall()
    if not rows:
        return []
    shown = ", ".join(f"{'/'.join(str(v) for v in r[:-1])} ({r[-1]}x)" for r in rows)
    return [f"{table}: duplicate {cols}: {shown}"]


def _duplicate_rows(con, table: str) -> list[str]:
    extra = _scalar(con, f"SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM {table})) FROM {table}")
    return [f"{table}: {extra} row(s) stored twice"] if extra else []


def _orphans(con, table: str) -> list[str]:
    rows = con.execute(f"SELECT DISTINCT document_id FROM {table} t WHERE NOT EXISTS "
                       f"(SELECT 1 FROM documents d WHERE d.id = t.document_id) ORDER BY 1 LIMIT 5").fetchall()
    if not rows:
        return []
    count = _scalar(con, f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                         f"(SELECT 1 FROM documents d WHERE d.id = t.document_id)")
    return [f"{table}: {count} row(s) whose document is missing, e.g. {', '.join(r[0] for r in rows)}"]
