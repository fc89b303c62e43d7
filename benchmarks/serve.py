"""The dashboard's API under load, and the analyses over a large store.

    python benchmarks/serve.py [--events 1000000] [--big 10000000] [--clients 50] [--seconds 20] [--keep DIR]
                               [--only latency|analyses]

a) Latency: `dyads serve` (a subprocess, as a user starts it) over a synthetic store of `--events` events
   (benchmarks/synthetic.py); `--clients` concurrent keep-alive HTTP/1.1 clients on loopback (asyncio, one
   process) send GET requests back to back for `--seconds`, each drawn from a fixed mix: event queries (a
   dyad, an actor with a root, an actor in a half-year; 50 rows), a dyad's monthly series, the articles list.
   Twice: with actors drawn uniformly from 40 (40 x 40 dyads, x 20 roots, x 10 years: most requests are new
   to the server, the cost of the queries themselves), and with actors drawn as news names them (a Zipf law:
   the same few dyads again and again, as on a shared dashboard; the server's answer cache, valid until an
   ingest writes, serves the repeats). p50 / p99 per route; the baseline in the same run is a static file of
   the same server (the floor of HTTP and the event loop), each route's p50 printed as a ratio to it.
b) Analyses at scale: series (a group, a dyad, the busiest actor), shift and an export to Parquet over a
   synthetic store of `--big` events, timed in this process; the baseline is a plain `count(*)` scan of
   the events table in the same connection.
Stores are built in `--keep DIR` (reused when present: building 10 M events takes a few minutes) or a
temporary folder. `--only latency` or `--only analyses` runs one part (and builds only its store); both by
default.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ACTORS, build  # noqa: E402

def _actor(r: random.Random, zipf: bool) -> str:
    """An actor: uniformly, or by rank as news names them (a Zipf law, s = 1.1: the first few most)."""
    if not zipf:
        return r.choice(ACTORS)
    return r.choices(ACTORS, weights=[1 / (rank + 1) ** 1.1 for rank in range(len(ACTORS))])[0]


def _pair(r: random.Random, zipf: bool) -> str:
    a = _actor(r, zipf)
    b = _actor(r, zipf)
    return f"{a},{b if b != a else ACTORS[(ACTORS.index(a) + 1) % len(ACTORS)]}"


ROUTES = {
    "events (dyad)": lambda r, z: f"/api/events?dyad={_pair(r, z)}&limit=50",
    "events (actor, root)": lambda r, z: f"/api/events?actor={_actor(r, z)}&code={r.randint(1, 20):02d}&limit=50",
    "events (window)": lambda r, z: (lambda y: f"/api/events?since={y}-01&until={y}-06&actor={_actor(r, z)}"
                                               f"&limit=50")(r.randint(2015, 2024)),
    "series (dyad)": lambda r, z: f"/api/series?dyad={_pair(r, z)}&by=month",
    "articles": lambda r, z: "/api/articles",
}
FLOOR = "/static/style.css"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _store(keep: str | None, name: str, events: int) -> Path:
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="dyads-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not path.exists():
        print(f"building {events:,} synthetic events ...", flush=True)
        print(f"  built in {build(path, events):.0f} s", flush=True)
    return path


async def _get(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _client(port: int, seed: int, until: float, times: dict, errors: list, zipf: bool) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    names = list(ROUTES) + ["static file (baseline)"]
    while time.perf_counter() < until:
        name = rng.choice(names)
        path = FLOOR if name.startswith("static") else ROUTES[name](rng, zipf)
        started = time.perf_counter()
        status = await _get(reader, writer, path)
        if status != 200:
            errors.append((path, status))
        times.setdefault(name, []).append(time.perf_counter() - started)
    writer.close()


async def _load(port: int, clients: int, seconds: float, zipf: bool, seed: int = 0) -> tuple[dict, list]:
    times: dict[str, list[float]] = {}
    errors: list = []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(_client(port, seed + i, until, times, errors, zipf) for i in range(clients)))
    return times, errors


def latency(db: Path, clients: int, seconds: float) -> None:
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "dyads.cli.main", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        server.stderr.readline()  # "dyads dashboard on ..."
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        asyncio.run(_load(port, 4, 2.0, False, seed=10_000))  # warm up: the first openings of the store
        for zipf in (False, True):
            times, errors = asyncio.run(_load(port, clients, seconds, zipf, seed=1000 if zipf else 0))
            _report(times, errors, clients, seconds, zipf)
    finally:
        server.terminate()
        server.wait(30)


def _report(times: dict, errors: list, clients: int, seconds: float, zipf: bool) -> None:
    floor = statistics.median(times["static file (baseline)"])
    total = sum(len(v) for v in times.values())
    mix = ("actors as news names them (Zipf): the answer cache serves the repeats" if zipf else
           "actors drawn uniformly: most requests new to the server's answer cache")
    print(f"\na) {clients} clients, {seconds:g} s, {mix}\n   {total:,} requests ({total / seconds:.0f}/s), "
          f"{len(errors)} errors{': ' + str(errors[:3]) if errors else ''}")
    print(f"   {'route':24} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'p50 / baseline':>15}")
    for name, values in sorted(times.items()):
        values.sort()
        p50, p99 = values[len(values) // 2], values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"   {name:24} {len(values):8,} {p50 * 1000:8.1f} {p99 * 1000:8.1f} {p50 / floor:15.1f}")


def analyses(db: Path) -> None:
    from dyads import api
    from dyads.storage import Store

    def timed(fn, *args, **kwargs) -> tuple[float, float]:
        """(wall seconds, CPU seconds of this process: DuckDB's threads included)."""
        started, cpu = time.perf_counter(), time.process_time()
        fn(*args, **kwargs)
        return time.perf_counter() - started, time.process_time() - cpu

    with Store(db, read_only=True) as store:
        events = store.count("events")
        store.con.execute("SET enable_progress_bar = false")
        base, base_cpu = min(timed(store.con.execute, "SELECT count(*), sum(goldstein) FROM events")
                             for _ in range(5))
        print(f"\nb) {events:,} events; baseline: a count(*) + sum scan of the events table {base * 1000:.0f} ms "
              f"(cpu {base_cpu * 1000:.0f} ms); best of 3, its CPU time beside (the cores are shared: CPU varies less)")
        rows = [
            ("series --group CHN+RUS,USA --by month", lambda: api.series(store, group="CHN+RUS,USA", by="month")),
            ("series --dyad RUS,UKR --by day", lambda: api.series(store, dyad="RUS,UKR", by="day")),
            ("series --actor USA --by week (busiest actor)", lambda: api.series(store, actor="USA", by="week")),
            ("shift --group CHN+RUS,USA 2016 vs 2023", lambda: api.shift(store, group="CHN+RUS,USA",
                                                                       before="2016:2016", after="2023:2023")),
        ]
        for label, fn in rows:
            best, cpu = min(timed(fn) for _ in range(3))
            print(f"   {label:48} {best:7.3f} s  ({best / base:5.1f} x baseline), cpu {cpu:6.3f} s")
    out = Path(tempfile.mkdtemp(prefix="dyads-export-")) / "events.parquet"
    took, cpu = timed(api.export, db, out, "parquet", min_confidence=0)
    print(f"   {'export --format parquet (every event)':48} {took:7.3f} s  ({took / base:5.1f} x baseline), "
          f"cpu {cpu:6.3f} s, {out.stat().st_size / 1e6:.0f} MB")
    out.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--big", type=int, default=10_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--keep", default=None, help="folder for the synthetic stores (reused when present)")
    parser.add_argument("--only", choices=("latency", "analyses"), default=None,
                        help="run only part a) (latency) or part b) (analyses); both by default")
    args = parser.parse_args()
    os.environ.setdefault("DYADS_LOCK_WAIT", "30")
    if args.only != "analyses":
        latency(_store(args.keep, f"serve-{args.events}.duckdb", args.events), args.clients, args.seconds)
    if args.big and args.only != "latency":
        analyses(_store(args.keep, f"big-{args.big}.duckdb", args.big))


if __name__ == "__main__":
    main()
