"""The read side of the API: stored articles, actors and events, and the analyses over them (series, shift,
network) and exports. Every function takes `db`: a database path (opened read-only, waiting for a running
ingest's write), an open Store, or a SharedReader (`shared_reader`); `dyads.api` re-exports them all."""
from __future__ import annotations

import os
from contextlib import contextmanager

from dyads.io.export import FORMATS as EXPORT_FORMATS  # noqa: F401 - for the CLI (cli imports no io)
from dyads.storage import Store
from dyads.storage.access import WouldWait  # noqa: F401 - for the dashboard (web imports no storage)
from dyads.storage.filters import DEFAULT_MIN_CONFIDENCE  # noqa: F401 - read off the dev sweep of benchmarks/coding.py


@contextmanager
def reading(db):
    """The store to read: `db` a path (opened read-only, waiting for a running ingest's write), an open
    Store, or a storage.access.SharedReader (a connection held across calls, as the dashboard's). A
    ReaderView answers from memory only (`indexed`): here it raises WouldWait."""
    from dyads.storage.access import ReaderView, SharedReader, WouldWait

    if isinstance(db, ReaderView):
        raise WouldWait("a query of the file")
    if isinstance(db, Store):
        yield db
    elif isinstance(db, SharedReader):
        with db.cursor() as cursor:
            yield Store.on(cursor, db.path)
    else:
        with Store(db, read_only=True) as store:
            yield store


@contextmanager
def indexed(db):
    """(store, index): the store to read as `reading` gives it, and, when `db` is a SharedReader (or a
    ReaderView of one), the in-memory storage.readmodel.EventIndex of its generation (None otherwise, or for
    a store larger than readmodel.max_events(); a ReaderView raises WouldWait then, and while it is built)."""
    from dyads.storage.access import ReaderView, SharedReader, WouldWait

    if not isinstance(db, (SharedReader, ReaderView)):
        with reading(db) as store:
            yield store, None
        return
    with db.cursor() as cursor:
        index = db.derived("events", _event_index, cursor)
        if index is None and isinstance(db, ReaderView):
            raise WouldWait("a store too large for the in-memory index")
        yield Store.on(cursor, db.path), index


def _event_index(con):
    from dyads.storage.readmodel import EventIndex, max_events

    count = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    return EventIndex(con) if count <= max_events() else None


def shared_reader(db: str | os.PathLike):
    """A storage.access.SharedReader over `db`: one read-only connection for many calls (and threads), let go
    whenever an ingest writes; pass it as the `db` of the reading functions here (the dashboard does)."""
    from dyads.storage.access import SharedReader

    return SharedReader(db)


def start_index(reader) -> None:
    """Start building the in-memory index of a SharedReader's current generation in a thread (opening the
    file first): the dashboard's first pages find it built, or under way."""
    reader.build_later("events", _event_index)


def articles(db: str | os.PathLike = "dyads.duckdb", limit: int | None = None) -> list[dict]:
    with reading(db) as store:
        return store.articles(limit)


def record(db: str | os.PathLike, doc_id: str) -> dict | None:
    """The stored record of one article: by id, input name, stored source (its path), or id prefix (at least 6 characters). None
    when nothing matches; StoreError when the prefix is too short or matches several (naming them)."""
    with reading(db) as store:
        return store.record(doc_id)


def actors(db: str | os.PathLike = "dyads.duckdb", key: str | None = None, role: str | None = None,
           limit: int | None = None) -> list[dict]:
    with reading(db) as store:
        return store.actors(key, role, limit)


def events(db: str | os.PathLike = "dyads.duckdb", actor: str | None = None, dyad=None, code: str | None = None,
           since=None, until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, clusters: bool = False,
           limit: int | None = None, source: str | None = None, target: str | None = None,
           group: str | None = None) -> list[dict]:
    """Stored events as `Event.to_dict()` (plus `cluster_id`, `document_title`), the filters of
    `dyads events`: `actor` (a key such as USA or EU, or a code such as USAGOV or IGOEUREEC, on either
    side), `dyad` ("SOURCE,TARGET" or a pair; or `source`/`target` alone), `group` ("CHN+RUS,USA": any of
    the sources toward any of the targets), `code` (a CAMEO root or full
    code), `since`/`until` (YYYY, YYYY-MM, YYYY-MM-DD or a date), `min_confidence`, `clusters` (one row
    per cluster of reports), `limit`. A value that is not known raises dyads.errors.UsageError naming
    the closest known ones, with the message the CLI prints."""
    from dyads.storage.filters import check_filters

    filters = dict(actor=actor, dyad=dyad, code=code, since=since, until=until, min_confidence=min_confidence,
                   clusters=clusters, limit=limit, source=source, target=target, group=group)
    check_filters(**filters)  # before the database: a wrong value is a usage error even without one
    with reading(db) as store:
        return store.events(**filters)


def event_rows(db: str | os.PathLike = "dyads.duckdb", actor: str | None = None, dyad=None, code: str | None = None,
               since=None, until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, limit: int | None = 100,
               source: str | None = None, target: str | None = None, group: str | None = None) -> list[dict]:
    """The rows of the dashboard's event table (`dyads.event-row/1`: id, document, cluster, date, code,
    Goldstein, sides, place, sentence, confidence) for the filters of `events`, in its order; from the
    in-memory index when `db` is a SharedReader (storage/readmodel.py), else through DuckDB."""
    from dyads.storage.filters import check_filters
    from dyads.storage.readmodel import table_rows

    filters = check_filters(actor=actor, dyad=dyad, code=code, since=since, until=until,
                            min_confidence=min_confidence, limit=limit, source=source, target=target, group=group)
    with indexed(db) as (store, index):
        return index.table_rows(store.con, filters) if index is not None else table_rows(store.con, filters)


def check_day(value: str, option: str = "since", end: bool = False):
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> its first day (its last with `end`); UsageError otherwise."""
    from dyads.storage.filters import parse_day

    return parse_day(value, option, end)


def series(db: str | os.PathLike = "dyads.duckdb", actor=None, dyad=None, group=None, by: str = "month", since=None,
           until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, by_root: bool = False,
           mentions: bool = False):
    """Per-period series of an actor (either side), a dyad ("A,B") or a group ("CHN+RUS,USA") as a pandas
    DataFrame: events, goldstein_sum, goldstein_mean, QuadClass shares, tone_mean, articles (root_01..root_20
    with `by_root`); `by` day, week, month or quarter; clusters once unless `mentions` (docs/analysis.md)."""
    from dyads.analysis.series import series as run, series_from_index

    arguments = dict(actor=actor, dyad=dyad, group=group, by=by, since=since, until=until,
                     min_confidence=min_confidence, by_root=by_root, mentions=mentions)
    with indexed(db) as (store, index):
        return series_from_index(index, store.con, **arguments) if index is not None else run(store.con, **arguments)


def network(db: str | os.PathLike = "dyads.duckdb", since=None, until=None,
            min_confidence: float = DEFAULT_MIN_CONFIDENCE, actor=None, code=None, mentions: bool = False,
            min_events: int = 1):
    """The actor network of the events between two known actors as an analysis.network.Network: `graph` (a
    networkx DiGraph), DataFrames `nodes`, `edges`, `alignment`, a list `communities`, `to_dict()`; filters as
    in `events`; clusters once unless `mentions`; edges with fewer than `min_events` left out (docs/network.md)."""
    from dyads.analysis.network import network as run

    with reading(db) as store:
        return run(store.con, since=since, until=until, min_confidence=min_confidence, actor=actor, code=code,
                   mentions=mentions, min_events=min_events)


def shift(db: str | os.PathLike = "dyads.duckdb", actor=None, dyad=None, group=None, before=None, after=None,
          docs=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, mentions: bool = False, samples: int = 2000,
          seed: int = 0):
    """The stance shift of an actor, a dyad or a group (or every event) between two windows, `before` and
    `after` ("2023:2023", ":2023-06", or (start, end) pairs), or two documents `docs` (ids, unique id prefixes or
    input names), as an analysis.shift.Shift: each window's figures, root and QuadClass shares, appeared and
    vanished targets and codes, the carrying sentences, the Goldstein change with a seeded bootstrap 95 %
    interval and a one-line `verdict`; `to_dict()` for JSON (docs/shift.md)."""
    from dyads.analysis.shift import check_request, shift as run

    arguments = dict(actor=actor, dyad=dyad, group=group, before=before, after=after, docs=docs,
                     min_confidence=min_confidence, mentions=mentions, samples=samples, seed=seed)
    check_request(**arguments)  # before the database: a wrong value is a usage error even without one
    with reading(db) as store:
        return run(store.con, **arguments)


def events_frame(db: str | os.PathLike = "dyads.duckdb", actor: str | None = None, dyad=None, code: str | None = None,
                 since=None, until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, clusters: bool = False,
                 limit: int | None = None, source: str | None = None, target: str | None = None,
                 group: str | None = None):
    """The stored events under the filters of `events` as a pandas DataFrame: every column of the events
    table (provenance as a JSON string), then document_url, document_title, document_publisher,
    document_published_day; with `clusters`, the first report of each cluster (docs/export.md)."""
    from dyads.io.export import events_frame as frame
    from dyads.storage.filters import check_filters

    filters = check_filters(actor=actor, dyad=dyad, code=code, since=since, until=until, min_confidence=min_confidence,
                            clusters=clusters, limit=limit, source=source, target=target, group=group)
    with reading(db) as store:
        return frame(store.con, _matching(store, filters))


def export(db: str | os.PathLike, path: str | os.PathLike, format: str = "csv", header: bool = True,
           actor: str | None = None, dyad=None, code: str | None = None, since=None, until=None,
           min_confidence: float = DEFAULT_MIN_CONFIDENCE, clusters: bool = False, limit: int | None = None,
           source: str | None = None, target: str | None = None, group: str | None = None) -> int:
    """Write the events `events_frame` gives to `path` ('-': standard output, text formats only) as csv,
    jsonl, parquet, gdelt (GDELT 2.0 event columns, tab-separated) or plover (PLOVER JSON Lines); returns
    the rows written. A file is written even when nothing matches (header or schema only); docs/export.md."""
    from dyads import __version__
    from dyads.io.export import check_export, export as run
    from dyads.storage.filters import check_filters

    check_export(path, format, header)  # before the database: a wrong value is a usage error even without one
    filters = check_filters(actor=actor, dyad=dyad, code=code, since=since, until=until, min_confidence=min_confidence,
                            clusters=clusters, limit=limit, source=source, target=target, group=group)
    with reading(db) as store:
        return run(store.con, path, format, _matching(store, filters), header=header, coder=f"dyads {__version__}")


def _matching(store: Store, filters):
    """The io.export.Matching of checked filters: their WHERE clause, actors resolved against the store."""
    from dyads.io.export import Matching
    from dyads.storage.filters import conditions

    where, args = conditions(store.con, filters)
    return Matching(where, tuple(args), filters.clusters, filters.limit)
