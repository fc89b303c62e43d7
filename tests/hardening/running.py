"""Run the real `dyads` console script under a watchdog, read its `-v` lines, compare databases."""
from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
DYADS = ROOT / ".venv" / "bin" / "dyads"
MEMORY_LIMIT = 6 << 30  # address space of the child: reading /dev/zero must fail, not eat the machine
LINE = re.compile(r"^(ingested|duplicate|failed): (.*)$")
SUMMARY = re.compile(r"ingested (\d+).*?duplicate (\d+).*?failed (\d+)", re.S)
# columns that differ from one run to the next by design
PER_RUN = {"run_id", "ingested_at", "failed_at", "updated_at", "started_at", "finished_at", "applied_at"}


@dataclass
class Run:
    args: list[str]
    returncode: int | None = None  # None when we killed it
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    stopped: str | None = None  # why the watchdog stopped it (a hang), or "killed" for a planned kill
    lines: list[tuple[str, str]] = field(default_factory=list)  # (outcome, source) of `-v`

    def summary(self) -> tuple[int, int, int] | None:
        match = SUMMARY.search(self.stdout)
        return tuple(int(g) for g in match.groups()) if match else None


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def dyads(*args: str, timeout: float = 300, stall: float = 60, kill_after_lines: int | None = None,
          kill_after_seconds: float | None = None, kill_delay: float = 0.0,
          counted: tuple[str, ...] = ("ingested", "duplicate", "failed")) -> Run:
    """Run `dyads ARGS`; stop it when it prints nothing on stderr for `stall` seconds or runs past
    `timeout` (a hang fails the test, it does not block it). With `kill_after_lines` (or
    `kill_after_seconds`), send SIGKILL to it once that many `-v` lines with an outcome in `counted`
    were printed (or that time passed), after `kill_delay` more seconds."""
    run = Run([str(DYADS), *args])
    start = time.monotonic()
    proc = subprocess.Popen(run.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=ROOT, start_new_session=True, preexec_fn=_limit_memory)
    out: list[bytes] = []
    err: list[bytes] = []
    last = [time.monotonic()]

    def pump(stream, sink, touch):
        for raw in iter(stream.readline, b""):
            sink.append(raw)
            if touch:
                last[0] = time.monotonic()

    threads = [threading.Thread(target=pump, args=(proc.stdout, out, False), daemon=True),
               threading.Thread(target=pump, args=(proc.stderr, err, True), daemon=True)]
    for t in threads:
        t.start()
    kill_at = None
    while proc.poll() is None:
        now = time.monotonic()
        if kill_at is None and ((kill_after_lines is not None and _count_lines(err, counted) >= kill_after_lines)
                                or (kill_after_seconds is not None and now - start >= kill_after_seconds)):
            kill_at = now + kill_delay
        if kill_at is not None and now >= kill_at:
            run.stopped = "killed"
        elif now - start > timeout:
            run.stopped = f"still running after {timeout:.0f} s"
        elif now - last[0] > stall:
            run.stopped = f"printed nothing for {stall:.0f} s"
        if run.stopped:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            break
        time.sleep(0.02)
    for t in threads:
        t.join(timeout=10)
    run.returncode = None if run.stopped else proc.returncode
    run.seconds = time.monotonic() - start
    run.stdout = b"".join(out).decode("utf-8", "replace")
    run.stderr = b"".join(err).decode("utf-8", "replace")
    run.lines = [(m.group(1), m.group(2)) for m in map(LINE.match, run.stderr.splitlines()) if m]
    return run


def _count_lines(chunks: list[bytes], counted: tuple[str, ...]) -> int:
    matches = (LINE.match(c.decode("utf-8", "replace")) for c in list(chunks))
    return sum(1 for m in matches if m and m.group(1) in counted)


def traceback_of(stderr: str) -> str:
    """The first traceback in `stderr` (its head) and the last lines."""
    lines = stderr.splitlines()
    starts = [i for i, line in enumerate(lines) if "Traceback" in line]
    return "\n".join(lines[starts[0]:starts[0] + 40] + ["..."] + lines[-5:]) if starts else ""


def printed(path: Path) -> set[str]:
    """The forms a path can take in the CLI's output (names that are not UTF-8 get escaped)."""
    raw = os.fsencode(path)
    return {str(path).encode("utf-8", "backslashreplace").decode("utf-8"), raw.decode("utf-8", "replace"),
            raw.decode("utf-8", "backslashreplace")}


def table_columns(db: Path, table: str) -> list[str]:
    """The columns of `table` but the per-run ones."""
    return [r[0] for r in query(db, f"DESCRIBE {table}") if r[0] not in PER_RUN]


def table_rows(db: Path, table: str, where: str = "") -> list[tuple]:
    """Sorted rows of `table` without its per-run columns."""
    cols = table_columns(db, table)
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = ", ".join(f'"{c}"' for c in cols)
        return con.execute(f"SELECT {names} FROM {table} {where} ORDER BY ALL").fetchall()
    finally:
        con.close()


def query(db: Path, sql: str, args: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, args or []).fetchall()
    finally:
        con.close()
