"""Dyad time series: per period, counts, Goldstein, QuadClass shares, tone and articles of the matching events.

Events without a day (`date_day` NULL) are left out. A cluster (one real-world event reported by several
articles) counts once, on its first day, unless `mentions`; `articles` counts the distinct documents of every
matching report (a period may have articles and no events: the reports of a cluster that began earlier).
Periods between the first and the last are filled: zero counts, NaN means.
"""
from __future__ import annotations

import pandas as pd

from dyads.errors import UsageError
from dyads.storage.filters import check_filters, conditions

PERIODS = {"day": ("day", "D"), "week": ("week", "W-MON"), "month": ("month", "MS"), "quarter": ("quarter", "QS")}
QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
ROOTS = [f"{i:02d}" for i in range(1, 21)]


def _conditions(con, actor, dyad, group, since, until, min_confidence) -> tuple[str, list]:
    if len([x for x in (actor, dyad, group) if x]) != 1:
        raise UsageError("actor", "give exactly one of actor, dyad or group")
    cond, args = conditions(con, check_filters(actor=actor, dyad=dyad, group=group, since=since, until=until,
                                               min_confidence=min_confidence))
    return cond + " AND date_day IS NOT NULL", args


def series(con, actor=None, dyad=None, group=None, by="month", since=None, until=None, min_confidence=0.5,
           by_root=False, mentions=False) -> pd.DataFrame:
    """One row per period (`period`, its first day) from the first to the last matching one; see the module."""
    if by not in PERIODS:
        raise UsageError("by", f"{by!r} is not one of {', '.join(PERIODS)}")
    unit, freq = PERIODS[by]
    cond, args = _conditions(con, actor, dyad, group, since, until, min_confidence)
    # the first report of each cluster; partitioned by a 64-bit hash of the id, which groups far faster
    once = "" if mentions else "QUALIFY row_number() OVER (PARTITION BY hash(cluster_id) ORDER BY date_day, id) = 1"
    roots = "".join(f", count(e.id) FILTER (WHERE e.root = '{r}') AS root_{r}" for r in ROOTS) if by_root else ""
    sql = (f"WITH m AS (SELECT id, document_id, cluster_id, date_day, root, goldstein, quad_class, tone, "
           f"CAST(date_trunc('{unit}', date_day) AS DATE) AS period FROM events WHERE {cond}), "
           f"e AS (SELECT * FROM m {once}), "
           f"a AS (SELECT period, count(DISTINCT hash(document_id)) AS articles FROM m GROUP BY period) "
           f"SELECT a.period, count(e.id) AS events, sum(e.goldstein) AS goldstein_sum, "
           f"avg(e.goldstein) AS goldstein_mean, "
           + ", ".join(f"avg(CAST(e.quad_class = {i + 1} AS DOUBLE)) AS {q}" for i, q in enumerate(QUADS))
           + f", avg(e.tone) AS tone_mean, a.articles{roots} "
           f"FROM a LEFT JOIN e ON e.period = a.period GROUP BY a.period, a.articles ORDER BY a.period")
    frame = con.execute(sql, args).df()
    if frame.empty:
        return frame
    frame["period"] = pd.to_datetime(frame["period"])
    full = pd.date_range(frame["period"].min(), frame["period"].max(), freq=freq)
    frame = frame.set_index("period").reindex(full)
    counts = ["events", "goldstein_sum", "articles"] + [c for c in frame.columns if c.startswith("root_")]
    frame[counts] = frame[counts].fillna(0)
    for c in counts:
        if c != "goldstein_sum":
            frame[c] = frame[c].astype("int64")
    frame.index.name = "period"
    return frame.reset_index()
