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


def score_golden(tmp_path: Path, record_text: str, *options: str) -> subprocess.CompletedProcess:
    """Score a record (JSON text) against the reference article's golden file with the shared scorer."""
    need_shared(GOLDEN)
    path = tmp_path / "record.json"
    path.write_text(record_text)
    return subprocess.run([sys.executable, str(SHARED / "eval" / "score_article.py"), str(GOLDEN), str(path), *options],
                          capture_output=True, text=True)
