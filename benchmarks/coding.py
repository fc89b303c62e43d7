"""Event coding on every labelled set we have, each split into a dev part and a held-back test part.

    python benchmarks/coding.py [--shared ../shared] [--part dev|test|both] [--show N] [--only SETS]

Every set is split by a stable hash of its sentence text (`part_of`): 70 % dev (read it, tune on it),
30 % test (reported only as aggregates: never printed sentence by sentence, never used to choose a rule,
word or threshold). `--show` prints misses of the dev part only.

Sets:
- conflibert-class: ConfliBERT cameo_class.train.tsv, sentence -> Phoenix pentaclass (0 = roots 01-02,
  1 = 03-05, 2 = 06-08, 3 = 09-13, 4 = 14-20; its annotators also put 16 in 3: both readings printed).
  Every sentence holds an event. coverage = share with >= 1 event; accuracy = pentaclass of the main
  event (the most confident) on the covered ones.
- conflibert-ner: ConfliBERT cameo_ner.train.txt, tokens tagged source (S), target (T) and reciprocal
  (R) spans. Agreement = share of emitted events whose source and target both overlap an annotated
  span of their side (R spans count for either side), the disagreeing ones counted by how each side
  differs (ok, left empty, another span, named where none is marked); pair recall = share of annotated
  source-target pairs (S x T, and R x R in both directions) that some event recovers.
- plover: PLOVER's 322 gold standard records (type, source, target), compared through our CAMEO ->
  PLOVER crosswalk; type precision (main event) and recall (some event has the type).
- petrarch: PETRARCH unit records coded with the validation dictionaries; reproduced triples.
- no-event: benchmarks/data/no_event.jsonl, sentences we wrote that report no event; false alarms =
  share with >= 1 event.
Each set also prints an accuracy-coverage curve over the confidence threshold, and its figures at the
default --min-confidence (what `dyads code`, `dyads events` and the API return unless told otherwise).
Last, each threshold of SWEEP against the acceptance bars (BARS) on the dev parts: the default is the
highest threshold at which every dev figure meets its bar.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from dyads import api  # noqa: E402
from dyads.reading import DEFAULT_MIN_CONFIDENCE  # noqa: E402
from dyads.pipeline import Pipeline, PipelineOptions  # noqa: E402

DEV_SHARE = 70
THRESHOLDS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
NO_EVENT = ROOT / "benchmarks" / "data" / "no_event.jsonl"


def part_of(text: str) -> str:
    """'dev' or 'test', by a stable hash of the whitespace-normalised sentence."""
    key = " ".join(text.split()).encode("utf-8")
    return "dev" if int(hashlib.sha1(key).hexdigest()[:8], 16) % 100 < DEV_SHARE else "test"


def penta(root: str, sixteen_verbal: bool = False) -> int:
    r = int(str(root)[:2])
    if sixteen_verbal and r == 16:
        return 3
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def main_event(events):
    return max(events, key=lambda e: e.confidence) if events else None


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  n/a"


def curve(rows: list[tuple[float | None, bool]]) -> str:
    """rows: (confidence of the main event or None, is it right); accuracy and coverage per threshold."""
    out = []
    n = len(rows)
    for t in THRESHOLDS:
        kept = [ok for conf, ok in rows if conf is not None and conf >= t]
        out.append(f"{t:.1f}: cov {ratio(len(kept), n)} acc {ratio(sum(kept), len(kept))}")
    return " | ".join(out)


# ---------------------------------------------------------------- loaders


def conflibert_class(shared: Path) -> list[tuple[str, int]]:
    rows = []
    path = shared / "evaldata" / "conflibert" / "cameo_class.train.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        text, sep, label = line.rpartition("\t")
        if sep and label.strip().isdigit():
            rows.append((text, int(label)))
    return rows


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "’s", "'", "’", "n't", "%", "”"}
NO_SPACE_AFTER = {"(", "[", "$", "“"}


def _joined(tokens, i: int) -> bool:
    """Token i continues the word before it in the text the tokens were cut from: the "s" of a possessive
    split at its apostrophe ("Trump ’ s"), the digits after a decimal point or a thousands comma ("6. 3",
    "2, 374")."""
    word, before = tokens[i][0], tokens[i - 1][0]
    if word.lower() == "s" and before in ("'", "’"):
        return True
    if i >= 2 and word.isdigit() and tokens[i - 2][0].isdigit():
        return (before == "." ) or (before == "," and len(word) == 3 and len(tokens[i - 2][0]) <= 3)
    return False


def conll_sentences(path: Path):
    """(text, spans, key) per CoNLL sentence: the tokens joined as news text, spans = {tag: [(start, end)]},
    and the key the dev/test split hashes: the tokens joined by the rule this set was first split with
    (a space between any two but before punctuation), so that mending the text moves no sentence between
    the parts."""
    tokens: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            word, _, tag = line.rpartition(" ")
            tokens.append((word, tag))
            continue
        if not tokens:
            continue
        text, spans, current, key = "", {"S": [], "T": [], "R": []}, None, ""
        for i, (word, tag) in enumerate(tokens):
            if key and word not in NO_SPACE_BEFORE and tokens[i - 1][0] not in NO_SPACE_AFTER:
                key += " "
            key += word
            if text and word not in NO_SPACE_BEFORE and tokens[i - 1][0] not in NO_SPACE_AFTER and \
                    not _joined(tokens, i):
                text += " "
            start = len(text)
            text += word
            kind = tag[2:] if tag[:2] in ("B-", "I-") else None
            if tag.startswith("B-") or (kind and (current is None or current[0] != kind)):
                current = [kind, start, len(text)]
                spans.setdefault(kind, []).append(current)
            elif kind and current is not None:
                current[2] = len(text)
            else:
                current = None
        yield text, {k: [(s, e) for _, s, e in v] for k, v in spans.items()}, key
        tokens = []


def plover_records(shared: Path) -> list[dict]:
    path = shared / "evaldata" / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def no_event_sentences() -> list[str]:
    if not NO_EVENT.exists():
        return []
    return [json.loads(line)["text"] for line in NO_EVENT.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------- sets


_DOCS: dict = {}
FLOOR = [0.0]  # the confidence below which `annotate` drops events (see `at_default`)


def annotate(texts, pipeline, published=None) -> list:
    """The pipeline's documents for `texts`, computed once per set and part; events below FLOOR dropped."""
    key = (id(pipeline), tuple(texts))
    if key not in _DOCS:
        _DOCS[key] = api.annotate_texts(list(texts), published=published, pipeline=pipeline)
    return [replace(d, events=[e for e in d.events if e.confidence >= FLOOR[0]]) for d in _DOCS[key]]


def at_default(scorer, items, pipeline, part: str) -> None:
    """The set's figures as a user sees them: the events at or above the default --min-confidence."""
    FLOOR[0] = DEFAULT_MIN_CONFIDENCE
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            r = scorer(items, pipeline, 0, part)
    finally:
        FLOOR[0] = 0.0
    shown = {"coverage": "coverage", "accuracy": "accuracy", "agreement": "agree", "pair_recall": "pairs",
             "precision": "type precision", "recall": "type recall", "strict": "strict",
             "false_alarms": "false alarms"}
    figures = "  ".join(f"{label} {r[k]:.3f}" for k, label in shown.items() if k in r)
    print(f"       {part} at the default --min-confidence {DEFAULT_MIN_CONFIDENCE}: {figures}")


def split(items, text_of):
    parts = {"dev": [], "test": []}
    for item in items:
        parts[part_of(text_of(item))].append(item)
    return parts


def score_class(rows, pipeline, show: int = 0, label: str = "dev") -> dict:
    docs = annotate([t for t, _ in rows], pipeline)
    n = len(rows)
    covered = ok = ok16 = 0
    by_class = Counter()
    cov_by_class = Counter()
    ok_by_class = Counter()
    points = []
    misses = []
    for (text, gold), doc in zip(rows, docs):
        best = main_event(doc.events)
        by_class[gold] += 1
        if best is None:
            points.append((None, False))
            misses.append((gold, None, text))
            continue
        covered += 1
        cov_by_class[gold] += 1
        right = penta(best.root) == gold
        ok += right
        ok_by_class[gold] += right
        ok16 += penta(best.root, True) == gold
        points.append((best.confidence, right))
        if not right:
            misses.append((gold, best, text))
    classes = " ".join(f"{c}: n {by_class[c]} cov {ratio(cov_by_class[c], by_class[c])} "
                       f"acc {ratio(ok_by_class[c], cov_by_class[c])};" for c in sorted(by_class))
    print(f"  {label:<4} n {n:4d}  coverage {ratio(covered, n)}  pentaclass accuracy {ratio(ok, covered)} "
          f"(16 as verbal conflict {ratio(ok16, covered)})")
    print(f"       by class: {classes}")
    print(f"       curve: {curve(points)}")
    if label == "dev":
        for gold, best, text in misses[:show]:
            ours = f"{best.code} {best.source.code}->{best.target.code} ({best.pattern})" if best else "none"
            print(f"       miss: gold {gold}, ours {ours}: {text[:140]}")
    return {"n": n, "coverage": covered / n if n else 0.0, "accuracy": ok / covered if covered else 0.0,
            "accuracy16": ok16 / covered if covered else 0.0}


def _overlaps(span, spans) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _side_agrees(span, spans) -> bool:
    """One side of an event against the annotation: overlapping an annotated span, or explicitly empty
    where the annotators marked none ("Kyrgyzstan agreed to hold early elections")."""
    return _side_kind(span, spans) == "ok"


def _judged_side(span, spans) -> bool:
    """The lenient reading: a side the annotators left blank is not judged (they mark one event per
    sentence, and not always its target: "Theresa May has met German Chancellor Angela Merkel" has S only)."""
    return not spans or (span is not None and span[0] < span[1] and _overlaps(span, spans))


def _side_kind(span, spans) -> str:
    """How one side of a disagreeing event differs from the annotation: 'ok' (it overlaps, or is empty
    where none is marked), 'empty' (we left it empty, an annotated span exists), 'other' (it overlaps no
    annotated span) or 'unmarked' (we name one where the annotators marked none)."""
    if span is None or span[0] == span[1]:
        return "ok" if not spans else "empty"
    if not spans:
        return "unmarked"
    return "ok" if _overlaps(span, spans) else "other"


def score_ner(rows, pipeline, show: int = 0, label: str = "dev") -> dict:
    """Agreement counts every emitted event; the mirror of a reciprocal predicate ("X met Y" gives X->Y and
    Y->X) agrees when its twin does, since the annotators mark one direction."""
    docs = annotate([r[0] for r in rows], pipeline)
    emitted = agree = judged = main_agree = pairs = recovered = covered = 0
    points = []
    kinds = Counter()  # disagreeing events by (source, target) kind: aggregates, printed for both parts
    misses = []
    for (text, spans, _), doc in zip(rows, docs):
        src_spans = spans.get("S", []) + spans.get("R", [])
        tgt_spans = spans.get("T", []) + spans.get("R", [])
        strict = [_side_agrees(ev.source_span, src_spans) and _side_agrees(ev.target_span, tgt_spans)
                  for ev in doc.events]
        good = []
        for ev, ok in zip(doc.events, strict):
            twin = any(o is not ev and o.group == ev.group and ev.group and o.code == ev.code and s_ok and
                       o.source_span == ev.target_span and o.target_span == ev.source_span
                       for o, s_ok in zip(doc.events, strict))
            ok = ok or twin
            if not ok:
                kinds[(_side_kind(ev.source_span, src_spans), _side_kind(ev.target_span, tgt_spans))] += 1
            emitted += 1
            agree += ok
            judged += ok or (_judged_side(ev.source_span, spans.get("S", []) + spans.get("R", [])) and
                             _judged_side(ev.target_span, spans.get("T", []) + spans.get("R", [])))
            good.append(ok)
        if doc.events:
            covered += 1
            best = main_event(doc.events)
            main_agree += good[doc.events.index(best)]
            points.append((best.confidence, good[doc.events.index(best)]))
        else:
            points.append((None, False))
        wanted = [(s, t) for s in spans.get("S", []) for t in spans.get("T", [])]
        reciprocal = spans.get("R", [])
        wanted += [(a, b) for a in reciprocal for b in reciprocal if a != b or len(reciprocal) == 1]
        for s, t in wanted:
            pairs += 1
            hit = any(_overlaps(ev.source_span, [s]) and _overlaps(ev.target_span, [t]) for ev in doc.events)
            recovered += hit
        if label == "dev" and wanted and not any(good):
            misses.append((text, spans, doc.events))
    n = len(rows)
    print(f"  {label:<4} n {n:4d}  coverage {ratio(covered, n)}  events {emitted}  source+target agree "
          f"{ratio(agree, emitted)}  annotated pairs recovered {ratio(recovered, pairs)} ({recovered}/{pairs})")
    print(f"       main event agrees {ratio(main_agree, covered)}; judging only the sides annotated "
          f"{ratio(judged, emitted)}")
    print(f"       curve (main event agrees): {curve(points)}")
    if kinds:
        print("       disagreeing events by source/target: " +
              ", ".join(f"{s}/{t} {k}" for (s, t), k in kinds.most_common()))
    for text, spans, events in misses[:show]:
        marks = {k: [text[s:e] for s, e in v] for k, v in spans.items() if v}
        ours = [(text[e.source_span[0]:e.source_span[1]], e.code, text[e.target_span[0]:e.target_span[1]])
                for e in events]
        print(f"       miss: {marks} ours {ours}: {text[:120]}")
    return {"n": n, "coverage": covered / n if n else 0.0, "agreement": agree / emitted if emitted else 0.0,
            "main_agreement": main_agree / covered if covered else 0.0,
            "judged_agreement": judged / emitted if emitted else 0.0,
            "pair_recall": recovered / pairs if pairs else 0.0}


def score_plover(records, pipeline, show: int = 0, label: str = "dev") -> dict:
    import events as old

    stamps = [dt.date.fromisoformat(r["date"]) if r.get("date") else None for r in records]
    docs = annotate([r["text"] for r in records], pipeline, stamps)
    n = len(records)
    coded = top_ok = any_ok = dyad_ok = 0
    points = []
    misses = []
    for rec, doc in zip(records, docs):
        gold = rec["event"]
        best = main_event(doc.events)
        if best is None:
            points.append((None, False))
            misses.append((gold, None, rec["text"]))
            continue
        coded += 1
        right = old.plover_match(gold, best)
        top_ok += right
        points.append((best.confidence, right))
        matching = [e for e in doc.events if old.plover_match(gold, e)]
        if matching:
            any_ok += 1
            sources = {a["code"] for a in rec.get("source") or [] if a.get("code")}
            targets = {a["code"] for a in rec.get("target") or [] if a.get("code")} or sources
            dyad_ok += any(old.actor_in(e.source, sources) and old.actor_in(e.target, targets) for e in matching)
        elif not right:
            misses.append((gold, best, rec["text"]))
    print(f"  {label:<4} n {n:4d}  coverage {ratio(coded, n)}  type precision {ratio(top_ok, coded)}  "
          f"type recall {ratio(any_ok, n)}  dyad accuracy {ratio(dyad_ok, any_ok)}")
    print(f"       curve: {curve(points)}")
    if label == "dev":
        for gold, best, text in misses[:show]:
            ours = f"{best.code} {best.plover} {best.source.code}->{best.target.code}" if best else "none"
            print(f"       miss: gold {gold}, ours {ours}: {text[:130]}")
    return {"n": n, "coverage": coded / n if n else 0.0, "precision": top_ok / coded if coded else 0.0,
            "recall": any_ok / n if n else 0.0}


def score_petrarch(records, pipeline, show: int = 0, label: str = "dev") -> dict:
    import events as old

    docs = annotate([r[2] for r in records], pipeline, [r[1] for r in records])
    strict = loose = spurious = 0
    for (ident, _, text, expected, kind), doc in zip(records, docs):
        ours = {(e.source.code, e.target.code, e.code) for e in doc.events}
        if kind != "events":
            strict += not ours
            loose += not ours
            spurious += len(ours)
        else:
            strict += all(t in ours for t in expected)
            loose += all(old.lenient(t) in {old.lenient(o) for o in ours} for t in expected)
            spurious += len(ours - set(expected))
    n = len(records)
    print(f"  {label:<4} n {n:4d}  reproduced strict {ratio(strict, n)}  lenient {ratio(loose, n)}  "
          f"spurious triples {spurious}")
    return {"n": n, "strict": strict / n if n else 0.0, "lenient": loose / n if n else 0.0}


def score_no_event(texts, pipeline, show: int = 0, label: str = "dev") -> dict:
    docs = annotate(texts, pipeline)
    alarms = [(t, d.events) for t, d in zip(texts, docs) if d.events]
    n = len(texts)
    by_conf = " | ".join(f"{t:.1f}: {ratio(sum(1 for _, evs in alarms if main_event(evs).confidence >= t), n)}"
                         for t in THRESHOLDS)
    print(f"  {label:<4} n {n:4d}  false alarms {ratio(len(alarms), n)} ({len(alarms)})")
    print(f"       false alarms by threshold: {by_conf}")
    if label == "dev":
        for text, evs in alarms[:show]:
            ev = main_event(evs)
            print(f"       alarm: {ev.code} {ev.source.code}->{ev.target.code} ({ev.pattern}, {ev.confidence}): "
                  f"{text[:120]}")
    return {"n": n, "false_alarms": len(alarms) / n if n else 0.0}


# ---------------------------------------------------------------- driver


def sets(shared: Path) -> dict:
    """name -> (items, text of an item, scorer, pipeline kind)."""
    import events as old

    evaldata = shared / "evaldata"
    out = {}
    if (evaldata / "conflibert").is_dir():
        out["conflibert-class"] = (conflibert_class(shared), lambda r: r[0], score_class, "plain")
        out["conflibert-ner"] = (list(conll_sentences(evaldata / "conflibert" / "cameo_ner.train.txt")),
                                 lambda r: r[2], score_ner, "plain")
    if (evaldata / "plover").is_dir():
        out["plover"] = (plover_records(shared), lambda r: r["text"], score_plover, "plain")
    petr = evaldata / "petrarch" / "text" / "PETR.UnitTest.records.xml"
    if petr.exists():
        out["petrarch"] = (list(old.petrarch_records(petr)), lambda r: r[2], score_petrarch, "petrarch")
    texts = no_event_sentences()
    if texts:
        out["no-event"] = (texts, lambda t: t, score_no_event, "plain")
    return out


def pipelines(shared: Path) -> dict:
    plain = Pipeline()
    names = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt")
    folder = shared / "evaldata" / "petrarch" / "dictionaries"
    petrarch = Pipeline(PipelineOptions(dictionaries=tuple(str(folder / n) for n in names)))
    return {"plain": plain, "petrarch": petrarch}


def measure(shared: Path, parts=("dev", "test"), only=None, show: int = 0, built: dict | None = None) -> dict:
    """{set: {part: figures}}, printing each set's figures as it goes."""
    built = built or pipelines(shared)
    results = {}
    for name, (items, text_of, scorer, kind) in sets(shared).items():
        if only and name not in only:
            continue
        started = time.perf_counter()
        print(f"{name}:")
        split_items = split(items, text_of)
        results[name] = {}
        for part in parts:
            results[name][part] = scorer(split_items[part], built[kind], show, part)
            at_default(scorer, split_items[part], built[kind], part)
        print(f"       ({time.perf_counter() - started:.1f} s)")
    return results


# The acceptance bars (set, figure, at least or at most, value). The default --min-confidence is
# read off the dev parts: the highest threshold of SWEEP at which every dev figure still meets its bar.
BARS = (("conflibert-class", "coverage", ">=", 0.60), ("conflibert-class", "accuracy", ">=", 0.78),
        ("conflibert-ner", "agreement", ">=", 0.70), ("conflibert-ner", "pair_recall", ">=", 0.45),
        ("plover", "recall", ">=", 0.50), ("plover", "precision", ">=", 0.80),
        ("no-event", "false_alarms", "<=", 0.10))
SWEEP = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)


def sweep(shared: Path, built: dict, part: str = "dev") -> float | None:
    """Each threshold of SWEEP with the bars its `part` figures miss; returns the highest that misses none."""
    all_sets = sets(shared)
    if any(name not in all_sets for name, *_ in BARS):
        return None
    scored = {}  # set -> (its part, its scorer, its pipeline)
    for name in dict.fromkeys(name for name, *_ in BARS):
        items, text_of, scorer, kind = all_sets[name]
        scored[name] = (split(items, text_of)[part], scorer, built[kind])
    chosen = None
    print(f"thresholds against the bars ({part}):")
    for t in SWEEP:
        FLOOR[0] = t
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                figures = {name: scorer(items, pipeline, 0, part) for name, (items, scorer, pipeline) in scored.items()}
        finally:
            FLOOR[0] = 0.0
        missed = [f"{name} {key} {figures[name][key]:.3f}" for name, key, op, bar in BARS
                  if not (figures[name][key] >= bar if op == ">=" else figures[name][key] <= bar)]
        if not missed:
            chosen = t
        print(f"  {t:.2f}: " + ("every bar met" if not missed else "misses " + ", ".join(missed)))
    print(f"  highest threshold meeting every bar on {part}: {chosen}; the default --min-confidence is "
          f"{DEFAULT_MIN_CONFIDENCE}")
    return chosen


def baselines(shared: Path, parts, built: dict) -> None:
    """The combination against its parts, on ConfliBERT cameo_class: the rules alone (no classifier) and
    the classifier alone (its most probable pentaclass, ranked by probability), at full coverage and at
    the coverage of the combination; and the combination cut to the rules' coverage by its confidence."""
    rows = split(conflibert_class(shared), lambda r: r[0])
    rules = Pipeline(PipelineOptions(classifier=False))
    clf = built["plain"].classifier
    print("baselines (conflibert-class):")
    for part in parts:
        items = rows[part]
        docs = api.annotate_texts([t for t, _ in items], pipeline=rules)
        covered = [(penta(main_event(d.events).root) == g) for (_, g), d in zip(items, docs) if d.events]
        combined = api.annotate_texts([t for t, _ in items], pipeline=built["plain"])
        share = sum(1 for d in combined if d.events) / len(items)
        # the combination's most confident events, as many sentences as the rules alone cover
        mains = sorted(((main_event(d.events).confidence, penta(main_event(d.events).root) == g)
                        for (_, g), d in zip(items, combined) if d.events), key=lambda x: -x[0])
        matched = mains[: len(covered)]
        ranked = []
        for text, gold in items:
            classes = clf.predict(text).classes()
            best = max(range(5), key=classes.__getitem__)
            ranked.append((classes[best], best == gold))
        ranked.sort(key=lambda x: -x[0])
        at = ranked[: max(1, round(share * len(ranked)))]
        print(f"  {part:<4} rules alone: coverage {ratio(len(covered), len(items))} accuracy "
              f"{ratio(sum(covered), len(covered))} | classifier alone: accuracy {ratio(sum(o for _, o in ranked), len(ranked))} "
              f"at full coverage, {ratio(sum(o for _, o in at), len(at))} at the combination's coverage {share:.3f}")
        print(f"       combination at the rules' coverage {ratio(len(matched), len(items))}: accuracy "
              f"{ratio(sum(o for _, o in matched), len(matched))}; "
              f"right main events {sum(o for _, o in mains)} against the rules' {sum(covered)}, "
              f"wrong {sum(not o for _, o in mains)} against {len(covered) - sum(covered)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--part", choices=("dev", "test", "both"), default="both")
    ap.add_argument("--show", type=int, default=0, help="print this many dev misses per set")
    ap.add_argument("--only", default="", help="comma-separated set names")
    args = ap.parse_args(argv)
    parts = ("dev", "test") if args.part == "both" else (args.part,)
    only = set(filter(None, args.only.split(","))) or None
    started = time.perf_counter()
    built = pipelines(Path(args.shared))
    measure(Path(args.shared), parts, only, args.show, built)
    if not only and built["plain"].classifier is not None and (Path(args.shared) / "evaldata" / "conflibert").is_dir():
        baselines(Path(args.shared), parts, built)
    if not only and "dev" in parts:
        sweep(Path(args.shared), built, "dev")
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
