"""Stance shift: how the events of one filter (an actor, a dyad, a group, or every event) differ between two
windows of days or two documents.

The events: those that match the filter and fall in a window (events without a day are left out of day
windows; a document window takes every event of that document). A cluster (one real-world event reported by
several articles) counts once per window, by its first report there, unless `mentions`; `articles` counts the
documents of every matching report. Windows must not share days.

The figures, for each window: events, articles, Goldstein mean, mean article tone; shares of events per CAMEO
root and per QuadClass; targets (actor codes) and event codes that appear or vanish. The change of the Goldstein
mean (after minus before) has a percentile bootstrap 95 % interval: each window's Goldstein values resampled
with replacement, `samples` times (a numpy Generator seeded by `seed` draws the before window's index rows,
then the after window's), the 2.5th and 97.5th percentiles of the differences of the means; none when a window
has fewer than 2 events. The verdict is "more conflictual" when the whole interval is below 0, "more
cooperative" when it is above, else "no clear change".

The sentences that carry the change (at most SENTENCES per side, d the sign of the change): the after window's
events with d * (goldstein - before mean) > 0, the pull each exerts toward the new mean, largest first; then
the before window's events with d * (goldstein - after mean) < 0, the stances the after window left, farthest
from the after mean first. Ties: an event whose code or target appeared (vanished) first, then date, then id.
None when the change is 0 or a window is empty.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dyads.analysis.frames import plain, records
from dyads.errors import UsageError
from dyads.ontology.cameo import load_cameo
from dyads.storage.duckdb_store import MIN_PREFIX, matching_documents
from dyads.storage.filters import DEFAULT_MIN_CONFIDENCE, EventFilters, check_filters, conditions, parse_day

ROOTS = [f"{i:02d}" for i in range(1, 21)]
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
SENTENCES = 10  # carrying sentences per side
SIDES = ("before", "after")
SENTENCE_COLUMNS = ["event_id", "document_id", "window", "date", "code", "name", "source", "target", "goldstein",
                    "sentence"]


@dataclass(frozen=True)
class Window:
    """One side of the comparison: its label and figures (means NaN when it has no event)."""

    label: str
    events: int = 0
    articles: int = 0
    goldstein_mean: float = math.nan
    tone_mean: float = math.nan

    def to_dict(self) -> dict:
        return {"label": self.label, "events": self.events, "articles": self.articles,
                "goldstein_mean": plain(self.goldstein_mean), "tone_mean": plain(self.tone_mean)}


@dataclass
class Shift:
    """The stance shift between two windows; see the module for each figure's rule."""

    verdict: str
    direction: str  # "more conflictual", "more cooperative", "no clear change"
    toward: str  # "toward USA", "involving RUS", or "" (every event)
    before: Window
    after: Window
    goldstein_change: float  # after minus before, NaN when a window is empty
    goldstein_ci: tuple[float, float] | None  # percentile bootstrap 95 %, None under 2 events a side
    tone_change: float
    roots: pd.DataFrame  # root, name, before, after, change (shares of each window's events)
    quads: pd.DataFrame  # quad_class, name, before, after, change
    sentences: pd.DataFrame  # SENTENCE_COLUMNS
    appeared: list[dict] = field(default_factory=list)  # {kind: target|code, value, events (after)}
    vanished: list[dict] = field(default_factory=list)  # {kind, value, events (before)}
    mentions: bool = False
    samples: int = 2000
    seed: int = 0

    @property
    def empty(self) -> bool:
        """True when neither window holds an event."""
        return not self.before.events and not self.after.events

    def to_dict(self) -> dict:
        """Plain JSON-able values: DataFrames as lists of records, NaN as None."""
        ci = [plain(x) for x in self.goldstein_ci] if self.goldstein_ci else None
        return {"verdict": self.verdict, "direction": self.direction, "toward": self.toward,
                "windows": {"before": self.before.to_dict(), "after": self.after.to_dict()},
                "change": {"goldstein_mean": plain(self.goldstein_change), "goldstein_ci": ci,
                           "tone_mean": plain(self.tone_change)},
                "roots": records(self.roots), "quads": records(self.quads), "appeared": list(self.appeared),
                "vanished": list(self.vanished), "sentences": records(self.sentences),
                "mentions": self.mentions, "samples": self.samples, "seed": self.seed}


@dataclass(frozen=True)
class Request:
    """The checked arguments of one shift: the filter, the two windows (days) or the two documents as given."""

    filters: EventFilters
    windows: tuple[tuple, tuple] | None  # ((start, end, label), (start, end, label)), days or None
    docs: tuple[str, str] | None
    mentions: bool
    samples: int
    seed: int


def check_request(actor=None, dyad=None, group=None, before=None, after=None, docs=None,
                  min_confidence=DEFAULT_MIN_CONFIDENCE, mentions=False, samples=2000, seed=0) -> Request:
    """Every argument checked without the store; UsageError naming the option otherwise."""
    given = [name for name, value in (("actor", actor), ("dyad", dyad), ("group", group)) if value]
    if len(given) > 1:
        raise UsageError(given[1], f"give at most one of actor, dyad or group, not {' and '.join(given)}")
    filters = check_filters(actor=actor, dyad=dyad, group=group, min_confidence=min_confidence)
    if docs is not None and (before is not None or after is not None):
        raise UsageError("docs", "give either two windows (before and after) or two documents (docs), not both")
    windows = None
    if docs is not None:
        docs = _check_docs(docs)
    else:
        given = [parse_window(value, option) for option, value in (("before", before), ("after", after))
                 if value is not None]
        if len(given) < 2:
            raise UsageError("after" if before is not None else "before",
                             "give two windows, before and after (each START:END, e.g. 2023:2023), or two "
                             "documents with docs")
        windows = (given[0], given[1])
        if _overlap(windows[0], windows[1]):
            raise UsageError("after", f"the window {windows[1][2]!r} shares days with the before window "
                                      f"{windows[0][2]!r}: give windows that do not overlap")
    if isinstance(samples, bool) or not isinstance(samples, int) or not 100 <= samples <= 1_000_000:
        raise UsageError("samples", f"{samples!r} is not a whole number from 100 to 1000000")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UsageError("seed", f"{seed!r} is not a whole number of at least 0")
    return Request(filters, windows, docs, bool(mentions), samples, seed)


def parse_window(value, option: str) -> tuple[dt.date | None, dt.date | None, str]:
    """"START:END" (days YYYY[-MM[-DD]], either end may be empty) or a (start, end) pair -> first day, last day,
    label."""
    if isinstance(value, str) and value.count(":") == 1:
        ends = value.split(":")
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        ends = list(value)
    else:
        raise UsageError(option, f"{value!r} is not a window: give START:END days (YYYY[-MM[-DD]]), either end "
                                 "may be empty, e.g. 2023:2023 or :2023-06")
    texts = ["" if e is None else e.isoformat() if isinstance(e, dt.date) else str(e).strip() for e in ends]
    start = parse_day(texts[0], option) if texts[0] else None
    end = parse_day(texts[1], option, end=True) if texts[1] else None
    if start is None and end is None:
        raise UsageError(option, f"{value!r}: give at least one end of the window")
    if start and end and start > end:
        raise UsageError(option, f"{value!r}: the window starts after it ends")
    if texts[0] == texts[1]:
        label = texts[0]
    elif not texts[0]:
        label = f"until {texts[1]}"
    elif not texts[1]:
        label = f"since {texts[0]}"
    else:
        label = f"{texts[0]} to {texts[1]}"
    return start, end, label


def _overlap(a: tuple, b: tuple) -> bool:
    low, high = dt.date.min, dt.date.max
    return (a[0] or low) <= (b[1] or high) and (b[0] or low) <= (a[1] or high)


def _check_docs(docs) -> tuple[str, str]:
    if isinstance(docs, str) or not isinstance(docs, (tuple, list)) or len(docs) != 2 \
            or not all(isinstance(d, str) and d.strip() for d in docs):
        raise UsageError("docs", f"{docs!r}: give two documents, each an id, a unique id prefix or an input name")
    return docs[0].strip(), docs[1].strip()


def resolve_document(con, ident: str) -> tuple[str, str]:
    """A document's id and label from its id, input name (as `dyads show`), stored source, or id prefix (at
    least MIN_PREFIX characters); UsageError naming `docs` when none or several match."""
    rows, _ = matching_documents(con, ident, "id, doc, published_day")
    if not rows:
        short = f" (an id prefix needs at least {MIN_PREFIX} characters)" if len(ident) < MIN_PREFIX else ""
        raise UsageError("docs", f"no stored article has the id, name or id prefix {ident!r}{short}")
    if len(rows) > 1:
        shown = ", ".join(f"{r[0][:12]} ({r[1]})" for r in rows[:5])
        raise UsageError("docs", f"{ident!r} matches several articles: {shown}; give more of the id")
    ident, name, day = rows[0]
    return ident, f"{name} ({day.isoformat()})" if day else name


def shift(con, **arguments) -> Shift:
    """The stance shift of `arguments` (those of check_request) over the store `con`; see the module."""
    request = check_request(**arguments)
    cond, args = conditions(con, request.filters)
    if request.docs:
        (first, label_b), (second, label_a) = (resolve_document(con, d) for d in request.docs)
        if first == second:
            raise UsageError("docs", f"{request.docs[0]!r} and {request.docs[1]!r} are the same article")
        sides = [("document_id = ?", [first]), ("document_id = ?", [second])]
    else:
        sides = [_day_condition(w) for w in request.windows]
        label_b, label_a = (w[2] for w in request.windows)
    rows = _reports(con, cond, args, sides)
    events = rows if request.mentions else rows[rows["first_report"]]
    by_side = {s: events[events["side"] == s] for s in SIDES}
    windows = {s: _window(label, by_side[s], rows[rows["side"] == s]) for s, label in zip(SIDES, (label_b, label_a))}
    return assemble(by_side, windows, _toward(request.filters), request)


def _day_condition(window: tuple) -> tuple[str, list]:
    start, end, _ = window
    parts = [("date_day >= ?", start), ("date_day <= ?", end)]
    kept = [(sql, v) for sql, v in parts if v is not None]
    return " AND ".join(sql for sql, _ in kept), [v for _, v in kept]


def _reports(con, cond: str, args: list, sides: list[tuple[str, list]]) -> pd.DataFrame:
    """Every matching report in a window, with its side and whether it is its cluster's first there."""
    (before, b_args), (after, a_args) = sides
    sql = (f"WITH m AS (SELECT *, CASE WHEN {before} THEN 'before' WHEN {after} THEN 'after' END AS side "
           f"FROM events WHERE {cond}) "
           "SELECT id, document_id, side, date_day, code, root, name, quad_class, goldstein, tone, sentence, "
           "coalesce(nullif(source_code, ''), source_key) AS source, "
           "coalesce(nullif(target_code, ''), target_key) AS target, "
           "row_number() OVER (PARTITION BY side, cluster_seq ORDER BY date_day NULLS LAST, id_key) = 1 AS first_report "
           "FROM m WHERE side IS NOT NULL ORDER BY side, date_day NULLS LAST, id")
    return con.execute(sql, b_args + a_args + args).df()


def _window(label: str, events: pd.DataFrame, reports: pd.DataFrame) -> Window:
    if events.empty:
        return Window(label, 0, int(reports["document_id"].nunique()))
    return Window(label, len(events), int(reports["document_id"].nunique()), float(events["goldstein"].mean()),
                  float(events["tone"].mean()) if events["tone"].notna().any() else math.nan)


def _toward(f: EventFilters) -> str:
    if f.targets:
        return "toward " + "+".join(f.targets)
    return f"involving {f.actor}" if f.actor else ""


def assemble(by_side: dict[str, pd.DataFrame], windows: dict[str, Window], toward: str, request: Request) -> Shift:
    """The Shift of the counted events of each side (columns of `_reports`)."""
    before, after = windows["before"], windows["after"]
    change = after.goldstein_mean - before.goldstein_mean
    values = [by_side[s]["goldstein"].to_numpy(float) for s in SIDES]
    ci = bootstrap_interval(values[0], values[1], request.samples, request.seed)
    appeared, vanished = changed_values(by_side["before"], by_side["after"])
    direction = _direction(ci)
    return Shift(verdict=verdict(before, after, ci, toward), direction=direction, toward=toward, before=before,
                 after=after, goldstein_change=change, goldstein_ci=ci,
                 tone_change=after.tone_mean - before.tone_mean,
                 roots=shares(by_side, "root", ROOTS, {r: load_cameo()[r].name for r in ROOTS}),
                 quads=shares(by_side, "quad_class", list(QUAD_NAMES), QUAD_NAMES),
                 sentences=carrying_sentences(by_side, before, after, appeared, vanished),
                 appeared=appeared, vanished=vanished, mentions=request.mentions, samples=request.samples,
                 seed=request.seed)


def shares(by_side: dict[str, pd.DataFrame], column: str, keys: list, names: dict) -> pd.DataFrame:
    """One row per key: its share of each window's events (NaN for an empty window) and the change."""
    out = pd.DataFrame({column: keys, "name": [names[k] for k in keys]})
    for side in SIDES:
        frame = by_side[side]
        counts = frame[column].value_counts()
        out[side] = [counts.get(k, 0) / len(frame) if len(frame) else math.nan for k in keys]
    out["change"] = out["after"] - out["before"]
    return out


def bootstrap_interval(before: np.ndarray, after: np.ndarray, samples: int, seed: int) -> tuple[float, float] | None:
    """Percentile bootstrap 95 % interval of mean(after) - mean(before); None when a side has under 2 values."""
    if len(before) < 2 or len(after) < 2:
        return None
    rng = np.random.default_rng(seed)
    means_before = _resampled_means(before, samples, rng)
    means_after = _resampled_means(after, samples, rng)
    diffs = means_after - means_before
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(low), float(high)


def _resampled_means(values: np.ndarray, samples: int, rng: np.random.Generator) -> np.ndarray:
    """`samples` means of resamples of `values` with replacement, in row blocks of at most ~2 million indices."""
    n = len(values)
    block = max(1, 2_000_000 // n)
    means = []
    for start in range(0, samples, block):
        rows = min(block, samples - start)
        means.append(values[rng.integers(0, n, size=(rows, n))].mean(axis=1))
    return np.concatenate(means)


def changed_values(before: pd.DataFrame, after: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Targets then event codes found in one window only: (appeared in after, vanished from before), each
    {kind, value, events} with its count in the window that has it, most events first."""
    appeared, vanished = [], []
    for kind, column in (("target", "target"), ("code", "code")):
        counts = {s: frame[column].dropna().loc[lambda c: c != ""].value_counts() for s, frame in
                  (("before", before), ("after", after))}
        for out, here, other in ((appeared, "after", "before"), (vanished, "before", "after")):
            found = [(value, int(n)) for value, n in counts[here].items() if value not in counts[other].index]
            found.sort(key=lambda x: (-x[1], x[0]))
            out.extend({"kind": kind, "value": value, "events": n} for value, n in found)
    return appeared, vanished


def carrying_sentences(by_side: dict[str, pd.DataFrame], before: Window, after: Window, appeared: list[dict],
                       vanished: list[dict]) -> pd.DataFrame:
    """The events that carry the change, after window first (the rule is in the module's docstring)."""
    change = after.goldstein_mean - before.goldstein_mean
    if not before.events or not after.events or change == 0:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    sign = 1.0 if change > 0 else -1.0
    picked = []
    for side, reference, toward, marked in (("after", before.goldstein_mean, 1.0, appeared),
                                            ("before", after.goldstein_mean, -1.0, vanished)):
        frame = by_side[side].copy()
        frame["pull"] = toward * sign * (frame["goldstein"] - reference)
        new = {(m["kind"], m["value"]) for m in marked}
        frame["marked"] = [("code", c) in new or ("target", t) in new for c, t in zip(frame["code"], frame["target"])]
        frame = frame[frame["pull"] > 0].sort_values(["pull", "marked", "date_day", "id"],
                                                      ascending=[False, False, True, True], kind="mergesort")
        picked.append(frame.head(SENTENCES))
    out = pd.concat(picked, ignore_index=True)
    out["date"] = [d.date().isoformat() if pd.notna(d) else None for d in pd.to_datetime(out["date_day"])]
    out = out.rename(columns={"id": "event_id", "side": "window"})
    return out[SENTENCE_COLUMNS].reset_index(drop=True)


def _direction(ci: tuple[float, float] | None) -> str:
    if ci is None:
        return "no clear change"
    if ci[1] < 0:
        return "more conflictual"
    return "more cooperative" if ci[0] > 0 else "no clear change"


def verdict(before: Window, after: Window, ci: tuple[float, float] | None, toward: str) -> str:
    """One line: "more conflictual toward USA: Goldstein mean +3.2 → -2.6 (11 → 27 events), 95 % CI of the
    change [-7.9, -4.1]"."""
    head = _direction(ci) + (f" {toward}" if toward else "")
    counts = f"({before.events} → {after.events} events)"
    if not before.events and not after.events:
        return f"no event in either window{' ' + toward if toward else ''}"
    if not before.events or not after.events:
        return f"{head}: no event in the {'before' if not before.events else 'after'} window {counts}"
    means = f"Goldstein mean {_signed(before.goldstein_mean)} → {_signed(after.goldstein_mean)} {counts}"
    if ci is None:
        return f"{head}: {means}, too few events for an interval (2 a side)"
    return f"{head}: {means}, 95 % CI of the change [{_number(ci[0])}, {_number(ci[1])}]"


def _signed(x: float) -> str:
    return f"{round(x, 1) + 0.0:+.1f}"


def _number(x: float) -> str:
    return f"{round(x, 1) + 0.0:.1f}"
