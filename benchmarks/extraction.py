"""Main-text extraction on the article-extraction benchmark: dyads' HTML reader against plain
trafilatura.extract, on the same pages in the same process.

    python benchmarks/extraction.py [--shared ../shared] [--out /tmp/dyads-extraction]

Writes {id: {"articleBody": ...}} for both, scores both with ../shared/eval/score_extraction.py,
and prints F1 for each and the time ratio (dyads / trafilatura).
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import trafilatura

from dyads.components.extract import extract
from dyads.errors import InputError
from dyads.model import RawArticle


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--out", default="/tmp/dyads-extraction")
    args = ap.parse_args()
    measure(Path(args.shared), Path(args.out))
    return 0


def measure(shared: Path, out: Path) -> dict[str, float]:
    """Print both F1 lines and the time ratio; return {'dyads': F1, 'trafilatura': F1}."""
    root = shared / "evaldata" / "article-extraction"
    truth = root / "ground-truth.json"
    ids = sorted(json.loads(truth.read_text()))
    pages = {i: gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    out.mkdir(parents=True, exist_ok=True)

    ours, t_ours = run(lambda i, data: body_of(i, data), pages)
    plain, t_plain = run(lambda i, data: trafilatura.extract(data) or "", pages)
    figures = {}
    for name, preds in (("dyads", ours), ("trafilatura", plain)):
        path = out / f"{name}.json"
        path.write_text(json.dumps({i: {"articleBody": b} for i, b in preds.items()}, ensure_ascii=False))
        res = subprocess.run([sys.executable, str(shared / "eval" / "score_extraction.py"), str(truth), str(path)],
                             capture_output=True, text=True, check=True)
        figures[name] = res.stdout.strip().splitlines()[-1]
    print(f"pages: {len(ids)}")
    print(f"dyads       {figures['dyads']}")
    print(f"trafilatura {figures['trafilatura']}")
    print(f"time: dyads {t_ours:.2f}s, trafilatura {t_plain:.2f}s, ratio {t_ours / t_plain:.2f}x")
    return {name: float(line.rsplit("F1", 1)[1]) for name, line in figures.items()}


def body_of(page_id: str, data: bytes) -> str:
    try:
        return extract(RawArticle(source=page_id, doc=page_id, kind="html", data=data)).body
    except InputError:
        return ""


def run(fn, pages):
    start = time.perf_counter()
    out = {i: fn(i, data) for i, data in pages.items()}
    return out, time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
