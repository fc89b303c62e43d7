"""Publication dates and metadata: dyads' HTML reader on the htmldate and goose3 evaluation pages.

    python benchmarks/metadata.py [--shared ../shared]

htmldate set: day-level accuracy of `published` (a missing date counts as wrong), with plain
htmldate.find_date on the same pages in the same run as the baseline. goose3 fixtures: title, author
and publication-day accuracy over the fixtures that state an expected value.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

from htmldate import find_date

from dyads.components.extract import extract
from dyads.errors import InputError
from dyads.model import RawArticle


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared) / "evaldata"
    htmldate_set(shared / "htmldate")
    goose3_set(shared / "goose3")
    return 0


def read(path: Path, url: str | None = None):
    try:
        return extract(RawArticle(source=str(path), doc=path.name, kind="html", data=path.read_bytes(), url=url))
    except InputError:
        return None


def day_of(value) -> str | None:
    if value is None:
        return None
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()


def htmldate_set(folder: Path) -> float:
    truth = json.loads((folder / "eval_default.en.json").read_text())
    pages = [(url, folder / "default_en_html" / v["file"], v["date"]) for url, v in truth.items()]
    present = [p for p in pages if p[1].exists()]
    ours = base = 0
    t_ours = t_base = 0.0
    for url, path, want in present:
        start = time.perf_counter()
        doc = read(path, url)
        t_ours += time.perf_counter() - start
        ours += bool(doc) and day_of(doc.published) == want
        start = time.perf_counter()
        got = find_date(path.read_bytes(), url=url, original_date=True)
        t_base += time.perf_counter() - start
        base += got == want
    n = len(present)
    print(f"htmldate set: {n} of {len(pages)} pages present (the others point outside ../shared)")
    print(f"  published day accuracy: dyads {ours / n:.3f} ({ours}/{n}), htmldate.find_date {base / n:.3f} ({base}/{n})")
    print(f"  time: dyads (full extraction) {t_ours:.2f}s, htmldate alone {t_base:.2f}s")
    return ours / n


def norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def goose3_set(folder: Path) -> None:
    scores = {"title": [0, 0], "authors": [0, 0], "publish_date": [0, 0]}
    extracted = {"title": 0, "authors": 0, "publish_date": 0}
    for spec in sorted(folder.glob("*/*.json")):
        expected = json.loads(spec.read_text()).get("expected", {})
        page = spec.with_suffix(".html")
        wanted = [k for k in scores if k in expected and expected[k] not in (None, "")]
        if not wanted or not page.exists():
            continue
        doc = read(page, json.loads(spec.read_text()).get("url"))
        for key in wanted:
            scores[key][1] += 1
            if doc is None:
                continue
            extracted[key] += 1
            if key == "title":
                scores[key][0] += norm(doc.title) == norm(expected["title"])
            elif key == "authors":
                scores[key][0] += sorted(map(norm, doc.authors)) == sorted(map(norm, expected["authors"]))
            else:
                want = _day(expected.get("publish_datetime_utc") or expected["publish_date"])
                scores[key][0] += want is not None and day_of(doc.published) == want
    print("goose3 fixtures (a page with no article text is refused by the reader and counts as wrong):")
    for key, (ok, n) in scores.items():
        if not n:
            print(f"  {key}: no fixtures")
            continue
        got = extracted[key]
        print(f"  {key}: {ok}/{n} = {ok / n:.3f}; on the {got} pages with article text: "
              f"{ok}/{got} = {ok / got if got else 0:.3f}")


def _day(text: str) -> str | None:
    match = re.search(r"\d{4}-\d{2}-\d{2}", text)
    if match:
        return match.group(0)
    try:
        from dateutil import parser

        return parser.parse(text, tzinfos={"EDT": -4 * 3600}).date().isoformat()
    except (ValueError, OverflowError):
        return None


if __name__ == "__main__":
    sys.exit(main())
