"""The crash test: an ingest killed with SIGKILL at random moments, each kill followed by a rerun of
the same command (which resumes), ends with the rows of one uninterrupted run, table for table.

Rows are compared sorted, without the per-run columns (run ids, timestamps). `failures` is a log
per run (a rerun tries failed inputs again): its distinct (source, reason) pairs are compared, and
the last, uninterrupted rerun must have logged exactly the failures of the uninterrupted run.
The seed is printed; DYADS_CRASH_SEED=<n> replays or explores one.
"""
from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pytest

from dyads.storage.consistency import NOTE, check
from tests.conftest import SHARED, need_shared
from tests.hardening import hostile
from tests.hardening.running import dyads, query, table_columns, table_rows, traceback_of

SEED = int(os.environ.get("DYADS_CRASH_SEED", "8"))
TABLES = ["documents", "sources", "events", "mentions", "quotes", "actors", "learned_aliases"]
MAX_MB = 4
INPUTS = {  # about 150 inputs: mutated real pages and a few hostile files
    "mut_flip": 30, "mut_truncate": 30, "mut_splice": 20, "mut_insert": 15, "mut_copy": 8, "mut_gzip": 10,
    "mut_warc": 3, "jsonl_articles": 4, "jsonl_bad_lines": 4, "gzip_truncated": 3, "gzip_bomb": 2, "empty": 3,
    "binary_as_html": 3, "feed_truncated": 3, "mixed_encoding": 4, "nul_bytes": 3, "warc_malformed": 3,
}
# people learned from one article and named bare in the next: a rerun must code them as the uninterrupted run did
NLP_INPUTS = {"jsonl_people": 10, "mut_truncate": 4, "mut_flip": 2, "mut_copy": 1}


@pytest.fixture(scope="module")
def small_pages() -> list[bytes]:
    """The smaller half of the real pages, to keep the runs short."""
    need_shared(SHARED / "evaldata" / "article-extraction" / "html")
    return sorted(hostile.real_pages(SHARED), key=len)[:100]


def ingest_args(folder: Path, db: Path, nlp: bool) -> list[str]:
    return ["ingest", str(folder), "--db", str(db), "-v", "--no-progress", "--max-size", str(MAX_MB),
            "--batch-size", "5", *([] if nlp else ["--no-nlp"])]


def finished(run, what: str, seed: int) -> None:
    """A run that was not killed ended on its own, without a traceback, with exit code 0 or 1."""
    if run.stopped and run.stopped != "killed":
        pytest.fail(f"seed {seed}: {what} {run.stopped}:\n" + "\n".join(run.stderr.splitlines()[-5:]), pytrace=False)
    if "Traceback" in run.stderr:
        pytest.fail(f"seed {seed}: {what}: a traceback:\n{traceback_of(run.stderr)}", pytrace=False)
    if run.stopped is None and run.returncode not in (0, 1):
        pytest.fail(f"seed {seed}: {what}: exit code {run.returncode}:\n{run.stderr[-1500:]}", pytrace=False)


def kill_and_resume(args: list[str], rng: random.Random, kills: int, seed: int, by_time: float,
                    lines: tuple[int, int], timeout: float) -> list[str]:
    """Kill the ingest `kills` times at random moments, rerunning after each; return what was done."""
    log, attempts, complete = [], 0, None
    while sum(1 for entry in log if entry.startswith("killed")) < kills:
        attempts += 1
        assert attempts <= 3 * kills, f"seed {seed}: the ingest keeps finishing before the kill: {log}"
        if complete is not None or rng.random() < by_time:  # once all is in, only a moment of the rerun is left
            when = rng.uniform(0.2, complete or 6.0)
            run = dyads(*args, kill_after_seconds=when, timeout=timeout)
            how = f"after {when:.1f} s"
        else:
            n, delay = rng.randrange(*lines), rng.uniform(0.0, 0.4)
            run = dyads(*args, kill_after_lines=n, kill_delay=delay, counted=("ingested",), timeout=timeout)
            how = f"{delay:.2f} s after {n} documents stored"
        finished(run, f"run {attempts} (to be killed {how})", seed)
        if not run.stopped:
            complete = run.seconds
        log.append(f"{'killed' if run.stopped else 'finished'} {how} ({len(run.lines)} lines, {run.seconds:.1f} s)")
    return log


def compare(fresh_db: Path, crashed_db: Path, seed: int, log: list[str]) -> list[str]:
    differences = []
    for table in TABLES:
        cols = table_columns(fresh_db, table)
        want, got = table_rows(fresh_db, table), table_rows(crashed_db, table)
        if want != got:
            want_set, got_set = set(map(repr, want)), set(map(repr, got))
            missing = [r for r in want if repr(r) not in got_set]
            extra = [r for r in got if repr(r) not in want_set]
            differences.append(f"{table}: {len(want)} rows uninterrupted, {len(got)} after the kills, "
                               f"{len(missing)} missing, {len(extra)} extra; {_first_difference(cols, missing, extra)}")
    pairs = "SELECT DISTINCT source, reason FROM failures ORDER BY ALL"
    if query(fresh_db, pairs) != query(crashed_db, pairs):
        differences.append("failures: the (source, reason) pairs differ")
    last = ("SELECT source, reason FROM failures WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC "
            "LIMIT 1) ORDER BY ALL")
    if query(fresh_db, last) != query(crashed_db, last):
        differences.append("failures: the last rerun did not log the failures of the uninterrupted run")
    return [f"seed {seed}: {d}" for d in differences] + (["kills: " + "; ".join(log)] if differences else [])


def _first_difference(cols: list[str], missing: list[tuple], extra: list[tuple]) -> str:
    """The first missing row beside the extra row most like it: the columns that differ."""
    if not missing or not extra:
        row = (missing or extra)[0]
        shown = ", ".join(f"{c}={str(v)[:40]!r}" for c, v in zip(cols, row))
        return f"{'missing' if missing else 'extra'} e.g. {shown}"
    want = missing[0]
    got = max(extra, key=lambda r: sum(a == b for a, b in zip(want, r)))
    diff = [f"{c}: {str(a)[:60]!r} uninterrupted, {str(b)[:60]!r} after" for c, a, b in zip(cols, want, got) if a != b]
    return f"e.g. row {str(want[0])[:30]!r}: " + "; ".join(diff[:4])


def crash_test(tmp_path: Path, pages: list[bytes], inputs: dict[str, int], nlp: bool, kills: int, seed: int,
               lines: tuple[int, int], by_time: float) -> tuple[list[str], Path]:
    print(f"crash seed {seed}, nlp {nlp}")
    rng = random.Random(seed)
    folder = tmp_path / "inputs"
    made = hostile.build(folder, rng, hostile.Context(pages, MAX_MB * 1024 * 1024), inputs)
    fresh_db, crashed_db = tmp_path / "fresh.duckdb", tmp_path / "crashed.duckdb"
    timeout = 300
    fresh: list = []
    worker = threading.Thread(target=lambda: fresh.append(dyads(*ingest_args(folder, fresh_db, nlp), timeout=timeout)))
    worker.start()  # the uninterrupted run, beside the killed ones
    log = kill_and_resume(ingest_args(folder, crashed_db, nlp), rng, kills, seed, by_time, lines, timeout)
    final = dyads(*ingest_args(folder, crashed_db, nlp), timeout=timeout)
    worker.join()
    finished(fresh[0], "the uninterrupted run", seed)
    finished(final, "the last rerun", seed)
    assert fresh[0].stopped is None and final.stopped is None
    print(f"{len(made)} files; {'; '.join(log)}; uninterrupted {fresh[0].seconds:.0f} s, {fresh[0].summary()}")
    assert fresh[0].summary() and fresh[0].summary()[0] > 0, f"seed {seed}: nothing ingested: {fresh[0].stdout}"
    problems = compare(fresh_db, crashed_db, seed, log)
    for db in (fresh_db, crashed_db):
        problems += [f"{db.name}: {p}" for p in check(db) if not p.startswith(NOTE)]
    unfinished = [p for p in check(crashed_db) if p.startswith(NOTE)]
    if len(unfinished) > kills:
        problems.append(f"{len(unfinished)} unfinished runs for {kills} kills")
    return problems, crashed_db


def test_kill_nine_ten_times_without_nlp(tmp_path, small_pages):
    problems, _ = crash_test(tmp_path, small_pages, INPUTS, nlp=False, kills=10, seed=SEED, lines=(1, 16),
                             by_time=0.3)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_kill_nine_with_nlp(tmp_path, small_pages):
    problems, db = crash_test(tmp_path, small_pages, NLP_INPUTS, nlp=True, kills=2, seed=SEED + 1, lines=(2, 12),
                              by_time=0.0)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    assert query(db, "SELECT count(*) FROM events")[0][0] > 0, "no events to compare"
