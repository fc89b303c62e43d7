"""Sharing one database file between an ingest and its readers.

DuckDB lets one process write a file, or any number of processes read it, never both at once. So that
`dyads events` and the dashboard keep working while an ingest runs, nobody holds the file for long:

- the ingest keeps the file open from batch to batch (`HeldWriter`), with a *writer mark* beside it
  (`DB.<pid>.writing`, holding its PID and command), and lets it go after the batch it is on as soon as a
  reader asks for the file; it opens it again for the next batch;
- a reader that finds the file busy, or a live writer mark, leaves a *reader mark* (`DB.<pid>.reading`)
  while it waits; it opens the file once the writer mark is gone. A reader that holds the file across
  requests (`SharedReader`, the dashboard's) lets it go as soon as a writer mark appears;
- either side meeting DuckDB's lock retries with a short backoff for up to `wait` seconds (default
  `DYADS_LOCK_WAIT` or 30), then fails with a StoreError naming the process that holds the file.

A writer mark left by a killed process names a PID that is gone: it is ignored and removed.
"""
from __future__ import annotations

import glob
import os
import re
import threading
import time
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path

import duckdb

from dyads.errors import StoreError

MARK = ".{pid}.writing"
READER_MARK = ".{pid}.reading"
HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def default_wait() -> float:
    """Seconds to wait for a busy database: DYADS_LOCK_WAIT, else 30."""
    try:
        return max(0.0, float(os.environ.get("DYADS_LOCK_WAIT", "30")))
    except ValueError:
        return 30.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def writer_marks(path: str | os.PathLike) -> list[tuple[int, str]]:
    """(pid, command) of every live process that has said it is writing `path`."""
    return _marks(path, MARK)


def reader_marks(path: str | os.PathLike) -> list[tuple[int, str]]:
    """(pid, command) of the live processes waiting to read `path`."""
    return _marks(path, READER_MARK)


def _marks(path: str | os.PathLike, pattern: str) -> list[tuple[int, str]]:
    """(pid, command) of the live marks of this kind beside `path` but our own; stale ones are removed."""
    found = []
    for mark in glob.glob(glob.escape(os.fspath(path)) + pattern.format(pid="*")):
        try:
            pid = int(mark.rsplit(".", 2)[-2])
        except ValueError:
            continue
        if pid == os.getpid():
            continue
        if not _alive(pid):
            try:
                os.remove(mark)
            except OSError:
                pass
            continue
        try:
            command = Path(mark).read_text(errors="replace").strip()
        except OSError:
            command = ""
        found.append((pid, command))
    return found


def writing(path: str | os.PathLike, command: str = "dyads ingest"):
    """This process's writer mark beside `path` for the duration (readers give way to it)."""
    return _marked(path, command, MARK)


def waiting_to_read(path: str | os.PathLike):
    """This process's reader mark beside `path` for the duration (the writer gives way to it)."""
    return _marked(path, "a reader", READER_MARK)


@contextmanager
def _marked(path: str | os.PathLike, command: str, pattern: str):
    mark = os.fspath(path) + pattern.format(pid=os.getpid())
    try:
        Path(mark).write_text(f"{command}\n")
    except OSError:  # a read-only folder: the lock retries still apply
        mark = None
    try:
        yield
    finally:
        if mark:
            try:
                os.remove(mark)
            except OSError:
                pass


def describe_holder(message: str) -> str:
    """Who holds the lock, from DuckDB's message (and /proc for the command line when it can be read)."""
    match = HOLDER.search(message)
    if not match:
        return "another process"
    program, pid = match.group(1), match.group(2)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        cmdline = ""
    return f"process {pid} ({cmdline or program})"


def _busy(err: Exception) -> bool:
    return isinstance(err, duckdb.IOException) and "Could not set lock" in str(err)


def open_with_wait(path: str | os.PathLike, connect, read_only: bool, wait: float | None = None):
    """`connect()` once the file is free: a reader lets live writer marks go first (leaving its reader mark
    while it waits), and both retry DuckDB's lock with backoff for up to `wait` seconds; a StoreError naming
    the holder after that."""
    wait = default_wait() if wait is None else wait
    if not (read_only and writer_marks(path)):
        try:
            return connect()
        except duckdb.Error as err:
            if not _busy(err):
                raise
    with waiting_to_read(path) if read_only else nullcontext():
        return _retry(path, connect, read_only, wait)


def _retry(path, connect, read_only: bool, wait: float):
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        marks = writer_marks(path) if read_only else []
        if not marks:
            try:
                return connect()
            except duckdb.Error as err:
                if not _busy(err):
                    raise
                holder = describe_holder(str(err))
        else:
            holder = f"process {marks[0][0]} ({marks[0][1] or 'a writer'})"
        if time.monotonic() + pause > deadline:
            doing = "an ingest is writing it" if marks or not read_only else "it is open"
            raise StoreError(f"{path}: the database is busy: {holder} holds it ({doing}) and did not let go "
                             f"within {wait:g} s; wait for it to finish, or set DYADS_LOCK_WAIT to wait longer")
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


class HeldWriter:
    """The ingest's hold on the file: opened (with the writer mark) when first needed, kept from batch to
    batch, and let go by `give_way` when a reader waits, so that a run nobody reads checkpoints when DuckDB
    decides, not after every batch (a checkpoint rewrites the indexes: its cost grows with the store)."""

    def __init__(self, path: str | os.PathLike, open_store, command: str = "dyads ingest"):
        self.path, self.open_store, self.command = os.fspath(path), open_store, command
        self.store = None
        self._held = ExitStack()  # the writer mark and the open store, let go together

    def get(self):
        """The open store, opened (waiting for readers to let go) when it is not."""
        if self.store is None:
            deadline = time.monotonic() + default_wait()  # readers that asked get in first (they drop their
            while reader_marks(self.path) and time.monotonic() < deadline:  # marks once the file is theirs)
                time.sleep(0.01)
            with ExitStack() as held:
                held.enter_context(writing(self.path, self.command))
                self.store = held.enter_context(self.open_store())
                self._held = held.pop_all()
        return self.store

    def give_way(self) -> None:
        """Let the file go when a reader is waiting for it (between batches)."""
        if self.store is not None and reader_marks(self.path):
            self.release()

    def release(self) -> None:
        self.store = None
        self._held.close()


class WouldWait(Exception):
    """A ReaderView's call that would have to wait (for the lock, a writer, the opening or a build)."""


class ReaderView:
    """A SharedReader for calls that never wait: the reading functions (dyads.reading) given one answer
    from what is open and built (the connection, the in-memory index) or raise WouldWait, and the caller
    (the dashboard's routes, on the event loop) asks again in a worker thread with the reader itself."""

    def __init__(self, reader: "SharedReader"):
        self.reader, self.path = reader, reader.path

    def cursor(self):
        return self.reader.cursor(wait=False)

    def derived(self, name: str, build, cursor):
        return self.reader.derived(name, build, cursor, wait=False)


class SharedReader:
    """A read-only connection held across calls from many threads, given up whenever a writer mark
    appears (at the next call, or within `poll` seconds when idle) and opened again afterwards, so that
    it sees what the writer stored. `generation` counts the openings: a cache keyed on it is never stale."""

    def __init__(self, path: str | os.PathLike, wait: float | None = None, poll: float = 0.1):
        self.path = os.fspath(path)
        self.wait = wait
        self.generation = 0
        self._con = None
        self._users = 0
        self._opening = False  # a caller is opening the file (without the lock)
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._derived: dict[str, tuple[int, object]] = {}  # name -> (generation, value): `derived`
        self._building = threading.Lock()
        self._pending: set[str] = set()  # names being built in the background
        self._watcher = threading.Thread(target=self._watch, args=(poll,), daemon=True)
        self._watcher.start()

    def _open(self):
        from dyads.storage.duckdb_store import Store

        store = Store(self.path, read_only=True, wait=self.wait)
        self.generation += 1
        return store.con

    @contextmanager
    def cursor(self, wait: bool = True):
        """A cursor on the shared connection, for one call; opens (waiting for writers) when needed. With
        `wait` false, WouldWait instead of waiting for a writer or the opening (the lock is held for
        microseconds: never while the file is opened, nor while a writer mark is looked for)."""
        marked = self._con is not None and bool(writer_marks(self.path))  # a glob: outside the lock
        with self._cond:
            if marked and self._con is not None:
                if not wait:
                    raise WouldWait("a writer waits for the file")
                self._cond.wait_for(lambda: self._users == 0, timeout=default_wait())
                self._release()
            while self._con is None:
                if not wait:
                    raise WouldWait("the file is not open")
                if self._opening:  # another caller opens it: wait for that
                    self._cond.wait(timeout=default_wait() + 1)
                    continue
                self._opening = True
                self._cond.release()
                try:
                    con = self._open()
                finally:
                    self._cond.acquire()
                    self._opening = False
                    self._cond.notify_all()
                self._con = con
            self._users += 1
            cursor = self._con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._cond:
                self._users -= 1
                self._cond.notify_all()

    def derived(self, name: str, build, cursor, wait: bool = True):
        """`build(cursor)` made once per generation and kept: an in-memory read model of the file, true while
        this read-only connection holds it. Call it with a `cursor()` held (so the generation cannot end
        meanwhile); callers of one generation share the value, and one that comes while it is built (here or
        by `build_later`) waits for it; with `wait` false, WouldWait. (Reading the file instead while it is
        built was tried: under load the queries through DuckDB starve the build, and a dashboard at 50
        clients fell to 35 requests a second.)"""
        generation = self.generation
        found = self._derived.get(name)
        if found is not None and found[0] == generation:
            return found[1]
        if not wait:
            raise WouldWait(f"{name} is not built")
        with self._building:
            found = self._derived.get(name)
            if found is None or found[0] != generation:
                found = (generation, build(cursor))
                self._derived[name] = found
        return found[1]

    def build_later(self, name: str, build) -> None:
        """Build `derived` value `name` for the generation open now (opening the file), in a thread, once at a
        time: so that the first callers find it built, or under way."""
        with self._cond:
            if name in self._pending:
                return
            self._pending.add(name)
        threading.Thread(target=self._build, args=(name, build), daemon=True, name=f"dyads-{name}").start()

    def _build(self, name: str, build) -> None:
        try:
            with self.cursor() as cursor, self._building:  # the generation cannot end while this is held
                generation = self.generation
                found = self._derived.get(name)
                if found is None or found[0] != generation:
                    try:
                        value = build(cursor)
                    except Exception as err:  # noqa: BLE001 - callers read the file instead; say why once
                        import sys

                        print(f"dyads: {self.path}: the in-memory {name} was not built ({err}); reading the "
                              f"file instead", file=sys.stderr)
                        value = None
                    self._derived[name] = (generation, value)
        except Exception:  # noqa: BLE001 - the file could not be opened: the next caller meets the error
            pass
        finally:
            with self._cond:
                self._pending.discard(name)

    def now(self) -> "ReaderView":
        """This reader for calls that must not wait (on an event loop): see ReaderView."""
        return ReaderView(self)

    def current_generation(self) -> int:
        """The generation a call made now would read (opening the file again first when a writer has been at
        it): what the dashboard's answer cache is keyed on."""
        known = self.held_generation()
        if known is not None:
            return known
        with self.cursor():
            return self.generation

    def held_generation(self) -> int | None:
        """The generation, without waiting, while the connection is open: no writer can change the file
        while this read-only connection holds it, so the answers of this generation stay true. None when the
        connection is let go (a writer may be at the file): then `current_generation` opens it again."""
        generation, con = self.generation, self._con  # no lock: an event loop asks, and must not wait for
        return generation if con is not None else None  # an opening; a generation read as it ends is harmless

    def _release(self) -> None:
        if self._con is not None and self._users == 0:
            self._con.close()
            self._con = None
            self._derived.clear()  # of the generation that ends

    def _watch(self, poll: float) -> None:
        while not self._stop.wait(poll):
            if self._con is None or self._users or not writer_marks(self.path):  # the glob outside the lock
                continue
            with self._cond:
                if self._users == 0:
                    self._release()

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.wait_for(lambda: self._users == 0, timeout=default_wait())
            self._release()
