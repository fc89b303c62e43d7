"""DuckDB store: one file, one writer, migrations recorded, bulk inserts in transactions.

Each `save` call is one transaction: a kill in the middle of an ingest loses at most the batch in
flight, and running the ingest again skips what is already stored (by source hash and by document
id), so it ends with the rows of one uninterrupted run.

A new database file is written in DuckDB's v1.0.0 storage format (STORAGE_VERSION), which every DuckDB
since 1.0 opens; a file that is not a DuckDB database is refused before DuckDB touches it, and DuckDB
never installs or loads an extension on its own.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from dyads.errors import StoreError
from dyads.model import Document, Failure, to_record
from dyads.storage.bulk import insert_rows
from dyads.storage.events import EVENT_COLUMNS, cluster_ids, event_numbers, event_rows, id_key, query_events, quote_rows
from dyads.storage.migrations import ID_KEYS, MIGRATIONS, NUMBER_EVENTS, SAME_CLUSTER_NUMBER

DEFAULT_DB = "dyads.duckdb"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


STORAGE_VERSION = "v1.0.0"  # the file format new databases are written in: DuckDB 1.0 and later open them
SQLITE_MAGIC = b"SQLite format 3\x00"
DUCKDB_MAGIC = b"DUCK"  # at offset 8 of every DuckDB database file
MIN_PREFIX = 6  # shortest id prefix `record` accepts


def check_database_file(path: str | Path) -> None:
    """Raise StoreError when `path` exists but is not a DuckDB database file (before DuckDB touches it)."""
    path = Path(path)
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a DuckDB database file")
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as err:
        raise StoreError(f"{path}: cannot read the database file: {err.strerror or err}") from None
    if head[8:12] == DUCKDB_MAGIC:
        return
    if not head:
        looks = "an empty file"
    elif head.startswith(SQLITE_MAGIC):
        looks = "a SQLite database"
    else:
        from dyads.io.decode import binary_kind

        kind = binary_kind(head) or "text file"
        mass = kind.endswith("data") or kind == "audio"
        looks = kind if mass else f"{'an' if kind[0] in 'aeiouE' else 'a'} {kind}"
    raise StoreError(f"{path}: not a DuckDB database file (it looks like {looks}); choose another database file")


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that never downloads or loads extensions on its own; a new file is written
    in the STORAGE_VERSION format (an existing file keeps its own)."""
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if not read_only:
        config["storage_compatibility_version"] = STORAGE_VERSION
        # the writer's buffer pool: DuckDB keeps what it read and wrote cached up to 80 % of the machine's
        # memory by default, so a long ingest's resident set grows with the database; capped, it reads
        # cold blocks back from the file (and spills a large join or sort to a temporary file)
        config["memory_limit"] = os.environ.get("DYADS_WRITER_MEMORY", WRITER_MEMORY)
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    con.execute("SET enable_progress_bar = false")  # DuckDB would draw its bar over a command's output
    return con


WRITER_MEMORY = "256MB"  # DuckDB memory_limit of a connection that writes (DYADS_WRITER_MEMORY overrides it)


class Store:
    """The database file `path`, opened read-write (migrated to the current schema) or `read_only`.
    A file busy with another process is waited for up to `wait` seconds (storage/access.py)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, wait: float | None = None):
        from dyads.storage.access import open_with_wait

        self.path = str(path)
        self._owned = True
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `dyads ingest` first)")
        check_database_file(self.path)
        try:
            self.con = open_with_wait(self.path, lambda: connect(self.path, read_only=read_only), read_only, wait)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open the database: {err}") from None
        if not read_only:
            self.migrate()
        elif self._behind():  # written by an older dyads: migrated once, then read
            self.con.close()
            try:
                Store(self.path, wait=wait).close()
            except StoreError as err:
                raise StoreError(f"{self.path}: written by an older dyads; reading it needs its schema migrated, "
                                 f"which failed: {err}") from None
            self.con = open_with_wait(self.path, lambda: connect(self.path, read_only=True), True, wait)

    def _behind(self) -> bool:
        """Whether the store lacks migrations this dyads has (False for a file with no dyads schema)."""
        try:
            return 0 < self.schema_version() < MIGRATIONS[-1][0]
        except duckdb.Error:
            return False

    @classmethod
    def on(cls, con: duckdb.DuckDBPyConnection, path: str | Path) -> "Store":
        """A Store over a connection (or cursor) someone else owns and closes (storage.access.SharedReader)."""
        store = cls.__new__(cls)
        store.path, store.con, store._owned = str(path), con, False
        return store

    def close(self) -> None:
        if self._owned:
            self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
                self.con.execute("COMMIT")
            except duckdb.Error as err:
                self.con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {version} ({name}) failed: {err}") from None
            applied.append(version)
        return applied

    def number_events(self) -> None:
        """Number the events written without their integer numbers (rows a script or a test inserted in SQL)."""
        self.con.execute(NUMBER_EVENTS)

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- runs -----------------------------------------------------------------------------------
    def start_run(self, command: str, components: dict[str, str], config: dict[str, Any]) -> str:
        from dyads import __version__

        run_id = uuid.uuid4().hex[:16]
        config_json = json.dumps(config, sort_keys=True, default=str)
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, command, dyads_version, components, config, config_hash) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
            [run_id, _now(), command, __version__, json.dumps(components, sort_keys=True), config_json,
             hashlib.sha256(config_json.encode()).hexdigest()[:16]])
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int], status: str = "finished") -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE run_id = ?",
                         [_now(), status, json.dumps(counts), run_id])

    # -- documents ------------------------------------------------------------------------------
    def known_sources(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(set(hashes))
        if not hashes:
            return set()
        rows = self.con.execute("SELECT source_hash FROM sources WHERE source_hash IN (SELECT unnest(?))",
                                [hashes]).fetchall()
        return {r[0] for r in rows}

    def known_documents(self, ids: Iterable[str]) -> set[str]:
        ids = list(set(ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def save(self, docs: Sequence[Document], failures: Sequence[Failure], run_id: str) -> tuple[list[Document], list[Document]]:
        """Store a batch in one transaction; return (inserted, duplicates)."""
        known = self.known_documents(d.id for d in docs)
        inserted: list[Document] = []
        duplicates: list[Document] = []
        seen: set[str] = set()
        for doc in docs:
            (duplicates if doc.id in known or doc.id in seen else inserted).append(doc)
            seen.add(doc.id)
        now = _now()
        self.con.execute("BEGIN TRANSACTION")
        try:
            if inserted:
                insert_rows(self.con, "documents", [_document_row(d, run_id, now) for d in inserted])
            self._save_annotations(inserted, run_id, now)
            source_rows = [(d.source_hash, d.id, d.source, run_id) for d in docs]
            if source_rows:
                insert_rows(self.con, "sources", source_rows, "ON CONFLICT DO NOTHING")
            if failures:
                insert_rows(self.con, "failures", [(run_id, f.source, f.reason, now) for f in failures])
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot save a batch of {len(docs)} documents: {err}") from None
        return inserted, duplicates

    def _save_annotations(self, docs: Sequence[Document], run_id: str, now: dt.datetime) -> None:
        actor_rows, mention_rows, learned = [], [], {}
        for doc in docs:
            if not doc.annotated:
                continue
            for a in doc.actors:
                actor_rows.append((doc.id, a.id, a.key, a.code, a.role, a.name, a.names, a.kind, a.person, a.unit,
                                   a.in_kb, len(a.mentions), json.dumps(a.as_record()["mentions"]), run_id))
                if not a.in_kb and a.kind == "unknown" and a.key and " " in a.name:
                    learned.setdefault(a.name, (a.key, a.role, doc.id))
            for m in doc.mentions:
                mention_rows.append((doc.id, m.segment, m.start, m.end, m.text, m.sentence, m.rule, m.place,
                                     json.dumps([r.__dict__ for r in m.refs])))
        if actor_rows:
            insert_rows(self.con, "actors", actor_rows)
        if mention_rows:
            insert_rows(self.con, "mentions", mention_rows)
        with_events = [doc for doc in docs if doc.annotated and doc.events]
        stored: dict[str, int] = {}
        all_clusters = cluster_ids(self.con, [ev for doc in with_events for ev in doc.events], stored)
        clusters, numbers = iter(all_clusters), iter(event_numbers(self.con, with_events, all_clusters, stored))
        rows, quotes = [], []  # the batch's, in one statement each (a statement costs more than its rows)
        for doc in docs:
            if doc.annotated and doc.events:
                rows += event_rows(doc, run_id, [next(clusters) for _ in doc.events],
                                   [next(numbers) for _ in doc.events])
            if doc.annotated and doc.quotes:
                quotes += quote_rows(doc)
        skipped = len(rows) - insert_rows(self.con, "events", rows, "ON CONFLICT DO NOTHING") if rows else 0
        if quotes:
            insert_rows(self.con, "quotes", quotes)
        if any(id_key(ev.id) is None for doc in with_events for ev in doc.events):
            self.con.execute(ID_KEYS)  # ids not the coder's: their id_key is their rank
        if skipped:  # a skipped row's id may have founded a cluster both here and in the store: one number
            self.con.execute(SAME_CLUSTER_NUMBER, [sorted(set(all_clusters))])
        for name, (key, role, doc_id) in learned.items():
            self.con.execute(
                "INSERT INTO learned_aliases VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                "documents = learned_aliases.documents + 1, updated_at = excluded.updated_at",
                [name, key, role, doc_id, now])

    def learned_aliases(self) -> list[tuple[str, str | None, str | None]]:
        return [tuple(r) for r in self.con.execute(
            "SELECT name, key, role FROM learned_aliases ORDER BY name").fetchall()]

    def actors(self, key: str | None = None, role: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors over the corpus with their document and mention counts."""
        sql = ("SELECT key, role, code, name, kind, any_value(in_kb) AS in_kb, count(DISTINCT document_id) AS documents, "
               "sum(mention_count) AS mentions FROM actors WHERE (? IS NULL OR key = ?) AND (? IS NULL OR role = ?) "
               "GROUP BY key, role, code, name, kind ORDER BY mentions DESC, name")
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, [key, key, role, role])
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def events(self, **filters) -> list[dict[str, Any]]:
        return query_events(self.con, **filters)

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT id, published, title, source FROM documents "
               "ORDER BY published_at NULLS LAST, published_day NULLS LAST, title")
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def record(self, doc_id: str) -> dict[str, Any] | None:
        """The record of the article `doc_id` names (matching_documents: id, input name, stored source, id
        prefix of at least MIN_PREFIX characters). None when nothing matches; StoreError when the prefix is too
        short or several articles match (naming them)."""
        rows, what = matching_documents(self.con, doc_id, "id, source, record")
        if not what:
            raise StoreError(f"{self.path}: no article has the id or name {doc_id!r}, and an id prefix needs at "
                             f"least {MIN_PREFIX} characters")
        return _one(rows, what) if rows else None

    def count(self, table: str) -> int:
        if table not in {"documents", "sources", "failures", "runs", "schema_migrations", "actors", "mentions",
                         "learned_aliases", "events", "quotes"}:
            raise ValueError(table)
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def matching_documents(con, ident: str, fields: str) -> tuple[list[tuple], str]:
    """`fields` of the stored documents `ident` names (at most 11): those with that id, else that input name,
    else that stored source, else whose id starts with it (at least MIN_PREFIX characters); and what
    matched, for messages ("" when `ident` is too short to be a prefix and nothing else matched)."""
    for column in ("id", "doc", "source"):
        rows = con.execute(f"SELECT {fields} FROM documents WHERE {column} = ? ORDER BY ingested_at, id LIMIT 11",
                           [ident]).fetchall()
        if rows:
            return rows, f"the name {ident!r}"
    if len(ident) < MIN_PREFIX:
        return [], ""
    return (con.execute(f"SELECT {fields} FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 11",
                        [ident]).fetchall(), f"the id prefix {ident!r}")


def _one(rows: list[tuple], what: str) -> dict[str, Any]:
    """The record of the only row, or StoreError naming the candidates (id and source) when there are several."""
    if len(rows) == 1:
        return json.loads(rows[0][2])
    shown = ", ".join(f"{ident[:12]} ({source})" for ident, source, _ in rows[:10])
    more = " and more" if len(rows) > 10 else ""
    raise StoreError(f"{what} matches several articles: {shown}{more}; give more of the id")


def _document_row(doc: Document, run_id: str, now: dt.datetime) -> tuple:
    record = to_record(doc)
    pub_at = doc.published if isinstance(doc.published, dt.datetime) else None
    mod_at = doc.modified if isinstance(doc.modified, dt.datetime) else None
    pub_day = doc.published.date() if isinstance(doc.published, dt.datetime) else doc.published
    return (doc.id, doc.source_hash, doc.source, doc.doc, doc.url, doc.title, doc.subtitle,
            record["published"], pub_at, pub_day, record["modified"], mod_at, doc.authors, doc.dateline,
            doc.publisher, doc.language, doc.body, doc.captions, doc.warnings, json.dumps(record, ensure_ascii=False),
            run_id, now, doc.tone)
