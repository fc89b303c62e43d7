"""The database file: which DuckDB versions open it, what is refused before DuckDB touches it, which
record an id or prefix names, and what a run that stored nothing leaves behind."""
import gzip
import re
import struct
import tomllib

import duckdb
import pytest

from dyads import api
from dyads.errors import StoreError
from dyads.model import Document
from dyads.storage import Store
from dyads.storage.duckdb_store import STORAGE_VERSION
from tests.conftest import ROOT

BODY = ("The presidents of Kenya and Tanzania met in Arusha on Friday and signed an agreement on cross-border "
        "trade, their offices said.")


def storage_number(path) -> int:
    """The storage version number in a DuckDB file's header (after the b"DUCK" magic at offset 8)."""
    head = path.read_bytes()[:20]
    assert head[8:12] == b"DUCK"
    return struct.unpack("<Q", head[12:20])[0]


def storage_tag(path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                           "WHERE database_name = current_database()").fetchone()[0]
    finally:
        con.close()


def doc(ident: str, body: str = BODY, name: str | None = None) -> Document:
    return Document(id=ident, source=f"in/{name or ident}", doc=name or ident, source_hash=f"h-{ident}", body=body,
                    title=f"Title {ident}", language="en")


# -- DuckDB versions ------------------------------------------------------------------------------------------------
def test_new_files_are_written_in_the_v1_storage_format(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        store.save([doc("a1")], [], store.start_run("test", {}, {}))
    assert STORAGE_VERSION == "v1.0.0"
    assert storage_number(db) == 64  # DuckDB's storage version 64: read by DuckDB 0.10 to 2.x
    assert storage_tag(db) == "v1.0.0+"
    con = duckdb.connect(str(db))  # a plain DuckDB 2.x that writes and checkpoints keeps the file's format
    con.execute("CREATE TABLE extra AS SELECT range AS x FROM range(100000)")
    con.execute("CHECKPOINT")
    con.close()
    assert storage_number(db) == 64 and storage_tag(db) == "v1.0.0+"


def test_an_existing_file_keeps_its_storage_version(tmp_path):
    db = tmp_path / "new.duckdb"
    con = duckdb.connect(str(db))  # DuckDB's own default, newer than ours
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    before = storage_tag(db)
    with Store(db) as store:
        store.save([doc("a1")], [], store.start_run("test", {}, {}))
    assert storage_tag(db) == before  # never rewritten in another format behind the user's back


def test_the_pyproject_range_holds_the_installed_duckdb():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    spec = next(d for d in deps if d.startswith("duckdb"))
    low, high = re.fullmatch(r"duckdb>=([\d.]+),<([\d.]+)", spec).groups()
    installed = tuple(int(p) for p in duckdb.__version__.split(".")[:2])
    assert tuple(int(p) for p in low.split(".")) <= installed < (int(high), 0)


def test_duckdb_never_installs_or_autoloads_extensions(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        settings = dict(store.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


# -- files that are not DuckDB databases -------------------------------------------------------------------------------
def test_a_sqlite_file_is_refused_before_duckdb_touches_it(tmp_path, sqlite_file):
    path = sqlite_file
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"other\.db: not a DuckDB database file \(it looks like a SQLite database\)"):
            Store(path, read_only=read_only)
    assert path.read_bytes() == before and not (tmp_path / "other.db.wal").exists()


@pytest.mark.parametrize("content, looks", [(b"", "an empty file"), (b"plain words\n", "a text file"),
                                            (gzip.compress(b"x"), "gzip data"), (b"%PDF-1.7\n", "a PDF document"),
                                            (b"\x00\x01\x02" * 50, "binary data")])
def test_other_files_are_refused_naming_what_they_look_like(tmp_path, content, looks):
    path = tmp_path / "x.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=re.escape(f"it looks like {looks}")):
        Store(path)
    assert path.read_bytes() == content


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


# -- record: ids, names and prefixes -------------------------------------------------------------------------------
def test_record_by_id_name_and_prefix(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        run = store.start_run("test", {}, {})
        store.save([doc("abcdef01", name="one.txt"), doc("abcdef02", BODY + " Again.", name="two.txt"),
                    doc("ffee0011", BODY + " Once more.", name="one.txt")], [], run)
    with Store(db, read_only=True) as store:
        assert store.record("abcdef01")["id"] == "abcdef01"
        assert store.record("two.txt")["id"] == "abcdef02"
        assert store.record("ffee00")["id"] == "ffee0011"
        assert store.record("123456") is None
        with pytest.raises(StoreError, match="at least 6 characters"):
            store.record("abc")
        with pytest.raises(StoreError, match=r"id prefix 'abcdef' matches several articles: abcdef01 \(in/one.txt\), "
                                             r"abcdef02 \(in/two.txt\)"):
            store.record("abcdef")
        with pytest.raises(StoreError, match=r"name 'one.txt' matches several articles"):
            store.record("one.txt")


# -- runs that store nothing -----------------------------------------------------------------------------------------
def test_an_ingest_that_stores_nothing_removes_the_file_it_created(tmp_path):
    db = tmp_path / "x.duckdb"
    report = api.ingest([tmp_path / "nosuch"], db=db, options=api.Options(nlp=False))
    assert [f.reason for f in report.failures] == ["no such file or folder"]
    assert not report.kept and not db.exists() and not (tmp_path / "x.duckdb.wal").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    report = api.ingest(str(empty), db=db, options=api.Options(nlp=False))
    assert report.empty and not db.exists()


def test_an_ingest_that_stores_nothing_keeps_a_database_that_was_there(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        store.start_run("test", {}, {})
    report = api.ingest([tmp_path / "nosuch"], db=db, options=api.Options(nlp=False))
    assert report.kept and db.exists()
    with Store(db, read_only=True) as store:
        assert store.count("runs") == 2 and store.count("failures") == 1
