"""Writing and querying events: rows, duplicate clusters across articles, filters.

Rows are flat columns; the `provenance` JSON column holds the event's provenance object and, under
`detail`, what no column holds (the actors' kind, person, unit, in_kb, former; the text and offsets of
the date and the place). `event_from_row` rebuilds the Event, so what leaves the store is
`Event.to_dict()`, the record's shape.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from dyads.model import Document
from dyads.model.actors import ActorRef
from dyads.model.events import DateRef, Event, PlaceRef
from dyads.storage.filters import check_filters, conditions

CLUSTER_WINDOW_DAYS = 1
DISPLAY_ORDER = "date_day NULLS LAST, document_id, segment, sentence_index, id"  # of `dyads events`, the table
EVENT_COLUMNS = 40


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


def event_rows(doc: Document, run_id: str, clusters: Sequence[str],
               numbers: Sequence[tuple[int, int, int]] | None = None) -> list[tuple]:
    """Rows for a document's events; `clusters` holds the cluster id of each event, in order
    (`cluster_ids` over the batch), `numbers` their (seq, cluster_seq, document_seq) (`event_numbers`;
    None leaves them NULL, for migrations.NUMBER_EVENTS to fill), then the id's `id_key`."""
    if len(clusters) != len(doc.events):
        raise ValueError(f"{doc.id}: {len(doc.events)} events but {len(clusters)} cluster ids")
    numbers = numbers or [(None, None, None)] * len(doc.events)
    rows = []
    for ev, cluster, number in zip(doc.events, clusters, numbers):
        day = first_day(ev.date.value) if ev.date else None
        rows.append((
            ev.id, doc.id, cluster, ev.segment, ev.sentence_index, ev.sentence, ev.code, ev.root, ev.name,
            ev.goldstein, ev.quad, ev.penta, ev.plover,
            ev.source.key, ev.source.role, ev.source.code, ev.source.name,
            ev.target.key, ev.target.role, ev.target.code, ev.target.name,
            ev.date.value if ev.date else None, ev.date.precision if ev.date else None,
            ev.date.source if ev.date else None, day,
            ev.place.name if ev.place else None, ev.place.key if ev.place else None,
            ev.mode, ev.group, ev.tone, ev.pattern, ev.confidence, json.dumps(stored_provenance(ev)),
            ev.cameo_version, ev.ontology_version, run_id, *number, id_key(ev.id)))
    return rows


HEX_ID = re.compile(r"[0-9a-f]{16}")


def id_key(ident: str) -> int | None:
    """The integer that sorts like the coder's event ids (16 hex digits: their value); None for another id
    (migrations.ID_KEYS ranks those)."""
    return int(ident, 16) if HEX_ID.fullmatch(ident) else None


def event_numbers(con, docs: Sequence[Document], clusters: Sequence[str],
                  stored: dict[str, int] | None = None) -> list[tuple[int, int, int]]:
    """(seq, cluster_seq, document_seq) of each event of `docs` about to be written, in order, with `clusters`
    their cluster ids (migrations.NUMBER_EVENTS says what the numbers are): the events are numbered on from the
    store's last; a stored cluster keeps its number (`stored`: cluster_ids fills it), a cluster founded in the
    batch takes its founder's."""
    events = [ev for doc in docs for ev in doc.events]
    base = con.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
    seqs = [base + k for k in range(1, len(events) + 1)]
    # stored numbers first; where an event of the batch is already stored (its row is skipped), the cluster its
    # id names may get a second number here: Store.save then gives it one (migrations.SAME_CLUSTER_NUMBER)
    numbers = dict(stored or {})
    for ev, seq in zip(events, seqs):
        numbers.setdefault(ev.id, seq)
    out, k = [], 0
    for doc in docs:
        first = seqs[k] if doc.events else None
        for _ in doc.events:
            out.append((seqs[k], numbers[clusters[k]], first))
            k += 1
    return out


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


# -- clusters of reports ------------------------------------------------------------------------
# Reports of one event (in several articles, or a title restating its body) share a cluster id: same
# source and target keys, same CAMEO root, day-precise dates (not the publication date) at most
# CLUSTER_WINDOW_DAYS apart, and the same place key when both have one. A new event joins the cluster of
# the first earlier event of its batch that qualifies; else the stored cluster with the nearest day, then
# the most qualifying reports, then the smallest id; else it starts its own (its event id). The store is
# looked up before the batch is written: an event of the batch that the lookup would have found once
# written is one the batch rule finds first, so the answer is the one of a lookup per event.


def _clusterable(ev: Event, day: dt.date | None) -> bool:
    return day is not None and ev.date is not None and ev.date.precision == "day" and ev.date.source != "publication"


def cluster_ids(con, events: Sequence[Event], numbers: dict[str, int] | None = None) -> list[str]:
    """The cluster id of each event of a batch about to be written, in order: one SQL join against the
    stored events (`stored_clusters`), then the batch's own earlier events through an index by dyad,
    root and day, so the cost grows with the batch and one scan of the store, not their product."""
    days = [first_day(ev.date.value) if ev.date else None for ev in events]
    stored = stored_clusters(con, events, days, numbers)
    earlier: dict[tuple, dict[int, list[tuple[int, str | None, str]]]] = {}
    clusters = []
    for seq, (ev, day) in enumerate(zip(events, days)):
        if not _clusterable(ev, day):
            clusters.append(ev.id)
            continue
        dyad = (ev.source.key, ev.target.key, ev.root)
        place = ev.place.key if ev.place and ev.place.key else None
        by_day = earlier.setdefault(dyad, {})
        cluster = _first_earlier(by_day, day.toordinal(), place) or stored.get(seq) or ev.id
        by_day.setdefault(day.toordinal(), []).append((seq, place, cluster))
        clusters.append(cluster)
    return clusters


def _first_earlier(by_day: dict[int, list[tuple[int, str | None, str]]], day: int, place: str | None) -> str | None:
    """The cluster of the first earlier event of the batch (in batch order) within the window, unless both
    have a place key (empty counts as none here) and the keys differ."""
    best: tuple[int, str] | None = None
    for near in range(day - CLUSTER_WINDOW_DAYS, day + CLUSTER_WINDOW_DAYS + 1):
        for seq, other_place, cluster in by_day.get(near, ()):
            if place and other_place and place != other_place:
                continue
            if best is None or seq < best[0]:
                best = (seq, cluster)
            break  # the lists are in batch order: the first fitting one is this day's earliest
    return best[1] if best else None


STORED_CLUSTERS_SQL = """
WITH batch AS (
    SELECT unnest(?::INTEGER[]) AS seq, unnest(?::VARCHAR[]) AS source_key, unnest(?::VARCHAR[]) AS target_key,
           unnest(?::VARCHAR[]) AS root, unnest(?::DATE[]) AS day, unnest(?::VARCHAR[]) AS place_key),
candidates AS (
    SELECT b.seq, e.cluster_id, min(e.cluster_seq) AS cluster_seq,
           min(abs(date_diff('day', e.date_day, b.day))) AS distance, count(*) AS reports
    FROM batch b JOIN events e
      ON e.source_key = b.source_key AND e.target_key = b.target_key AND e.root = b.root
     AND e.date_day BETWEEN b.day - ? AND b.day + ?
    WHERE e.date_day BETWEEN ? AND ?
      AND e.date_precision = 'day' AND e.date_source <> 'publication'
      AND (e.place_key IS NULL OR b.place_key IS NULL OR e.place_key = b.place_key)
    GROUP BY b.seq, e.cluster_id)
SELECT seq, cluster_id, cluster_seq FROM candidates
QUALIFY row_number() OVER (PARTITION BY seq ORDER BY distance, reports DESC, cluster_id) = 1
"""


def stored_clusters(con, events: Sequence[Event], days: Sequence[dt.date | None],
                    numbers: dict[str, int] | None = None) -> dict[int, str]:
    """{position in `events`: the best stored cluster} for the clusterable events that have one. The
    batch travels as list parameters unnested into a relation (no temporary table, no registered
    frame); the join on the equality keys and the day window is hashed on the batch side, and the
    constant bounds on date_day let DuckDB skip row groups by their zone maps."""
    picked = [(seq, ev, day) for seq, (ev, day) in enumerate(zip(events, days)) if _clusterable(ev, day)]
    if not picked:
        return {}
    window = dt.timedelta(days=CLUSTER_WINDOW_DAYS)
    low, high = min(d for _, _, d in picked), max(d for _, _, d in picked)
    low = low - window if low > dt.date.min + window else dt.date.min
    high = high + window if high < dt.date.max - window else dt.date.max
    args = [[s for s, _, _ in picked], [ev.source.key for _, ev, _ in picked],
            [ev.target.key for _, ev, _ in picked], [ev.root for _, ev, _ in picked], [d for _, _, d in picked],
            [ev.place.key if ev.place else None for _, ev, _ in picked],
            CLUSTER_WINDOW_DAYS, CLUSTER_WINDOW_DAYS, low, high]
    rows = con.execute(STORED_CLUSTERS_SQL, args).fetchall()
    if numbers is not None:  # each stored cluster's number, for event_numbers
        numbers.update((cluster, number) for _, cluster, number in rows)
    return {seq: cluster for seq, cluster, _ in rows}


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
    order = f"ORDER BY {DISPLAY_ORDER}"
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
