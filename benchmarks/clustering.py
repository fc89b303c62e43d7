"""Clustering a batch of new events against stores of 1 M and 10 M synthetic events: the set-based step
(`dyads.storage.events.cluster_ids`) against the per-event lookup it replaced.

    python benchmarks/clustering.py [--sizes 1000000 10000000] [--batch 5000] [--articles 50] [--keep DIR]

Stores come from benchmarks/synthetic.py (random days over ten years: a day's events are spread over
every row group, the worst case for zone maps), built in `--keep DIR` (reused when present) or a
temporary folder. The batch: `--batch` events of `--articles` articles of one week, dyads and roots drawn
as the store's, most dates day-precise from the text (some publication dates, months, no place).

Per store, best of three runs, in this process:
- baseline: a plain `count(*)` scan of the columns the lookup reads (dyad keys, root, day);
- new: `cluster_ids` over the batch (one SQL join, then the in-batch rule in Python);
- old: the per-event algorithm (tests/storage/test_clustering.py's reference: the batch so far, then one
  query per event), timed on the first `--old-sample` events and extrapolated to the batch (it is
  linear in the events: one query each); the cluster ids of that sample must equal the new step's;
- the same with an ART index on (source_key, target_key, root), and on a copy of the store in day order
  (an ingest of a news feed as it comes: zone maps on date_day can skip row groups).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import ACTORS, build  # noqa: E402

from dyads.ontology.cameo import load_cameo  # noqa: E402
from dyads.storage import Store  # noqa: E402
from dyads.storage.duckdb_store import connect  # noqa: E402
from dyads.storage.events import cluster_ids  # noqa: E402
from tests.storage.test_clustering import make_doc, make_event, reference_clusters  # noqa: E402

BASELINE_SQL = ("SELECT count(*) FROM events WHERE source_key <> target_key AND root <> '' "
                "AND date_day > DATE '1900-01-01'")
INDEX_SQL = "CREATE INDEX events_dyad_root ON events (source_key, target_key, root)"


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def best(fn, runs: int = 3) -> tuple[float, object]:
    results = [timed(fn) for _ in range(runs)]
    return min(r[0] for r in results), results[0][1]


def new_batch(size: int, articles: int, seed: int = 3) -> list:
    """`size` events of `articles` articles published in one week, drawn as synthetic.py draws the store."""
    rng = random.Random(seed)
    roots = sorted({c.code[:2] for c in load_cameo().values() if len(c.code) >= 3})
    week = dt.date(2015, 1, 8) + dt.timedelta(days=rng.randrange(3640 - 14))
    events = []
    for a in range(articles):
        published = week + dt.timedelta(days=rng.randrange(7))
        for n in range(size // articles + (a < size % articles)):
            si, ti = int(rng.random() ** 2 * len(ACTORS)), int(rng.random() ** 2 * len(ACTORS))
            ti = (ti + 1) % len(ACTORS) if ti == si else ti
            day = published - dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3]))
            kind = rng.choices(["day", "publication", "month"], [85, 10, 5])[0]
            value = day.isoformat() if kind != "month" else day.isoformat()[:7]
            events.append(make_event(f"n{a}-{n}", ACTORS[si], ACTORS[ti], rng.choice(roots), value,
                                     "month" if kind == "month" else "day",
                                     "publication" if kind == "publication" else "text"))
    return events


def old_method(con, events: list) -> list[str]:
    """The per-event algorithm over events, without writing them (the lookups are its cost)."""
    return reference_clusters(con, make_doc("old", list(events)), [])


def measure(con, events: list, sample: int, label: str) -> tuple[float, float]:
    base, _ = best(lambda: con.execute(BASELINE_SQL).fetchall())
    new, clusters = best(lambda: cluster_ids(con, events))
    part = events[:sample]
    old_part, old_clusters = best(lambda: old_method(con, part), runs=1 if sample > 100 else 2)
    if old_clusters != cluster_ids(con, part):
        raise SystemExit(f"{label}: the new step and the old one disagree on the first {sample} events")
    old = old_part * len(events) / len(part)
    joined = sum(1 for ev, c in zip(events, clusters) if c != ev.id)
    print(f"  {label}")
    print(f"    baseline count(*) scan         {base * 1000:9.1f} ms")
    print(f"    new  cluster_ids               {new * 1000:9.1f} ms  = {new / base:7.1f} x baseline "
          f"({joined:,} of {len(events):,} events join a cluster)")
    print(f"    old  per event (extrapolated)  {old * 1000:9.0f} ms  = {old / base:7.0f} x baseline "
          f"({len(part)} events timed: {old_part / len(part) * 1000:.1f} ms each; same clusters)")
    print(f"    new / old                      {new / old:9.5f}  (old is {old / new:,.0f} x new)")
    return new, old


def store_for(folder: Path, size: int) -> Path:
    path = folder / f"clustering-{size}.duckdb"
    if not path.exists():
        print(f"building {size:,} synthetic events ... {build(path, size):.1f} s")
    return path


def day_ordered_copy(path: Path) -> Path:
    """The store's events rewritten in day order into a second file (only the events table)."""
    copy = path.with_name(path.stem + "-by-day.duckdb")
    if not copy.exists():
        with Store(copy) as store:
            # the sort of 10 M rows needs more than the writer's buffer cap (storage: DYADS_WRITER_MEMORY)
            store.con.execute("SET memory_limit = '4GB'")
            store.con.execute(f"ATTACH '{path}' AS src (READ_ONLY)")
            store.con.execute("INSERT INTO events SELECT * FROM src.events ORDER BY date_day, id")
            store.con.execute("DETACH src")
    return copy


def run(folder: Path, size: int, events: list, sample: int, index: bool, by_day: bool) -> dict:
    path = store_for(folder, size)
    figures = {}
    with Store(path) as store:
        total = store.count("events")
        print(f"\n{total:,} stored events ({path.stat().st_size / 1e6:,.0f} MB)")
        figures["plain"] = measure(store.con, events, sample, "synthetic store (random days)")
    if index:
        indexed = path.with_name(path.stem + "-indexed.duckdb")
        shutil.copyfile(path, indexed)
        con = connect(indexed)
        took, _ = timed(lambda: con.execute(INDEX_SQL))
        con.execute("CHECKPOINT")
        grew = indexed.stat().st_size / path.stat().st_size - 1
        new, old = measure(con, events, sample, f"with an ART index on (source_key, target_key, root): built in "
                                                f"{took:.1f} s, file +{grew:.0%}")
        con.close()
        indexed.unlink()
        plain_new, plain_old = figures["plain"]
        print(f"    the index changes new by x{new / plain_new:.2f}, old by x{old / plain_old:.2f}")
    if by_day:
        copy = day_ordered_copy(path)
        with Store(copy) as store:
            figures["by_day"] = measure(store.con, events, sample, "the same events stored in day order")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--old-sample", type=int, default=0,
                        help="events the old method is timed on (default: 300 at 1 M, fewer as stores grow)")
    parser.add_argument("--keep", type=Path, help="folder for the stores (reused when present)")
    parser.add_argument("--no-index", action="store_true", help="skip the ART index variant")
    parser.add_argument("--no-by-day", action="store_true", help="skip the day-ordered copy")
    args = parser.parse_args()
    if args.batch < 1 or args.articles < 1 or args.articles > args.batch:
        parser.error("--batch and --articles must be positive, with no more articles than events")
    if any(size < 1 for size in args.sizes):
        parser.error("--sizes must be positive numbers of events")
    events = new_batch(args.batch, args.articles)
    print(f"batch: {len(events):,} new events of {args.articles} articles, one week")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        figures = {}
        for size in args.sizes:
            sample = args.old_sample or max(50, min(len(events), 300 * 1_000_000 // size))
            figures[size] = run(folder, size, events, min(sample, len(events)), not args.no_index,
                                not args.no_by_day)
    if len(figures) > 1:
        (small, a), (large, b) = min(figures.items()), max(figures.items())
        print(f"\n{large:,} against {small:,} stored events ({large / small:.0f}x): "
              f"new x{b['plain'][0] / a['plain'][0]:.1f}, old x{b['plain'][1] / a['plain'][1]:.1f}")


if __name__ == "__main__":
    main()
