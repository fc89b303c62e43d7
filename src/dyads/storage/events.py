"""Writing and querying events: rows, duplicate clusters across articles, filters."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dyads.model import Document

CLUSTER_WINDOW_DAYS = 1
EVENT_COLUMNS = 36


def first_day(value: str | None) -> dt.date | None:
    """'2024-05-16' -> that day; '2024-05' -> 2024-05-01; '2024' -> 2024-01-01; weeks -> their Monday."""
    if not value:
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        parts = [int(p) for p in value.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.date(*parts)
    except ValueError:
        return None


def event_rows(con, doc: Document, run_id: str, pending: list | None = None) -> list[tuple]:
    """Rows for a document's events; `pending` collects (event, day, cluster) of this transaction so
    that reports in the same batch (and the title restating the body) join one cluster."""
    rows = []
    pending = pending if pending is not None else []
    for ev in doc.events:
        rec = ev.as_record()
        day = first_day(ev.date.value) if ev.date else None
        cluster = _pending_cluster(pending, ev, day) or find_cluster(con, ev, day) or ev.id
        pending.append((ev, day, cluster))
        rows.append((
            ev.id, doc.id, cluster, ev.segment, ev.sentence_index, ev.sentence, ev.code, ev.root, ev.name,
            ev.goldstein, ev.quad, ev.penta, ev.plover,
            ev.source.key, ev.source.role, ev.source.code, ev.source.name,
            ev.target.key, ev.target.role, ev.target.code, ev.target.name,
            ev.date.value if ev.date else None, ev.date.precision if ev.date else None,
            ev.date.source if ev.date else None, day,
            ev.place.name if ev.place else None, ev.place.key if ev.place else None,
            ev.mode, ev.group, ev.tone, ev.pattern, ev.confidence, json.dumps(rec["provenance"]),
            ev.cameo_version, ev.ontology_version, run_id))
    return rows


def _clusterable(ev, day) -> bool:
    return day is not None and ev.date is not None and ev.date.precision == "day" and ev.date.source != "publication"


def _pending_cluster(pending: list, ev, day) -> str | None:
    if not _clusterable(ev, day):
        return None
    for other, other_day, cluster in pending:
        if (other.source.key, other.target.key, other.root) != (ev.source.key, ev.target.key, ev.root):
            continue
        if not _clusterable(other, other_day) or abs((other_day - day).days) > CLUSTER_WINDOW_DAYS:
            continue
        if ev.place and other.place and ev.place.key and other.place.key and ev.place.key != other.place.key:
            continue
        return cluster
    return None


def find_cluster(con, ev, day: dt.date | None) -> str | None:
    """Reports of the same event in other articles: same dyad, same root, dates within a day, and the
    same place when both have one. Only day-precise dates cluster."""
    if not _clusterable(ev, day):
        return None
    row = con.execute(
        "SELECT cluster_id FROM events WHERE source_key = ? AND target_key = ? AND root = ? "
        "AND date_day BETWEEN CAST(? AS DATE) - INTERVAL 1 DAY * ? AND CAST(? AS DATE) + INTERVAL 1 DAY * ? "
        "AND date_precision = 'day' AND date_source <> 'publication' "
        "AND (place_key IS NULL OR ? IS NULL OR place_key = ?) "
        "GROUP BY cluster_id ORDER BY min(abs(date_diff('day', date_day, ?))), count(*) DESC, cluster_id LIMIT 1",
        [ev.source.key, ev.target.key, ev.root, day, CLUSTER_WINDOW_DAYS, day, CLUSTER_WINDOW_DAYS,
         ev.place.key if ev.place else None, ev.place.key if ev.place else None, day]).fetchone()
    return row[0] if row else None


def quote_rows(doc: Document) -> list[tuple]:
    return [(doc.id, q.text, q.speaker.name if q.speaker else None, q.speaker.key if q.speaker else None,
             q.speaker.role if q.speaker else None, q.kind, q.segment, q.start, q.end, q.rule) for q in doc.quotes]


def query_events(con, actor: str | None = None, source: str | None = None, target: str | None = None,
                 code: str | None = None, since: str | None = None, until: str | None = None,
                 min_confidence: float = 0.0, clusters: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    conditions = [("confidence >= ?", [min_confidence]),
                  ("(source_key = ? OR target_key = ?)", [actor, actor] if actor else None),
                  ("source_key = ?", [source] if source else None),
                  ("target_key = ?", [target] if target else None),
                  ("starts_with(code, ?)", [code] if code else None),
                  ("date_day >= CAST(? AS DATE)", [since] if since else None),
                  ("date_day <= CAST(? AS DATE)", [until] if until else None)]
    where = [sql for sql, values in conditions if values is not None]
    args = [v for _, values in conditions if values is not None for v in values]
    cond = " AND ".join(where)
    if clusters:
        sql = (f"SELECT cluster_id, min(date) AS date, any_value(source_key) AS source_key, any_value(code) AS code, "
               f"any_value(target_key) AS target_key, any_value(name) AS name, any_value(place_name) AS place_name, "
               f"count(*) AS mentions, count(DISTINCT document_id) AS documents, any_value(sentence) AS sentence "
               f"FROM events WHERE {cond} GROUP BY cluster_id ORDER BY date NULLS LAST, cluster_id")
    else:
        sql = (f"SELECT e.*, d.title AS document_title FROM events e JOIN documents d ON d.id = e.document_id "
               f"WHERE {cond} ORDER BY date_day NULLS LAST, document_id, segment, sentence_index, id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = con.execute(sql, args)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]
