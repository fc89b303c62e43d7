"""dyads.storage.consistency.check: silent on a sound store, names each kind of damage."""
from __future__ import annotations

import datetime as dt

import duckdb

from dyads import api
from dyads.storage.consistency import NOTE, check

TEXT = ("Talks in Oslo\n\nThe prime ministers of Norway and Sweden met in Oslo on Monday and agreed to share "
        "intelligence on threats to undersea cables, the two governments said.\n")


def fake_row(con, table: str, **values) -> None:
    """Insert a row into `table` with plain values for every NOT NULL column not given."""
    plain = {"VARCHAR": "x", "INTEGER": 0, "DOUBLE": 0.0, "BOOLEAN": False, "JSON": "{}", "VARCHAR[]": [],
             "TIMESTAMP WITH TIME ZONE": dt.datetime.now(dt.timezone.utc)}
    cols = con.execute(f"DESCRIBE {table}").fetchall()
    row = {name: values.get(name, None if null == "YES" else plain.get(kind, "x")) for name, kind, null, *_ in cols}
    con.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", list(row.values()))


def test_a_sound_store_has_no_problem(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    db = tmp_path / "ok.duckdb"
    api.ingest([tmp_path / "a.txt"], db=db, options=api.Options(nlp=False))
    assert check(db) == []


def test_each_kind_of_damage_is_named(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    db = tmp_path / "bad.duckdb"
    report = api.ingest([tmp_path / "a.txt"], db=db, options=api.Options(nlp=False))
    con = duckdb.connect(str(db))
    doc_id = con.execute("SELECT id FROM documents").fetchone()[0]
    fake_row(con, "mentions", document_id="gone")
    fake_row(con, "quotes", document_id="gone")
    fake_row(con, "actors", document_id="gone", actor_id="a1", run_id=report.run_id)
    fake_row(con, "events", id="e1", document_id=doc_id, cluster_id="nowhere", run_id=report.run_id)
    fake_row(con, "mentions", document_id=doc_id, segment="body", start_char=1)
    fake_row(con, "mentions", document_id=doc_id, segment="body", start_char=1)
    fake_row(con, "failures", run_id="no-such-run")
    con.execute("UPDATE runs SET finished_at = NULL")
    con.close()
    found = check(db)
    text = "\n".join(found)
    assert "mentions: 1 row(s) whose document is missing, e.g. gone" in text
    assert "quotes: 1 row(s) whose document is missing" in text
    assert "actors: 1 row(s) whose document is missing" in text
    assert "events: 1 row(s) whose cluster is missing, e.g. e1 (cluster nowhere)" in text
    assert "mentions: 1 row(s) stored twice" in text
    assert "failures: 1 row(s) whose run is missing" in text
    notes = [p for p in found if p.startswith(NOTE)]
    assert len(notes) == 1 and report.run_id in notes[0] and "never finished" in notes[0]


def test_a_file_that_is_no_database(tmp_path):
    path = tmp_path / "nothing.duckdb"
    assert "cannot open" in check(path)[0]
