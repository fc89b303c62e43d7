"""Writing and querying events: rows, duplicate clusters across articles, filters.

Rows are flat columns; the `provenance` JSON column holds the event's provenance object and, under
`detail`, what no column holds (the actors' kind, person, unit, in_kb, former; the text and offsets of
the date and the place). `event_from_row` rebuilds the Event, so what leaves the store is
`Event.to_dict()`, the record's shape.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dyads.model import Document
from dyads.model.actors import ActorRef
from dyads.model.events import DateRef, Event, PlaceRef
from dyads.storage.filters import check_filters, conditions

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
            ev.mode, ev.group, ev.tone, ev.pattern, ev.confidence, json.dumps(stored_provenance(ev)),
            ev.cameo_version, ev.ontology_version, run_id))
    return rows


def stored_provenance(ev: Event) -> dict:
    """What the `provenance` column holds: the provenance object and the `detail` no column has."""
    def actor(ref: ActorRef) -> dict:
        return {"kind": ref.kind, "person": ref.person, "unit": ref.unit, "in_kb": ref.in_kb, "former": ref.former}

    def where(ref) -> dict | None:
        return None if ref is None else {"text": ref.text, "segment": ref.segment, "start": ref.start, "end": ref.end}

    detail = {"source": actor(ev.source), "target": actor(ev.target), "date": where(ev.date),
              "place": where(ev.place) | {"source": ev.place.source} if ev.place else None}
    return ev.to_dict()["provenance"] | {"detail": detail}


def event_from_row(row: dict[str, Any]) -> Event:
    """The Event a row of the events table was written from."""
    prov = row["provenance"]
    prov = json.loads(prov) if isinstance(prov, str) else dict(prov)
    detail = prov.get("detail") or {}

    def actor(side: str) -> ActorRef:
        more = detail.get(side) or {}
        return ActorRef(key=row[f"{side}_key"], role=row[f"{side}_role"], name=row[f"{side}_name"] or "",
                        kind=more.get("kind", "unknown"), code=row[f"{side}_code"] or "", person=more.get("person"),
                        unit=more.get("unit"), in_kb=more.get("in_kb", True), former=more.get("former", False))

    date = place = None
    if row["date"] is not None:
        more = detail.get("date") or {}
        date = DateRef(text=more.get("text"), value=row["date"], precision=row["date_precision"],
                       source=row["date_source"], segment=more.get("segment"), start=more.get("start"),
                       end=more.get("end"))
    if row["place_name"] is not None:
        more = detail.get("place") or {}
        place = PlaceRef(text=more.get("text", row["place_name"]), name=row["place_name"], key=row["place_key"],
                         source=more.get("source", "text"), segment=more.get("segment"), start=more.get("start"),
                         end=more.get("end"))
    return Event(
        id=row["id"], document_id=row["document_id"], segment=row["segment"], sentence_index=row["sentence_index"],
        sentence=row["sentence"], sentence_start=prov.get("sentence_start", 0), code=row["code"], name=row["name"],
        root=row["root"], goldstein=row["goldstein"], quad=row["quad_class"], penta=row["penta_class"],
        plover=row["plover"], source=actor("source"), target=actor("target"),
        source_span=tuple(prov.get("source_span", (0, 0))), target_span=tuple(prov.get("target_span", (0, 0))),
        predicate_span=tuple(prov.get("predicate_span", (0, 0))), predicate=prov.get("predicate", ""),
        pattern=row["pattern"], confidence=row["confidence"], mode=row["mode"], group=row["group_id"], date=date,
        place=place, tone=row["tone"], notes=list(prov.get("notes", [])), cameo_version=row["cameo_version"],
        ontology_version=row["ontology_version"])


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """What `api.events()` gives for a row: `Event.to_dict()` plus the store's `cluster_id` and
    `document_title`."""
    return event_from_row(row).to_dict() | {"cluster_id": row["cluster_id"], "document_title": row.get("document_title")}


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


def query_events(con, **filters) -> list[dict[str, Any]]:
    """Stored events (or clusters of reports) matching every filter (filters.check_filters: actor,
    dyad, code, since, until, min_confidence, clusters, limit, source, target). Raises UsageError for a
    value that is not a known key, code or day."""
    f = check_filters(**filters)
    cond, args = conditions(con, f)
    clusters, limit = f.clusters, f.limit
    if clusters:
        sql = (f"WITH m AS (SELECT * FROM events WHERE {cond}), c AS (SELECT cluster_id, min(date) AS date, "
               f"count(*) AS mentions, count(DISTINCT document_id) AS documents, min(id) AS first_id FROM m "
               f"GROUP BY cluster_id) SELECT c.*, e.* EXCLUDE (cluster_id, date) FROM c JOIN m e ON e.id = c.first_id "
               f"ORDER BY c.date NULLS LAST, c.cluster_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [cluster_dict(r) for r in _dicts(con.execute(sql, args))]
    order = "ORDER BY date_day NULLS LAST, document_id, segment, sentence_index, id"
    if not limit:
        sql = (f"SELECT e.*, d.title AS document_title FROM events e JOIN documents d ON d.id = e.document_id "
               f"WHERE {cond} {order}")
        return [event_dict(r) for r in _dicts(con.execute(sql, args))]
    # a page: its ids from the narrow sort keys, then its rows and titles through the primary-key indexes
    # (sorting whole rows, or joining every document, costs several times more on a large store)
    ids = [r[0] for r in con.execute(f"SELECT id FROM events WHERE {cond} {order} LIMIT {int(limit)}", args).fetchall()]
    if not ids:
        return []
    rows = _dicts(con.execute(f"SELECT * FROM events WHERE id IN ({', '.join('?' * len(ids))}) {order}", ids))
    docs = sorted({r["document_id"] for r in rows})
    titles = dict(con.execute(f"SELECT id, title FROM documents WHERE id IN ({', '.join('?' * len(docs))})",
                              docs).fetchall())
    return [event_dict(r | {"document_title": titles.get(r["document_id"])}) for r in rows]


def _dicts(cur) -> list[dict[str, Any]]:
    columns = [c[0] for c in cur.description]
    return [dict(zip(columns, row)) for row in cur.fetchall()]


CLUSTER_SCHEMA = "dyads.cluster/1"


def cluster_dict(row: dict[str, Any]) -> dict[str, Any]:
    """One cluster of reports: `{schema_version, cluster_id, date, code, name, source, target, place,
    mentions, documents, sentence}`, sides as `{key, role, code, name}`."""
    def side(name: str) -> dict:
        return {f: row[f"{name}_{f}"] for f in ("key", "role", "code", "name")}

    place = {"name": row["place_name"], "key": row["place_key"]} if row["place_name"] is not None else None
    return {"schema_version": CLUSTER_SCHEMA, "cluster_id": row["cluster_id"], "date": row["date"],
            "code": row["code"], "name": row["name"], "source": side("source"), "target": side("target"),
            "place": place, "mentions": row["mentions"], "documents": row["documents"], "sentence": row["sentence"]}
