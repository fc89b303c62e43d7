"""The dashboard's in-memory event index (storage/readmodel.py) gives the event table the rows DuckDB gives,
filter by filter, on a store of random events; and the shared reader builds it once per generation."""
from __future__ import annotations

import duckdb
import pytest

from dyads import api
from dyads.errors import UsageError
from dyads.storage import Store
from dyads.storage.access import ReaderView, SharedReader, WouldWait
from dyads.storage.filters import check_filters
from dyads.storage.readmodel import EventIndex, table_rows
from tests.conftest import random_store

FILTERS = [
    {}, {"actor": "USA"}, {"actor": "USAGOV"}, {"actor": "RUSMIL", "code": "19"}, {"dyad": "CHN,RUS"},
    {"dyad": "USA,USA"}, {"source": "IRN"}, {"target": "ISR", "since": "2022"}, {"group": "CHN+RUS,USA+EU"},
    {"code": "14"}, {"code": "141"}, {"code": "1411", "min_confidence": 0.9}, {"since": "2021-03", "until": "2021-05"},
    {"actor": "UKR", "since": "2023-02", "until": "2023-02"}, {"min_confidence": 1.0}, {"actor": "PSE"},
    {"since": "2030"}, {"dyad": "EU,UN", "until": "2021"},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = random_store(tmp_path_factory.mktemp("readmodel") / "random.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    yield con, EventIndex(con)
    con.close()


@pytest.mark.parametrize("limit", [None, 1, 7, 100, 5000])
@pytest.mark.parametrize("given", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_index_rows_are_the_sql_rows(store, given, limit):
    con, index = store
    f = check_filters(**given, limit=limit)
    expected = table_rows(con, f)
    assert index.table_rows(con, f) == expected
    if limit is None:  # each filter matches some events, but the ones meant to match none
        assert bool(expected) == (given.get("actor") != "PSE" and given.get("since") != "2030")


def test_rows_have_the_table_shape(store):
    con, index = store
    row = index.table_rows(con, check_filters(actor="USA", limit=1))[0]
    assert row["schema_version"] == "dyads.event-row/1"
    assert set(row) >= {"id", "document_id", "document_title", "cluster_id", "date", "code", "name", "goldstein",
                        "confidence", "source", "target", "place", "sentence"}
    assert set(row["source"]) == {"key", "role", "code", "name"}


def test_unknown_actor_is_the_same_usage_error(store):
    con, index = store
    f = check_filters(actor="USB")
    with pytest.raises(UsageError) as from_sql:
        table_rows(con, f)
    with pytest.raises(UsageError) as from_index:
        index.table_rows(con, f)
    assert str(from_index.value) == str(from_sql.value) and "closest: UZB" in str(from_sql.value)


def test_shared_reader_builds_the_index_once_per_generation(tmp_path):
    path = random_store(tmp_path / "r.duckdb", events=200)
    reader = SharedReader(path)
    try:
        view = ReaderView(reader)
        with pytest.raises(WouldWait):  # nothing is open yet: a view does not open the file
            api.event_rows(view, actor="USA")
        first = api.event_rows(reader, actor="USA", min_confidence=0)  # opens, builds the index
        assert first and api.event_rows(view, actor="USA", min_confidence=0) == first
        with pytest.raises(WouldWait):  # clusters and every other query of the file: in a worker thread
            api.events(view, actor="USA")
        with reader.cursor() as cur:
            built = reader.derived("events", None, cur)  # kept: not built again
        assert isinstance(built, EventIndex)
        generation = reader.generation
        reader.close()
        with Store(path) as store:  # a writer adds an event
            store.con.execute("INSERT INTO events SELECT * REPLACE ('e-new' AS id, 0.99 AS confidence) FROM events "
                              "WHERE source_key = 'USA' LIMIT 1")
        again = api.event_rows(reader, actor="USA", min_confidence=0, limit=None)
        assert reader.generation == generation + 1 and "e-new" in {r["id"] for r in again}
        with reader.cursor() as cur:
            assert reader.derived("events", None, cur) is not built
    finally:
        reader.close()


def test_a_store_above_the_limit_is_read_through_duckdb(tmp_path, monkeypatch):
    path = random_store(tmp_path / "big.duckdb", events=300)
    monkeypatch.setenv("DYADS_INDEX_EVENTS", "100")
    reader = SharedReader(path)
    try:
        rows = api.event_rows(reader, dyad="CHN,RUS", min_confidence=0)
        with Store(path, read_only=True) as store:
            assert rows == table_rows(store.con, check_filters(dyad="CHN,RUS", limit=100))
        with pytest.raises(WouldWait):  # no index to answer from memory
            api.event_rows(ReaderView(reader), dyad="CHN,RUS")
    finally:
        reader.close()


def test_an_index_started_in_a_thread_is_the_one_callers_get(tmp_path):
    path = random_store(tmp_path / "bg.duckdb", events=400)
    reader = api.shared_reader(path)
    try:
        with pytest.raises(WouldWait):  # not built, not even open: the view never waits
            api.event_rows(reader.now(), actor="USA")
        api.start_index(reader)
        rows = api.event_rows(reader, actor="USA", min_confidence=0)  # waits for the thread's build
        with reader.cursor() as cur:
            built = reader.derived("events", None, cur, wait=False)  # built once, by the thread
        assert isinstance(built, EventIndex) and api.event_rows(reader.now(), actor="USA", min_confidence=0) == rows
    finally:
        reader.close()


def test_an_empty_store_gives_empty_answers_from_memory(tmp_path):
    with Store(tmp_path / "empty.duckdb"):
        pass
    reader = api.shared_reader(tmp_path / "empty.duckdb")
    try:
        assert api.event_rows(reader, min_confidence=0) == []
        assert api.event_rows(reader.now(), actor="USA") == [] and api.series(reader.now(), actor="USA").empty
    finally:
        reader.close()
