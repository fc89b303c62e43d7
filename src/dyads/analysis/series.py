"""Dyad time series: per period, counts, Goldstein, QuadClass shares, tone and articles of the matching events.

Events without a day (`date_day` NULL) are left out. A cluster (one real-world event reported by several
articles) counts once, by its first report (the earliest day, then the smallest id), unless `mentions`;
`articles` counts the distinct documents of every matching report (a period may have articles and no
events: the reports of a cluster that began earlier).
Periods between the first and the last are filled: zero counts, NaN means.

Two ways to the same figures: `series` runs SQL over the store (the CLI, the API, exports: any size), and
`series_from_index` aggregates with NumPy the matching positions of an in-memory storage.readmodel.EventIndex
(the dashboard, where a request must take about a millisecond); tests/analysis/test_series_index.py checks
that they agree filter by filter.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from dyads.errors import UsageError
from dyads.storage.filters import DEFAULT_MIN_CONFIDENCE, check_filters, conditions

PERIODS = ("day", "week", "month", "quarter")  # date_trunc's units; weeks start on Mondays (ISO)
QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
MEANS = {"goldstein_mean", "tone_mean", *QUADS}  # NaN where a period has no event; the other columns 0
ROOTS = [f"{i:02d}" for i in range(1, 21)]


def _filters(actor, dyad, group, since, until, min_confidence):
    if len([x for x in (actor, dyad, group) if x]) != 1:
        raise UsageError("actor", "give exactly one of actor, dyad or group")
    return check_filters(actor=actor, dyad=dyad, group=group, since=since, until=until, min_confidence=min_confidence)


def _conditions(con, actor, dyad, group, since, until, min_confidence) -> tuple[str, list]:
    cond, args = conditions(con, _filters(actor, dyad, group, since, until, min_confidence))
    return cond + " AND date_day IS NOT NULL", args


def series(con, actor=None, dyad=None, group=None, by="month", since=None, until=None,
           min_confidence=DEFAULT_MIN_CONFIDENCE, by_root=False, mentions=False) -> pd.DataFrame:
    """One row per period (`period`, its first day) from the first to the last matching one; see the module."""
    if by not in PERIODS:
        raise UsageError("by", f"{by!r} is not one of {', '.join(PERIODS)}")
    cond, args = _conditions(con, actor, dyad, group, since, until, min_confidence)
    period = f"CAST(date_trunc('{by}', date_day) AS DATE)"
    report = "date_day, goldstein, quad_class, tone" + (", root" if by_root else "")
    # m: the matching reports, read once, with the integer numbers of the report, its cluster and its document
    # (migrations.NUMBER_EVENTS: read and grouped far faster than the string ids). The counted reports: every one
    # with `mentions`, else the first of each cluster (earliest day, then smallest id: `id_key` sorts like it), a
    # window over the cluster's number (here as fast as a GROUP BY with arg_min). Both sides are reduced to one
    # row per period before the join.
    once = "" if mentions else " QUALIFY row_number() OVER (PARTITION BY cluster_seq ORDER BY date_day, id_key) = 1"
    roots = "".join(f", count(*) FILTER (WHERE root = '{r}') AS root_{r}" for r in ROOTS) if by_root else ""
    sql = (f"WITH m AS (SELECT {report}{'' if mentions else ', id_key, cluster_seq'}, "
           f"document_seq FROM events WHERE {cond}), "
           f"e AS (SELECT {period} AS period, count(*) AS events, sum(goldstein) AS goldstein_sum, "
           f"avg(goldstein) AS goldstein_mean, "
           + ", ".join(f"avg(CAST(quad_class = {i + 1} AS DOUBLE)) AS {q}" for i, q in enumerate(QUADS))
           + f", avg(tone) AS tone_mean{roots} FROM (SELECT {report} FROM m{once}) GROUP BY 1), "
           f"a AS (SELECT period, count(*) AS articles FROM (SELECT DISTINCT {period} AS period, document_seq FROM m) "
           f"GROUP BY 1) "
           f"SELECT a.period, coalesce(e.events, 0) AS events, e.goldstein_sum, e.goldstein_mean, "
           + ", ".join(f"e.{q}" for q in QUADS) + ", e.tone_mean, a.articles"
           + "".join(f", coalesce(e.root_{r}, 0) AS root_{r}" for r in ROOTS if by_root)
           + " FROM a LEFT JOIN e ON e.period = a.period ORDER BY a.period")
    return _filled(con.execute(sql, args).df(), by)


def _filled(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The SQL's rows (one per period with a matching event) spread over every period from the first to the
    last: the missing ones with zero counts and NaN means (`_frame`)."""
    if frame.empty:
        return frame
    numbers = _numbers(frame["period"].to_numpy().astype("datetime64[D]"), unit)
    low, k = int(numbers.min()), int(numbers.max() - numbers.min()) + 1
    where = (numbers - low).astype(np.int64)
    columns = {}
    for name in frame.columns[1:]:
        values = frame[name].to_numpy(dtype=float)
        full = np.full(k, np.nan if name in MEANS else 0.0)
        full[where] = np.nan_to_num(values) if name not in MEANS else values
        columns[name] = full
    return _frame(low, k, unit, columns)


def _numbers(days: np.ndarray, unit: str) -> np.ndarray:
    """Days (datetime64[D]) -> the number of their period since the one holding 1970-01-01."""
    if unit == "day":
        return days.astype(np.int64)
    if unit == "week":  # ISO weeks: 1970-01-01 was a Thursday, three days after a Monday
        return (days.astype(np.int64) + 3) // 7
    months = days.astype("datetime64[M]").astype(np.int64)
    return months // 3 if unit == "quarter" else months


def _first_days(numbers: np.ndarray, unit: str) -> np.ndarray:
    """Period numbers (`_numbers`) -> their first days, as datetime64[us]."""
    if unit == "day":
        days = numbers.astype("datetime64[D]")
    elif unit == "week":
        days = (numbers * 7 - 3).astype("datetime64[D]")
    else:
        days = (numbers * 3 if unit == "quarter" else numbers).astype("datetime64[M]").astype("datetime64[D]")
    return days.astype("datetime64[us]")


def _frame(low: int, k: int, unit: str, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """The series frame: `period` (the first day of each of the k periods from the number `low`), then the
    columns in order, counts as int64 (goldstein_sum a float), means as floats."""
    data = {"period": _first_days(np.arange(low, low + k, dtype=np.int64), unit)}
    for name, values in columns.items():
        data[name] = values if name in MEANS or name == "goldstein_sum" else values.astype(np.int64)
    return pd.DataFrame(data)


def _mean(groups: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Per group, the mean of the values that are not NaN (NaN for none), as SQL's avg."""
    ok = ~np.isnan(values)
    count = np.bincount(groups[ok], minlength=k)
    total = np.bincount(groups[ok], values[ok], minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def series_from_index(index, con, actor=None, dyad=None, group=None, by="month", since=None, until=None,
                      min_confidence=DEFAULT_MIN_CONFIDENCE, by_root=False, mentions=False) -> pd.DataFrame:
    """What `series(con, ...)` gives, from the EventIndex `index` of the store `con` reads."""
    if by not in PERIODS:
        raise UsageError("by", f"{by!r} is not one of {', '.join(PERIODS)}")
    f = _filters(actor, dyad, group, since, until, min_confidence)
    day, has_day = index.days
    pos = index.select(con, f)
    pos = pos[has_day[pos]]
    columns = (["period", "events", "goldstein_sum", "goldstein_mean"] + QUADS + ["tone_mean", "articles"]
               + ([f"root_{r}" for r in ROOTS] if by_root else []))
    if not len(pos):
        return pd.DataFrame(columns=columns)
    numbers = _numbers(day[pos].astype("datetime64[D]"), by)
    low = int(numbers.min())
    k = int(numbers.max()) - low + 1
    where = numbers - low
    docs, distinct = index.codes("document_id")
    width = distinct + 1  # codes from -1 (NULL)
    pairs = np.unique(where * width + docs[pos] + 1)
    articles = np.bincount(pairs // width, minlength=k)
    first = np.arange(len(pos))
    if not mentions:  # the first report of each cluster: earliest day, then smallest id
        clusters, _ = index.codes("cluster_id")
        c = clusters[pos]
        order = np.lexsort((index.id_rank[pos], day[pos], c))
        first = order[np.r_[True, c[order][1:] != c[order][:-1]]]
    e, g = pos[first], where[first]
    gold = index.goldstein[e]
    ok = ~np.isnan(gold)
    data = {"events": np.bincount(g, minlength=k), "goldstein_sum": np.bincount(g[ok], gold[ok], minlength=k),
            "goldstein_mean": _mean(g, gold, k)}
    quad = index.quad[e]
    for i, name in enumerate(QUADS):
        data[name] = _mean(g, np.where(np.isnan(quad), np.nan, (quad == i + 1).astype(float)), k)
    data["tone_mean"] = _mean(g, index.tone[e], k)
    data["articles"] = articles
    if by_root:
        roots, _ = index.codes("root")
        for r in ROOTS:
            code = index.code_of("root", r)
            data[f"root_{r}"] = (np.bincount(g[roots[e] == code], minlength=k) if code is not None
                                 else np.zeros(k, dtype=np.int64))
    return _frame(low, k, by, data)
