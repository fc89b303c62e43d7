"""The events' integer numbers (migrations.NUMBER_EVENTS): Store.save gives them as it writes, batch after
batch, and the migration's SQL gives the same kind of numbers to rows written without them."""
from __future__ import annotations

from dyads.storage import Store
from tests.storage.test_clustering import RUN, realistic_batches

INVARIANTS = """
SELECT count(*) FILTER (WHERE seq IS NULL OR cluster_seq IS NULL OR document_seq IS NULL),
       count(*) - count(DISTINCT seq),
       (SELECT count(*) FROM (SELECT cluster_id FROM events GROUP BY cluster_id
                              HAVING count(DISTINCT cluster_seq) <> 1 OR min(cluster_seq) <> min(seq))),
       (SELECT count(*) FROM (SELECT document_id FROM events GROUP BY document_id
                              HAVING count(DISTINCT document_seq) <> 1 OR min(document_seq) <> min(seq))),
       (SELECT count(DISTINCT cluster_id) - count(DISTINCT cluster_seq) FROM events),
       (SELECT count(DISTINCT document_id) - count(DISTINCT document_seq) FROM events)
FROM events
"""


def test_save_numbers_events_clusters_and_documents(tmp_path):
    batches = realistic_batches()
    with Store(tmp_path / "s.duckdb") as store:
        for batch in batches:
            store.save(batch, [], RUN)
        assert store.con.execute(INVARIANTS).fetchone() == (0, 0, 0, 0, 0, 0)
        # clusters reach back to earlier batches: their numbers are the stored ones
        spread = store.con.execute("SELECT count(*) FROM (SELECT cluster_id FROM events GROUP BY cluster_id "
                                   "HAVING count(DISTINCT run_id) >= 1 AND max(seq) - min(seq) > 100)").fetchone()[0]
        assert spread > 0
        # in the order written: a later batch's events have larger numbers
        first = {e.id for doc in batches[0] for e in doc.events}
        last = {e.id for doc in batches[-1] for e in doc.events} - first
        seqs = dict(store.con.execute("SELECT id, seq FROM events").fetchall())
        assert max(seqs[i] for i in first) < min(seqs[i] for i in last if i in seqs)


def test_rows_written_without_numbers_are_numbered_the_same_way(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        for batch in realistic_batches()[:3]:
            store.save(batch, [], RUN)
        store.con.execute("UPDATE events SET seq = NULL, cluster_seq = NULL, document_seq = NULL")
        store.number_events()
        assert store.con.execute(INVARIANTS).fetchone() == (0, 0, 0, 0, 0, 0)
        # rows added later in SQL are numbered after the rest, joining their clusters' numbers
        store.con.execute("INSERT INTO events SELECT * REPLACE ('e-copy' AS id, NULL AS seq, NULL AS cluster_seq, "
                          "NULL AS document_seq) FROM events WHERE id = 'e0000'")
        before = store.con.execute("SELECT max(seq) FROM events").fetchone()[0]
        store.number_events()
        assert store.con.execute(INVARIANTS).fetchone() == (0, 0, 0, 0, 0, 0)
        copy, original = (store.con.execute(f"SELECT seq, cluster_seq, document_seq FROM events WHERE id = '{i}'")
                          .fetchone() for i in ("e-copy", "e0000"))
        assert copy[0] == before + 1 and copy[1:] == original[1:]


def test_a_store_of_an_older_dyads_is_migrated_when_opened_to_read(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.save(realistic_batches()[0], [], RUN)
        for column in ("seq", "cluster_seq", "document_seq", "id_key"):  # as schema 3 left it
            store.con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        store.con.execute("DELETE FROM schema_migrations WHERE version = 4")
    with Store(path, read_only=True) as store:
        assert store.schema_version() == 4
        assert store.con.execute(INVARIANTS).fetchone() == (0, 0, 0, 0, 0, 0)
        assert store.count("events") > 0
