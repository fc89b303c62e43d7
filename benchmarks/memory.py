"""Peak memory of a streamed ingest of generated articles, as the corpus grows.

    python benchmarks/memory.py [--articles 100000] [--no-nlp] [--shard 1000] [--keep DIR]

Articles are written by this script from templates (actors, acts, places, days and figures drawn by a
seeded generator, so no two are the same text) as JSON Lines shards of `--shard` articles, each shard
written only when the ingest asks for the next input and removed once read: the corpus is never on disk
or in memory whole. `api.ingest` stores them into a fresh DuckDB database (workers=1). At 10 k, 50 k and
100 k articles (those up to `--articles`, and `--articles` itself) the script prints the peak resident
set size of the process (resource.getrusage), its current RSS (psutil, when installed) and the rate;
RSS is flat in corpus size when the later figures stay at the first.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

CHECKPOINTS = (10_000, 50_000, 100_000)

STATES = ["France", "Germany", "Kenya", "Japan", "Brazil", "India", "Egypt", "Canada", "Mexico", "Turkey",
          "Nigeria", "Poland", "Vietnam", "Chile", "Norway", "Ethiopia", "Indonesia", "Peru", "Ghana", "Spain"]
PEOPLE = ["foreign minister", "prime minister", "defence minister", "trade minister", "president",
          "interior minister", "central bank governor", "army chief"]
ACTS = [("met", "{a}'s {pa} met {b}'s {pb} in {city} on {day} to discuss {topic}."),
        ("criticised", "{a} criticised {b} on {day} over {topic}, saying the talks in {city} had failed."),
        ("signed", "{a} and {b} signed an agreement on {topic} in {city} on {day}."),
        ("accused", "The {pa} of {a} accused {b} of breaking its promises on {topic}."),
        ("threatened", "{a} threatened to impose sanctions on {b} unless it changed course on {topic}."),
        ("praised", "{b}'s {pb} praised {a} for its help with {topic} during a visit to {city}."),
        ("urged", "{a} urged {b} on {day} to resume negotiations on {topic}.")]
CITIES = ["Geneva", "Vienna", "Nairobi", "Singapore", "Doha", "Lisbon", "Oslo", "Accra", "Lima", "Hanoi"]
TOPICS = ["fishing rights", "border crossings", "grain exports", "water sharing", "energy prices", "refugees",
          "a railway project", "customs duties", "climate finance", "a prisoner exchange", "air traffic rights"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FILLER = ["Officials said {n} delegates took part and that a further round was planned for {month}.",
          "Analysts in {city} said the move reflected {n} months of difficult relations.",
          "Trade between the two countries reached {n} million dollars last year, according to official figures.",
          "A spokesperson declined to say whether the {pa} would travel to {city} in {month}.",
          "Local newspapers reported that about {n} people gathered outside the ministry."]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(i: int, rng: random.Random) -> dict:
    """One generated article, number `i`: a title, two to four reported acts and some background."""
    a, b = rng.sample(STATES, 2)
    fields = dict(a=a, b=b, pa=rng.choice(PEOPLE), pb=rng.choice(PEOPLE), city=rng.choice(CITIES),
                  topic=rng.choice(TOPICS), day=rng.choice(DAYS), month=rng.choice(MONTHS), n=100 + i)
    acts = rng.sample(ACTS, rng.randint(2, 4))
    sentences = [template.format(**fields) for _, template in acts]
    sentences += [rng.choice(FILLER).format(**fields) for _ in range(rng.randint(1, 3))]
    paragraphs = [" ".join(sentences[k:k + 2]) for k in range(0, len(sentences), 2)]
    published = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return {"id": f"gen-{i}", "title": f"{a} and {b}: {acts[0][0]} over {fields['topic']}",
            "published": published, "text": "\n\n".join(paragraphs)}


def shards(folder: Path, total: int, size: int, seed: int = 7):
    """Paths of JSON Lines shards, each written when asked for; the shard before is removed then."""
    rng = random.Random(seed)
    previous = None
    for start in range(0, total, size):
        path = folder / f"shard-{start // size:06d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(start, min(total, start + size)):
                out.write(json.dumps(article(i, rng)) + "\n")
        if previous is not None:
            previous.unlink(missing_ok=True)
        previous = path
        yield path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def current_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / 2**20


class Meter:
    """The progress callback: counts inputs and prints memory at each checkpoint."""

    def __init__(self, marks: list[int]):
        self.marks = marks
        self.seen = 0
        self.outcomes: dict[str, int] = {}
        self.started = time.perf_counter()
        self.peak = 0.0

    def __call__(self, source: str, outcome: str) -> None:
        self.seen += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        if self.seen % 1000 == 0:  # where the peak rises, to find what makes it
            peak = peak_mb()
            if self.peak and peak > self.peak + 25:
                print(f"  (peak RSS rose to {peak:.1f} MB by {self.seen} articles)", flush=True)
            self.peak = max(self.peak, peak) if self.peak else peak
        if self.seen in self.marks:
            rss = current_mb()
            now = f", RSS now {rss:7.1f} MB" if rss is not None else ""
            rate = self.seen / (time.perf_counter() - self.started)
            print(f"  {self.seen:>7} articles: peak RSS {peak_mb():7.1f} MB{now}  ({rate:.0f} articles/s)",
                  flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000, help="articles to generate and ingest")
    ap.add_argument("--no-nlp", action="store_true", help="extraction and store only (no NLP stages)")
    ap.add_argument("--shard", type=int, default=1000, help="articles per generated JSON Lines shard")
    ap.add_argument("--keep", help="write the database here (a folder) instead of a removed temporary one")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error(f"--articles must be at least 1, got {args.articles}")
    if args.shard < 1:
        ap.error(f"--shard must be at least 1, got {args.shard}")
    from dyads import api

    marks = sorted({m for m in CHECKPOINTS if m <= args.articles} | {args.articles})
    rss = current_mb()
    print(f"streamed ingest of {args.articles} generated articles ({'no NLP' if args.no_nlp else 'with NLP'}); "
          f"psutil {'installed' if rss is not None else 'not installed: peak RSS only'}")
    print(f"  before: peak RSS {peak_mb():7.1f} MB" + (f", RSS now {rss:7.1f} MB" if rss is not None else ""))
    with tempfile.TemporaryDirectory(prefix="dyads-memory-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        inputs = folder / "inputs"
        inputs.mkdir(exist_ok=True)
        meter = Meter(marks)
        report = api.ingest(shards(inputs, args.articles, args.shard), db=folder / "memory.duckdb",
                            options=api.Options(nlp=not args.no_nlp), progress=meter)
        counts = report.counts()
        size = os.path.getsize(folder / "memory.duckdb") / 2**20 if report.kept else 0.0
    print(f"  outcomes {counts}; database {size:.0f} MB; {time.perf_counter() - meter.started:.0f} s")
    for failure in report.failures[:3]:
        print(f"  failed: {failure}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
