"""Actor recognition on re3d: recall and precision of Person, Organisation, Nationality and Location
mentions (a prediction matches a gold mention of the same type when their spans overlap), and
throughput of the NLP stages against a plain spaCy pass over the same texts in the same run.

    python benchmarks/actors.py [--shared ../shared]

How dyads mentions map to re3d types: people (KB or not) -> Person; organisations, outlets, and states
or capitals acting as actors (re3d annotates "The United States" condemning something as an
Organisation) -> Organisation; a state, capital or place phrase ("in Baghdad") -> Location; a demonym
used as an adjective ("Iraqi") or a plural demonym -> Nationality.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from dyads.model import Document
from dyads.pipeline import Pipeline, PipelineOptions

TYPES = ("Person", "Organisation", "Nationality", "Location")


def load(folder: Path):
    docs, ents = {}, []
    for sub in sorted(folder.iterdir()):
        if not (sub / "documents.json").exists():
            continue
        for line in (sub / "documents.json").read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                d = json.loads(line)
                docs[d["_id"]] = d
        for line in (sub / "entities.json").read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                e = json.loads(line)
                if e["type"] in TYPES:
                    ents.append(e)
    return docs, ents


def predicted_types(m) -> list[tuple[int, int, str]]:
    """The re3d-typed spans one mention stands for: its own, and a demonym modifier's."""
    out = []
    main = predicted_type(m)
    if main:
        out.append((m.start, m.end, main))
    for kind, start, end in m.parts[:-1]:
        if kind == "demonym":
            out.append((start, end, "Nationality"))
    return out


def predicted_type(m) -> str | None:
    if m.kind == "reference":
        if m.text.lower() in ("he", "him", "his", "she", "her") and len(m.refs) == 1:
            return "Person"
        return None
    if m.attribute or m.kind == "demonym":
        return "Nationality"
    if m.place:
        return "Location"
    ref = m.refs[0] if m.refs else None
    if ref is None:
        return None
    if ref.person or m.kind in ("ner_person", "person", "learned"):
        return "Person"
    if ref.kind in ("org", "outlet") or m.kind == "ner_org":
        return "Organisation"
    if ref.kind == "state":
        return "Organisation"  # not a place phrase: the state acts or is acted upon
    if ref.kind == "place":
        return "Location"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    args = ap.parse_args()
    measure(Path(args.shared))
    return 0


def measure(shared: Path) -> dict:
    """Print the figures and return {type: (recall, precision)} with 'all' for the four together."""
    docs, gold = load(shared / "evaldata" / "re3d")
    pipeline = Pipeline(PipelineOptions(selective=False))  # recognition quality: every sentence parsed
    fast = Pipeline(PipelineOptions(selective=True))
    documents = [Document(id=i, source=i, doc=i, source_hash=i, body=d["text"], language="en") for i, d in docs.items()]
    copies = [Document(id=i, source=i, doc=i, source_hash=i, body=d["text"], language="en") for i, d in docs.items()]
    start = time.perf_counter()
    list(pipeline.annotate(documents))
    ours = time.perf_counter() - start
    start = time.perf_counter()
    list(fast.annotate(copies))
    selective = time.perf_counter() - start
    start = time.perf_counter()
    list(pipeline.nlp.pipe(d["text"] for d in docs.values()))
    plain = time.perf_counter() - start
    predicted = [(doc.id, start, end, kind) for doc in documents for m in doc.mentions if m.segment == "body"
                 for start, end, kind in predicted_types(m)]
    gold_by_doc: dict[str, list] = {}
    for e in gold:
        gold_by_doc.setdefault(e["documentId"], []).append(e)
    pred_by_doc: dict[str, list] = {}
    for p in predicted:
        pred_by_doc.setdefault(p[0], []).append(p)
    tp_gold, tp_pred = Counter(), Counter()
    n_gold = Counter(e["type"] for e in gold)
    n_pred = Counter(p[3] for p in predicted)
    for doc_id, ents in gold_by_doc.items():
        preds = pred_by_doc.get(doc_id, [])
        for e in ents:
            if any(p[3] == e["type"] and p[1] < e["end"] and e["begin"] < p[2] for p in preds):
                tp_gold[e["type"]] += 1
        for p in preds:
            if any(p[3] == e["type"] and p[1] < e["end"] and e["begin"] < p[2] for e in ents):
                tp_pred[p[3]] += 1
    words = sum(d.get("wordCount") or len(d["text"].split()) for d in docs.values())
    print(f"re3d: {len(docs)} documents, {words} words, {len(gold)} gold mentions of the four types")
    print(f"{'type':<13} {'recall':>7} {'precision':>9} {'gold':>6} {'predicted':>9}")
    for t in TYPES:
        r = tp_gold[t] / n_gold[t] if n_gold[t] else 0.0
        p = tp_pred[t] / n_pred[t] if n_pred[t] else 0.0
        print(f"{t:<13} {r:7.3f} {p:9.3f} {n_gold[t]:6d} {n_pred[t]:9d}")
    all_r = sum(tp_gold.values()) / max(1, sum(n_gold.values()))
    all_p = sum(tp_pred.values()) / max(1, sum(n_pred.values()))
    print(f"{'all four':<13} {all_r:7.3f} {all_p:9.3f}")
    figures = {t: (tp_gold[t] / n_gold[t] if n_gold[t] else 0.0, tp_pred[t] / n_pred[t] if n_pred[t] else 0.0)
               for t in TYPES}
    figures["all"] = (all_r, all_p)
    print(f"throughput, all stages (actors, events, quotes, tone), every sentence parsed: {len(docs) / ours:.1f} docs/s, "
          f"{words / ours:.0f} words/s; parsing only event sentences: {words / selective:.0f} words/s")
    print(f"plain spaCy pass over the same texts: {words / plain:.0f} words/s; "
          f"time ratio dyads/spaCy: full {ours / plain:.2f}x, selective {selective / plain:.2f}x")
    return figures


if __name__ == "__main__":
    sys.exit(main())
