import json
import os
import signal
import subprocess
import sys
import time

import duckdb

from dyads import api
from dyads.storage import Store

PARA = ("The defence ministers of {a} and {b} met in {a}'s capital on Thursday and agreed to expand joint naval "
        "patrols, according to a statement issued after the talks. Number {n}.")


def make_corpus(folder, n=60):
    folder.mkdir()
    states = ["Chile", "Peru", "Ghana", "Kenya", "Nepal", "Laos", "Oman", "Fiji"]
    for i in range(n):
        a, b = states[i % 8], states[(i + 3) % 8]
        text = f"Ministers meet, part {i}\n\n" + PARA.format(a=a, b=b, n=i) + "\n\n" + PARA.format(a=b, b=a, n=i) + "\n"
        (folder / f"article-{i:03d}.txt").write_text(text)
    return folder


def rows(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT id, source, title, body, published FROM documents ORDER BY id").fetchall()
        sources = con.execute("SELECT source_hash, document_id FROM sources ORDER BY source_hash").fetchall()
    finally:
        con.close()
    return docs, sources


def test_migrations_and_runs_are_recorded(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        assert store.schema_version() >= 1
        assert store.migrate() == []  # nothing left to apply
    report = api.ingest([make_corpus(tmp_path / "c", 3)], db=db)
    con = duckdb.connect(str(db), read_only=True)
    run = con.execute("SELECT status, components, config_hash, counts FROM runs").fetchone()
    con.close()
    assert run[0] == "finished" and "trafilatura" in json.loads(run[1]) and run[2]
    assert json.loads(run[3]) == {"ingested": 3, "duplicate": 0, "failed": 0} == report.counts()


def test_reingest_is_a_noop(tmp_path):
    corpus = make_corpus(tmp_path / "c", 5)
    db = tmp_path / "x.duckdb"
    first = api.ingest([corpus], db=db)
    before = rows(db)
    second = api.ingest([corpus], db=db)
    assert len(first.ingested) == 5 and not second.ingested and len(second.duplicates) == 5
    assert rows(db) == before
    # the same article under another name is a duplicate by content
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "again.txt").write_text((corpus / "article-000.txt").read_text() + "\n\n")
    third = api.ingest([tmp_path / "copy"], db=db)
    assert third.duplicates and not third.ingested
    assert len(rows(db)[0]) == 5


def test_kill_during_ingest_then_resume(tmp_path):
    corpus = make_corpus(tmp_path / "c", 60)
    reference = tmp_path / "reference.duckdb"
    api.ingest([corpus], db=reference)
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "dyads.cli.main", "ingest", str(corpus), "--db", str(db), "--batch-size", "5",
           "--no-progress", "-v"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    seen = 0
    deadline = time.time() + 120
    while seen < 12 and time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line.startswith("ingested:")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen >= 12, "the ingest ended before it could be killed"
    partial, _ = rows(db)
    assert 10 <= len(partial) < 60  # committed batches survived the kill
    resumed = subprocess.run(cmd[:-1], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"duplicate {len(partial)}" in resumed.stdout
    assert rows(db) == rows(reference)
