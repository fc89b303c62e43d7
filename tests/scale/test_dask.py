"""`dyads ingest --dask`: a LocalCluster of 2 workers stores the rows a local ingest stores, row for row
(cluster ids and names learned mid-run included), a rerun resumes, and bad addresses are clear errors."""
from __future__ import annotations

import pytest

from dyads import api
from dyads.errors import DyadsError, UsageError
from tests.conftest import DEMO, run_dyads
from tests.scale.rows import DRILLS, TABLES, TALKS, assert_same_run, make_inputs, stored_rows

pytest.importorskip("distributed")

@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    from dyads.scale.dask_runner import local_cluster_options

    with LocalCluster(**local_cluster_options(2)) as running:
        yield running.scheduler_address


def test_a_cluster_stores_the_rows_of_a_local_run_and_a_rerun_resumes(tmp_path, cluster):
    inputs = make_inputs(tmp_path)
    local = api.ingest(inputs, db=tmp_path / "local.duckdb", options=api.Options(batch_size=2))
    options = api.Options(batch_size=2, dask=api.DaskOptions(cluster, keep_parquet=True))
    dask = api.ingest(inputs, db=tmp_path / "dask.duckdb", options=options)

    expected = assert_same_run(dask, local, tmp_path / "dask.duckdb", tmp_path / "local.duckdb")
    # the workers' partitions, kept: one row per input sent, in input order
    folder = tmp_path / f"dask.duckdb.dask/{dask.run_id}"
    import pyarrow.parquet as pq

    parts = sorted(folder.glob("part-*.parquet"))
    assert [p.name for p in parts] == [f"part-{i:06d}.parquet" for i in range(6)]
    kinds = [row for p in parts for row in pq.read_table(p, columns=["kind", "source"]).to_pylist()]
    assert [k["kind"] for k in kinds].count("failure") == 2 and len(kinds) == 11

    again = api.ingest(inputs, db=tmp_path / "dask.duckdb",
                       options=api.Options(batch_size=2, dask=api.DaskOptions(cluster)))
    assert again.counts() == {"ingested": 0, "duplicate": 9, "failed": 2}  # failures are tried again
    assert stored_rows(tmp_path / "dask.duckdb")["documents"] == expected["documents"]
    assert not (tmp_path / f"dask.duckdb.dask/{again.run_id}").exists()  # removed after the merge


def test_a_warm_cluster_carries_no_names_from_one_store_into_the_next(tmp_path, cluster):
    """The workers keep their pipeline between runs; the names a run's store learned must not code the
    articles of a run into another store: its rows are a local run's into a fresh store."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "talks.txt").write_text(TALKS, encoding="utf-8")
    api.ingest([str(first)], db=tmp_path / "first.duckdb",
               options=api.Options(dask=api.DaskOptions(cluster)))  # the workers learn "Kenji Oyamada"
    second = tmp_path / "second"
    second.mkdir()
    (second / "drills.txt").write_text(DRILLS, encoding="utf-8")
    local = api.ingest([str(second)], db=tmp_path / "local.duckdb")
    dask = api.ingest([str(second)], db=tmp_path / "dask.duckdb", options=api.Options(dask=api.DaskOptions(cluster)))
    assert dask.counts() == local.counts() == {"ingested": 1, "duplicate": 0, "failed": 0}
    expected, got = stored_rows(tmp_path / "local.duckdb"), stored_rows(tmp_path / "dask.duckdb")
    for table in TABLES:
        assert got[table] == expected[table], table


def test_the_cli_runs_a_local_cluster_of_its_own(tmp_path):
    db = tmp_path / "cli.duckdb"
    done = run_dyads("ingest", str(DEMO), "--db", str(db), "--no-progress", "--dask", "local:2", "--no-nlp")
    assert done.returncode == 0, done.stderr
    assert "ingested 6, duplicate 0, failed 0" in done.stdout
    assert not (tmp_path / "cli.duckdb.dask").exists()
    local = tmp_path / "local.duckdb"
    assert run_dyads("ingest", str(DEMO), "--db", str(local), "--no-progress", "--no-nlp").returncode == 0
    assert stored_rows(db)["documents"] == stored_rows(local)["documents"]


def test_bad_addresses_and_options_are_clear_errors(tmp_path):
    with pytest.raises(UsageError, match="neither local:N"):
        api.DaskOptions("no-port-here")
    with pytest.raises(UsageError, match="from 1 to 256"):
        api.DaskOptions("local:0")
    db = tmp_path / "none.duckdb"
    with pytest.raises(DyadsError, match="cannot reach the Dask scheduler within 1 s"):
        api.ingest([str(DEMO)], db=db, options=api.Options(dask=api.DaskOptions("tcp://127.0.0.1:9", timeout=1)))
    assert not db.exists()  # nothing stored: the file it created is gone
    done = run_dyads("ingest", str(DEMO), "--db", str(db), "--dask", "local:2", "--workers", "2")
    assert done.returncode == 2 and "--dask and --workers are exclusive" in done.stderr
    done = run_dyads("ingest", str(DEMO), "--db", str(db), "--dask", "nowhere")
    assert done.returncode == 2 and "--dask" in done.stderr and "neither local:N" in done.stderr
