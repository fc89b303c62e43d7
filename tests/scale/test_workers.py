"""`dyads ingest --workers 2`: worker processes on this machine store the rows a one-process ingest stores,
row for row, though each batch's extraction runs while the batch before it is saved (api._ingest_overlapped):
a name learned in one batch codes the next, a copy of an input stored a batch before is a duplicate."""
from __future__ import annotations

from dyads import api
from tests.scale.rows import TALKS, assert_same_run, make_inputs, stored_rows


def test_workers_store_the_rows_of_a_one_process_run_and_a_rerun_resumes(tmp_path):
    inputs = make_inputs(tmp_path)
    one = api.ingest(inputs, db=tmp_path / "one.duckdb", options=api.Options(batch_size=2))
    two = api.ingest(inputs, db=tmp_path / "two.duckdb", options=api.Options(batch_size=2, workers=2))

    expected = assert_same_run(two, one, tmp_path / "two.duckdb", tmp_path / "one.duckdb")

    again = api.ingest(inputs, db=tmp_path / "two.duckdb", options=api.Options(batch_size=2, workers=2))
    assert again.counts() == {"ingested": 0, "duplicate": 9, "failed": 2}  # failures are tried again
    assert stored_rows(tmp_path / "two.duckdb")["documents"] == expected["documents"]


def test_a_copy_in_the_very_next_batch_is_a_duplicate(tmp_path):
    """The next batch's extraction is sent before this batch is stored: a copy of this batch's article
    must still come out a duplicate, as in a one-process run."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("1.txt", "2.txt"):
        (folder / name).write_text(TALKS, encoding="utf-8")
    report = api.ingest([str(folder)], db=tmp_path / "w.duckdb", options=api.Options(batch_size=1, workers=2))
    assert report.counts() == {"ingested": 1, "duplicate": 1, "failed": 0}
    assert report.duplicates == [str(folder / "2.txt")]
