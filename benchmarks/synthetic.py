"""A store of synthetic events for the analysis and dashboard benchmarks, built in SQL in seconds.

    python benchmarks/synthetic.py OUT.duckdb --events 1000000

The rows follow the events schema of a real store (the store's own migrations make it): 40 actors
(state keys with their government codes), CAMEO codes drawn from the real table with its Goldstein,
QuadClass and pentaclass values, days over ten years, about three reports per cluster, one document per
five events (with URL, title, publisher and day), tone and confidence spread as in real runs. Nothing
here is real news; the numbers only give the queries realistic shapes and sizes.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

ACTORS = ["USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK", "IND", "PAK", "IRN", "ISR",
          "PSE", "SAU", "TUR", "SYR", "IRQ", "AFG", "EGY", "NGA", "KEN", "ETH", "ZAF", "BRA", "MEX", "VEN",
          "COL", "CAN", "AUS", "IDN", "PHL", "VNM", "POL", "BLR", "SRB", "NATO", "EU", "UN"]


def build(path: str | Path, events: int, seed: int = 7) -> float:
    """Write `events` synthetic events (and their documents) into a new store at `path`; seconds taken."""
    from dyads.ontology.cameo import load_cameo
    from dyads.storage import Store
    from dyads.storage.migrations import ID_KEYS

    path = Path(path)
    for stale in (path, Path(str(path) + ".wal")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    codes = [c for c in load_cameo().values() if len(c.code) >= 3]
    with Store(path) as store:
        con = store.con
        # one INSERT ... SELECT of every row, where an ingest writes batches: more than the writer's cap
        con.execute("SET memory_limit = '2GB'")
        con.execute(f"SELECT setseed({(seed % 1000) / 1000})")
        con.execute("CREATE TEMP TABLE actor AS SELECT * FROM (VALUES "
                    + ", ".join(f"({i}, '{a}')" for i, a in enumerate(ACTORS)) + ") t(i, key)")
        con.execute("CREATE TEMP TABLE code AS SELECT * FROM (VALUES "
                    + ", ".join(f"({i}, '{c.code}', '{c.code[:2]}', '{c.name.replace(chr(39), chr(39) * 2)}', "
                                f"{c.goldstein}, {c.quad}, {c.penta}, {repr(c.plover) if c.plover else 'NULL'})"
                                for i, c in enumerate(codes))
                    + ") t(i, code, root, name, goldstein, quad, penta, plover)")
        n_actors, n_codes, docs = len(ACTORS), len(codes), max(1, events // 5)
        run = store.start_run("synthetic", {}, {"events": events, "seed": seed})
        con.execute(
            "INSERT INTO documents (id, source_hash, source, doc, url, title, publisher, published, published_day,"
            " language, body, record, run_id, ingested_at, tone) "
            "SELECT 'd' || i, 'h' || i, 'synthetic/' || i || '.html', 'd' || i, 'https://news.example/' || i,"
            " 'Synthetic report ' || i, 'Outlet ' || (i % 25), strftime(day, '%Y-%m-%d'), day, 'en',"
            " 'Synthetic body ' || i, '{}', ?, now(), random() * 2 - 1 "
            f"FROM (SELECT i, DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER) AS day "
            f"FROM range({docs}) r(i))", [run])
        con.execute(
            "INSERT INTO events SELECT 'e' || r.i, 'd' || (r.i // 5), 'c' || (r.i // 3), 'body', CAST(r.i % 40 AS INTEGER),"
            " 'Synthetic sentence ' || r.i || ': ' || s.key || ' acted on ' || t.key || '.', c.code, c.root, c.name,"
            " c.goldstein, c.quad, c.penta, c.plover, s.key, NULL, s.key || 'GOV', s.key, t.key, NULL, t.key || 'GOV',"
            " t.key, strftime(r.day, '%Y-%m-%d'), 'day', 'sentence', r.day, NULL, NULL, 'asserted', NULL,"
            " random() * 2 - 1, 'synthetic', 0.3 + random() * 0.7, '{}', '1.1b3', 'synthetic', ?,"
            # the numbers Store.save gives (migrations.NUMBER_EVENTS): a cluster's and a document's are their first
            " r.i + 1, r.i // 3 * 3 + 1, r.i // 5 * 5 + 1, NULL "
            f"FROM (SELECT i, DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER) AS day,"
            f" CAST(floor(pow(random(), 2) * {n_actors}) AS INTEGER) AS si,"
            f" CAST(floor(pow(random(), 2) * {n_actors}) AS INTEGER) AS ti,"
            f" CAST(floor(random() * {n_codes}) AS INTEGER) AS ci FROM range({events}) r(i)) r"
            " JOIN actor s ON s.i = r.si JOIN actor t ON t.i = (CASE WHEN r.ti = r.si THEN (r.ti + 1) % "
            f"{n_actors} ELSE r.ti END) JOIN code c ON c.i = r.ci", [run])
        con.execute(ID_KEYS)  # these ids are not the coder's: their keys are their ranks
        store.finish_run(run, {"events": events}, "finished")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"{args.events:,} synthetic events in {build(args.out, args.events):.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
