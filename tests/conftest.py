"""Shared fixtures. Real data from ../shared is read at test time, never copied."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYADS_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "hankyoreh-2024-05-17-xi-putin.txt"
GOLDEN = SHARED / "golden" / "hankyoreh-2024-05-17-xi-putin.json"
DEMO = ROOT / "demo" / "articles"
PETRARCH_DICTS = SHARED / "evaldata" / "petrarch" / "dictionaries"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared missing)")
    return path


@pytest.fixture
def shared() -> Path:
    return need_shared(SHARED)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database as `make demo` builds it (demo/articles ingested with the NLP), built once per
    session; tests open it read-only and must not change it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    done = run_dyads("ingest", str(DEMO), "--db", str(path), "--no-progress")
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def sqlite_file(tmp_path) -> Path:
    """A real SQLite database (one table), as a user might give it for --db."""
    import sqlite3

    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    return path


def run_dyads(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point in a subprocess."""
    return subprocess.run([sys.executable, "-m", "dyads.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd, input=input, timeout=600)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path):
    """`dyads serve --db DB` in a subprocess on a free loopback port, as a user starts it: yields its base URL
    once it answers; stopped afterwards, its stderr then in `served.stderr_text`."""
    import urllib.request

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dyads.cli.main", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    served = Served(base)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/articles", timeout=2).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        yield served
    finally:
        proc.terminate()
        _, served.stderr_text = proc.communicate(timeout=30)


@dataclass
class Served:
    base: str
    stderr_text: str = ""


def random_store(path: Path, events: int = 3000, seed: int = 5) -> Path:
    """A store of `events` random events in the shapes real stores hold: keys beside codes and roles, NULL
    sides, days and tones, clusters of one to three reports (some on one day), several events of an
    article, articles without a row; for checking two ways to one answer against each other."""
    import random

    from dyads.storage import Store

    rng = random.Random(seed)
    keys = ["USA", "CHN", "RUS", "UKR", "IRN", "ISR", "EU", "UN"]
    codes = [("010", -0.0), ("036", 4.0), ("042", 1.9), ("051", 3.4), ("057", 8.0), ("112", -2.0), ("138", -7.0),
             ("141", -6.5), ("1411", -6.5), ("173", -5.0), ("190", -10.0), ("195", -10.0)]
    rows, cluster, left = [], 0, 0
    for i in range(events):
        if left == 0:
            cluster, left = cluster + 1, rng.choice([1, 1, 2, 3])
            src, tgt = rng.choice(keys + [None]), rng.choice(keys + [None])
            code, gold = rng.choice(codes)
            day = None if rng.random() < 0.05 else f"20{rng.randint(20, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        left -= 1
        role = rng.choice([None, None, "GOV", "MIL"])
        rows.append((f"e{rng.randint(0, 10**9):09d}", f"d{rng.randint(0, events // 4)}", f"c{cluster}", rng.randint(0, 5),
                     code, code[:2], gold, 1 + int(code[:2]) % 4, src, role, (src or "---") + (role or ""), src,
                     tgt, tgt, tgt, day, day, rng.choice([None, "Kyiv"]), None if rng.random() < 0.1 else
                     rng.uniform(-1, 1), round(rng.uniform(0.2, 1.0), 2)))
    with Store(path) as store:
        store.con.executemany(
            "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
            " goldstein, quad_class, penta_class, source_key, source_role, source_code, source_name, target_key,"
            " target_role, target_code, target_name, date, date_day, place_name, mode, tone, pattern, confidence,"
            " provenance, cameo_version, ontology_version, run_id) VALUES (?, ?, ?, 'body', ?, 'A sentence.', ?, ?,"
            " 'n', ?, ?, 0, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 'asserted', ?, 'p', ?, '{}', '1.1b3', '1', 'r')",
            rows)
        store.number_events()  # rows written in SQL: the numbers Store.save gives
        for doc in sorted({r[1] for r in rows})[::2]:  # half the articles have a row (a title to join)
            store.con.execute("INSERT INTO documents (id, source_hash, source, doc, title, body, record, run_id, "
                              "ingested_at) VALUES (?, ?, ?, ?, ?, 'text', '{}', 'r', now())",
                              [doc, doc, f"{doc}.txt", f"{doc}.txt", f"Title {doc}"])
    return path


def score_golden(tmp_path: Path, record_text: str, *options: str) -> subprocess.CompletedProcess:
    """Score a record (JSON text) against the reference article's golden file with the shared scorer."""
    need_shared(GOLDEN)
    path = tmp_path / "record.json"
    path.write_text(record_text)
    return subprocess.run([sys.executable, str(SHARED / "eval" / "score_article.py"), str(GOLDEN), str(path), *options],
                          capture_output=True, text=True)
