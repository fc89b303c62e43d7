"""Reading while an ingest runs (storage/access.py): writer marks, lock waits, the shared reader."""
import os
import subprocess
import sys
import textwrap
import time

import pytest

from dyads import api
from dyads.errors import StoreError
from dyads.storage import Store
from dyads.storage.access import SharedReader, writer_marks
from tests.conftest import run_dyads

HOLD = textwrap.dedent("""
    import sys, time
    from dyads.storage import Store
    from dyads.storage.access import writing
    path, seconds = sys.argv[1], float(sys.argv[2])
    with writing(path, "test holder"), Store(path) as store:
        store.con.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
        store.con.execute("INSERT INTO probe VALUES (1)")
        print("held", flush=True)
        time.sleep(seconds)
""")


def _hold(path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "a.duckdb"
    Store(path).close()
    return path


def test_a_reader_waits_for_the_writer_then_reads(db):
    proc = _hold(db, 1.0)
    assert writer_marks(db) and writer_marks(db)[0][0] == proc.pid
    started = time.monotonic()
    assert api.articles(db) == []  # waited for the holder, then opened
    waited = time.monotonic() - started
    proc.wait(10)
    assert 0.3 < waited < 20
    assert writer_marks(db) == []  # the holder removed its mark


def test_a_busy_file_names_its_holder_after_the_wait(db, monkeypatch):
    proc = _hold(db, 5.0)
    monkeypatch.setenv("DYADS_LOCK_WAIT", "0.3")
    try:
        with pytest.raises(StoreError) as err:
            api.articles(db)
        message = str(err.value)
        assert "busy" in message and f"process {proc.pid}" in message and "DYADS_LOCK_WAIT" in message
        with pytest.raises(StoreError, match=f"process {proc.pid}"):
            Store(db)  # a second writer too, from DuckDB's own lock message
    finally:
        proc.kill()
        proc.wait(10)


def test_a_mark_left_by_a_killed_process_is_ignored_and_removed(db):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(10)
    stale = f"{db}.{dead.pid}.writing"
    open(stale, "w").write("dyads ingest\n")
    assert writer_marks(db) == [] and not os.path.exists(stale)
    assert api.articles(db) == []


def test_the_shared_reader_lets_a_writer_in_and_then_sees_its_rows(db):
    reader = SharedReader(db, poll=0.05)
    try:
        with reader.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM documents").fetchone() == (0,)
        first = reader.generation
        proc = _hold(db, 0.2)  # gets in although the reader holds the file: the reader lets go when idle
        proc.wait(10)
        assert proc.returncode == 0
        with reader.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM probe").fetchone() == (1,)
        assert reader.generation == first + 1
    finally:
        reader.close()


def test_events_and_articles_answer_while_an_ingest_runs(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    for i in range(24):
        (articles / f"a{i:03d}.txt").write_text(
            f"Report number {i} from the capital\n\n" + " ".join(
                f"France and Germany met on day {i} and talked about trade, ports and grain shipments {j}."
                for j in range(12)))
    db = tmp_path / "live.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "dyads.cli.main", "ingest", str(articles), "--db", str(db),
                             "--no-progress", "--batch-size", "4"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    while proc.poll() is None:
        if db.exists():
            try:
                seen.append(len(api.articles(db)))
            except StoreError as err:  # the file exists but the first run row is not written yet
                assert "no such" in str(err) or "not a DuckDB" in str(err), err
        time.sleep(0.05)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert seen == sorted(seen)  # never fewer than before: each batch lands whole
    assert len(set(seen)) >= 3  # reads went through between batches, not only before and after
    assert len(api.articles(db)) == 24
    listed = run_dyads("events", "--db", str(db))
    assert listed.returncode in (0, 1) and "busy" not in listed.stderr
