"""What the scale tests compare: the stored rows of every table, and inputs that exercise the batch logic
(a duplicate by content, failures, a name one article teaches and a later one needs)."""
from __future__ import annotations

import shutil

import duckdb

from tests.conftest import DEMO

TABLES = ("documents", "sources", "failures", "actors", "mentions", "events", "quotes", "learned_aliases")
IGNORED = {"run_id", "ingested_at", "failed_at", "updated_at"}

# a name the first article teaches (Kenji Oyamada, Japan's minister) and a later one needs: with
# partitions of 2 the later article is sent before the first is stored, so the merge codes it again
TALKS = ("Japan and South Korea hold talks\n\nJapanese Foreign Minister Kenji Oyamada met South Korean officials in "
         "Seoul on Monday to discuss maritime security, the ministry said. Kenji Oyamada said the talks were useful.\n")
DRILLS = ("Tokyo criticises Beijing over drills\n\nKenji Oyamada criticized China on Tuesday over its military drills "
          "near Taiwan, calling them a threat to regional peace. Kenji Oyamada spoke to reporters in Tokyo.\n")


def make_inputs(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "1-talks.txt").write_text(TALKS, encoding="utf-8")
    shutil.copy(DEMO / "moscow-joint-statement-2023.txt", extra / "2-copy.txt")  # a duplicate by content
    (extra / "3-empty.txt").write_text("", encoding="utf-8")  # a failure
    (extra / "4-drills.txt").write_text(DRILLS, encoding="utf-8")
    (extra / "5-image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # a failure
    return [str(DEMO), str(extra)]


def stored_rows(db) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall() if c[0] not in IGNORED]
            # the same rows, compared in one order of their own: DuckDB does not promise that rows inserted by
            # separate statements keep their positions (rowid), and a query never relies on it
            out[table] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def assert_same_run(got, want, got_db, want_db) -> dict[str, list[tuple]]:
    """Two ingests of `make_inputs` (reports and databases) account alike and store the same rows, and the
    name the first talks article teaches codes the later drills article; the rows of `want_db`."""
    from dyads import api

    assert got.counts() == want.counts() == {"ingested": 8, "duplicate": 1, "failed": 2}
    assert (got.ingested, got.duplicates, got.failures) == (want.ingested, want.duplicates, want.failures)
    expected, stored = stored_rows(want_db), stored_rows(got_db)
    for table in TABLES:
        assert stored[table] == expected[table], table
    drills = [e for e in api.events(got_db, min_confidence=0) if "drills" in e["sentence"]]
    assert any(e["source"]["code"] == "JPNGOV" for e in drills)  # the name learned in the same run
    return expected
