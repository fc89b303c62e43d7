"""Clusters of reports: the set-based step of `Store.save` (events.cluster_ids) gives every event the
cluster id the per-event algorithm gave before it (kept here as `reference_save`, the reference)."""
from __future__ import annotations

import datetime as dt
import random

from dyads.model import Document
from dyads.model.actors import ActorRef
from dyads.model.events import DateRef, Event, PlaceRef
from dyads.storage import Store
from dyads.storage.events import CLUSTER_WINDOW_DAYS, EVENT_COLUMNS, cluster_ids, event_rows, first_day

BASE = dt.date(2024, 5, 1)
RUN = "run-clustering"
NO_PLACE = object()  # `place=NO_PLACE`: the event has no PlaceRef at all


# -- the reference: the per-event algorithm the set-based step replaced -----------------------------------------
def _old_clusterable(ev: Event, day: dt.date | None) -> bool:
    if day is None or ev.date is None:
        return False
    return ev.date.precision == "day" and ev.date.source != "publication"


def _old_same_batch(pending: list, ev: Event, day: dt.date | None) -> str | None:
    """The cluster of the first earlier event of the batch (in order) that the event may join."""
    if not _old_clusterable(ev, day):
        return None
    for other, other_day, cluster in pending:
        if (other.source.key, other.target.key, other.root) != (ev.source.key, ev.target.key, ev.root):
            continue
        if not _old_clusterable(other, other_day):
            continue
        if abs((other_day - day).days) > CLUSTER_WINDOW_DAYS:
            continue
        both_placed = ev.place and other.place and ev.place.key and other.place.key
        if both_placed and ev.place.key != other.place.key:
            continue
        return cluster
    return None


def _old_lookup(con, ev: Event, day: dt.date | None) -> str | None:
    """One query per event against everything in the events table at that moment."""
    if not _old_clusterable(ev, day):
        return None
    place = ev.place.key if ev.place else None
    found = con.execute(
        "SELECT cluster_id FROM events WHERE source_key = ? AND target_key = ? AND root = ? "
        "AND date_day BETWEEN CAST(? AS DATE) - INTERVAL 1 DAY * ? AND CAST(? AS DATE) + INTERVAL 1 DAY * ? "
        "AND date_precision = 'day' AND date_source <> 'publication' "
        "AND (place_key IS NULL OR ? IS NULL OR place_key = ?) GROUP BY cluster_id "
        "ORDER BY min(abs(date_diff('day', date_day, ?))), count(*) DESC, cluster_id LIMIT 1",
        [ev.source.key, ev.target.key, ev.root, day, CLUSTER_WINDOW_DAYS, day, CLUSTER_WINDOW_DAYS,
         place, place, day]).fetchone()
    return found[0] if found else None


def reference_clusters(con, doc: Document, pending: list) -> list[str]:
    """The old `event_rows` loop: each event tries the batch so far, then the table, then itself."""
    clusters = []
    for ev in doc.events:
        day = first_day(ev.date.value) if ev.date else None
        cluster = _old_same_batch(pending, ev, day) or _old_lookup(con, ev, day) or ev.id
        pending.append((ev, day, cluster))
        clusters.append(cluster)
    return clusters


def reference_save(con, docs: list[Document], run_id: str = RUN) -> list[str]:
    """A batch written the old way: document by document, each document's rows inserted before the next
    document's events are looked up (so later lookups see them). Returns the cluster ids in order."""
    pending: list = []
    out = []
    for doc in docs:
        clusters = reference_clusters(con, doc, pending)
        insert_events(con, event_rows(doc, run_id, clusters))
        out.extend(clusters)
    return out


def insert_events(con, rows: list[tuple]) -> None:
    """Rows into the events table as Store.save writes them (an id already there is skipped), in one
    statement (executemany takes milliseconds a row)."""
    if rows:
        one = f"({', '.join(['?'] * EVENT_COLUMNS)})"
        con.execute(f"INSERT INTO events VALUES {', '.join([one] * len(rows))} ON CONFLICT DO NOTHING",
                    [value for row in rows for value in row])


# -- building events ----------------------------------------------------------------------------------------
def make_event(ident: str, source: str | None = "RUS", target: str | None = "UKR", root: str = "11",
               value: str | None = "2024-05-10", precision: str = "day", date_source: str | None = "text",
               place=NO_PLACE) -> Event:
    """An event with what clustering reads; `place` is a place key (None: a place without a key)."""
    date = None if value is None else DateRef(text=None, value=value, precision=precision, source=date_source)
    where = None if place is NO_PLACE else PlaceRef(text=str(place), name=str(place), key=place, source="text")
    return Event(id=ident, document_id="", segment="body", sentence_index=0, sentence=f"Sentence {ident}.",
                 sentence_start=0, code=root + "2", name="Name", root=root, goldstein=-2.0, quad=3, penta=3,
                 plover=None, source=ActorRef(key=source, role=None, name=source or "someone", kind="state"),
                 target=ActorRef(key=target, role=None, name=target or "someone", kind="state"),
                 source_span=(0, 1), target_span=(2, 3), predicate_span=(1, 2), predicate="accused",
                 pattern="test", confidence=0.8, date=date, place=where)


def make_doc(ident: str, events: list[Event]) -> Document:
    for ev in events:
        ev.document_id = ident
    return Document(id=ident, source=f"in/{ident}", doc=ident, source_hash=f"h-{ident}", body="Body.",
                    title=f"Title {ident}", language="en", events=events, annotated=True)


def day(offset: int) -> str:
    return (BASE + dt.timedelta(days=offset)).isoformat()


def realistic_batches(seed: int = 11, batches: int = 7, docs: int = 9) -> list[list[Document]]:
    """About 600 events over three weeks: few dyads (one side unknown: key None), three roots, places
    absent, keyless, empty-keyed or set, dates of every precision and source (and a few without date,
    without source, or unreadable), so that windows, their edges and ties meet often."""
    rng = random.Random(seed)
    keys = ["RUS", "UKR", "USA", None]
    places = [NO_PLACE, NO_PLACE, NO_PLACE, None, "", "UKR", "UKR", "RUS"]
    out, n = [], 0
    for b in range(batches):
        batch = []
        for d in range(docs):
            events = []
            for _ in range(rng.randint(3, 16)):
                source = rng.choice(keys)
                target = rng.choice([k for k in keys if k != source] + [source] * (source is None))
                offset = rng.randint(0, 14)
                precision = rng.choices(["day", "week", "month", "year"], [12, 1, 1, 1])[0]
                value = {"day": day(offset), "week": "2024-W20", "month": "2024-05", "year": "2024"}[precision]
                value = rng.choices([value, None, "2024-02-30"], [40, 1, 1])[0]
                events.append(make_event(
                    f"e{n:04d}", source, target, rng.choice(["11", "04", "19"]), value, precision,
                    rng.choices(["text", "context", "lead", "publication", None], [8, 3, 3, 3, 1])[0],
                    rng.choice(places)))
                n += 1
            if rng.random() < 0.15 and out:  # an event id already stored: its row is skipped, its cluster computed
                events.append(make_event(rng.choice(out[-1]).events[0].id, "RUS", "UKR", "11", day(10)))
            batch.append(make_doc(f"b{b}d{d}", events))
        out.append(batch)
    return out


def stored_events(con) -> list[tuple]:
    return con.execute("SELECT * EXCLUDE (seq, cluster_seq, document_seq, id_key) FROM events ORDER BY id").fetchall()


# -- tests --------------------------------------------------------------------------------------------------
def test_the_set_based_step_gives_every_event_the_old_cluster(tmp_path):
    batches = realistic_batches()
    events = sum(len(doc.events) for batch in batches for doc in batch)
    assert 400 <= events <= 900
    with Store(tmp_path / "old.duckdb") as old, Store(tmp_path / "new.duckdb") as new:
        for batch in batches:
            reference_save(old.con, batch)
            new.save(batch, [], RUN)
        assert stored_events(new.con) == stored_events(old.con)  # row for row, the cluster id of every event
        clusters_of = dict(new.con.execute("SELECT id, cluster_id FROM events").fetchall())
        joined = sum(1 for ident, cluster in clusters_of.items() if cluster != ident)
        assert joined >= 100 and len(set(clusters_of.values())) < len(clusters_of) - 100  # not only singletons


def test_cluster_ids_equals_the_reference_batch_by_batch(tmp_path):
    """cluster_ids itself, over the whole batch before anything of it is written."""
    with Store(tmp_path / "old.duckdb") as old, Store(tmp_path / "new.duckdb") as new:
        for batch in realistic_batches(seed=5, batches=5, docs=12):
            events = [ev for doc in batch for ev in doc.events]
            got = cluster_ids(new.con, events)
            assert got == reference_save(old.con, batch)
            assert len(set(got)) < len(got)  # some events of the batch join a cluster
            ordered = iter(got)
            insert_events(new.con, [row for doc in batch
                                    for row in event_rows(doc, RUN, [next(ordered) for _ in doc.events])])
        assert stored_events(new.con) == stored_events(old.con)


def saved(tmp_path, *batches: list[Event]) -> dict[str, str]:
    """Save each list of events as a batch of one-event documents into a new store, and the old way into
    another; {event id: cluster id}, the same in both."""
    n = len(list(tmp_path.iterdir()))
    with Store(tmp_path / f"new{n}.duckdb") as store, Store(tmp_path / f"old{n}.duckdb") as old:
        for b, events in enumerate(batches):
            docs = [make_doc(f"{b}-{ev.id}", [ev]) for ev in events]
            store.save(docs, [], RUN)
            reference_save(old.con, docs)
        assert stored_events(store.con) == stored_events(old.con)
        return dict(store.con.execute("SELECT id, cluster_id FROM events").fetchall())


def test_window_edge_and_ties_pick_the_stored_cluster_as_before(tmp_path):
    stored = [make_event("a", value=day(9)), make_event("b", value=day(11)),  # 2 days apart: two clusters
              make_event("c", value=day(20)), make_event("d", value=day(22)), make_event("d2", value=day(22)),
              make_event("far", value=day(30))]
    new = [make_event("tie", value=day(10)),  # a and b both one day off, one report each: smallest id
           make_event("count", value=day(21)),  # c and d one day off: d has two reports
           make_event("edge", value=day(32)),  # two days from `far`: outside the window
           make_event("near", value=day(31))]  # one day from `far`, but from `edge` too, earlier in its batch
    clusters = saved(tmp_path, stored, new)
    assert clusters["d2"] == "d"  # the same batch: the earlier event's cluster
    assert clusters["tie"] == "a" and clusters["count"] == "d" and clusters["edge"] == "edge"
    assert clusters["near"] == "edge"  # the batch's own earlier event comes before any stored cluster
    assert saved(tmp_path, stored, [make_event("near", value=day(31))])["near"] == "far"
    assert saved(tmp_path, stored, [make_event("nearer", value=day(21)), make_event("later", value=day(22))]) \
        == saved(tmp_path, stored, [make_event("nearer", value=day(21))]) | {"later": "d"}


def test_place_precision_and_publication_dates_as_before(tmp_path):
    stored = [make_event("kyiv", value=day(5), place="UKR"), make_event("nowhere", value=day(7), place=None),
              make_event("pub", value=day(12), date_source="publication"),
              make_event("month", value="2024-05", precision="month"),
              make_event("empty", value=day(16), place=""), make_event("undated", value=day(20), date_source=None)]
    one = lambda ev: saved(tmp_path, stored, [ev])[ev.id]  # noqa: E731
    assert one(make_event("moscow", value=day(6), place="RUS")) == "nowhere"  # kyiv is one day off, elsewhere
    assert one(make_event("free", value=day(6))) == "kyiv"  # no place: a tie, the smaller id
    assert one(make_event("keyless", value=day(6), place=None)) == "kyiv"
    assert one(make_event("after-pub", value=day(12))) == "after-pub"  # a publication date never clusters
    assert one(make_event("its-pub", value=day(7), date_source="publication")) == "its-pub"
    assert one(make_event("in-month", value="2024-05-01")) == "in-month"  # month precision never clusters
    assert one(make_event("odd", value="2024-02-30")) == "odd"  # a day that is not one
    assert one(make_event("vs-empty", value=day(16), place="RUS")) == "vs-empty"  # '' is a key to SQL
    assert one(make_event("vs-empty2", value=day(16), place="")) == "empty"
    assert one(make_event("null-source", value=day(20))) == "null-source"  # a stored NULL date source: SQL skips it
    assert one(make_event("other-root", root="04", value=day(5))) == "other-root"
    # in one batch '' counts as no key, and a NULL date source clusters (the batch rule is Python's)
    same = saved(tmp_path, [make_event("x1", value=day(40), place=""), make_event("x2", value=day(40), place="RUS"),
                            make_event("y1", value=day(44), date_source=None), make_event("y2", value=day(45)),
                            make_event("z1", source=None, value=day(50)), make_event("z2", source=None, value=day(50))])
    assert same["x2"] == "x1" and same["y2"] == "y1" and same["z2"] == "z1"
    stored_none = saved(tmp_path, [make_event("z1", source=None, value=day(50))],
                        [make_event("z2", source=None, value=day(50))])
    assert stored_none["z2"] == "z2"  # a NULL key never equals a stored one


def test_a_batch_without_clusterable_events_asks_nothing(tmp_path):
    with Store(tmp_path / "n.duckdb") as store:
        events = [make_event("p", date_source="publication"), make_event("y", value="2024", precision="year"),
                  make_event("none", value=None)]
        assert cluster_ids(store.con, events) == ["p", "y", "none"]
        assert cluster_ids(store.con, []) == []
