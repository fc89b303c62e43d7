"""The annotated article: a record's segments cut into pieces at every mark's edge, so that a page can
show the text with its actors, event predicates, quotes and dates highlighted (marks may overlap).

A mark is {kind, ref, segment, start, end, label}: kind `actor` (ref the actor id), `predicate`, `source`,
`target` and `sentence` (ref the event id: its predicate, its two sides and its sentence), `quote`
(ref q0, q1, ...) and `date` (d0, d1, ...). Offsets are into the segment's text, as in the record.
"""
from __future__ import annotations


def segment_texts(record: dict) -> dict[str, str]:
    """Each segment's text by name: title, subtitle, body, caption:N."""
    texts = {"title": record.get("title") or "", "subtitle": record.get("subtitle") or "",
             "body": record.get("body") or ""}
    texts.update({f"caption:{i}": text or "" for i, text in enumerate(record.get("captions") or [])})
    return {name: text for name, text in texts.items() if text}


def record_marks(record: dict) -> list[dict]:
    marks = []
    for actor in record.get("actors") or []:
        label = f"{actor.get('name')} ({actor.get('code') or actor.get('key') or '?'})"
        marks += [_mark("actor", actor.get("id"), m.get("segment"), m.get("start"), m.get("end"), label)
                  for m in actor.get("mentions") or []]
    for event in record.get("events") or []:
        where = event.get("provenance") or {}
        segment, label = where.get("segment") or event.get("segment"), f"{event.get('code')} {event.get('name')}"
        for kind in ("predicate", "source", "target"):
            span = where.get(f"{kind}_span") or [None, None]
            marks.append(_mark(kind, event.get("id"), segment, span[0], span[1], label))
        start = where.get("sentence_start")
        if start is not None:
            marks.append(_mark("sentence", event.get("id"), segment, start, start + len(event.get("sentence") or ""),
                               label))
    for i, quote in enumerate(record.get("quotes") or []):
        speaker = (quote.get("speaker") or {}).get("name") or quote.get("speaker_text") or "unknown speaker"
        marks.append(_mark("quote", f"q{i}", quote.get("segment"), quote.get("start"), quote.get("end"), speaker))
    for i, date in enumerate(record.get("dates") or []):
        marks.append(_mark("date", f"d{i}", date.get("segment"), date.get("start"), date.get("end"),
                           f"{date.get('value')} ({date.get('precision')})"))
    return [m for m in marks if m is not None]


def _mark(kind, ref, segment, start, end, label) -> dict | None:
    if segment is None or not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return None
    return {"kind": kind, "ref": ref, "segment": segment, "start": start, "end": end, "label": label}


def pieces(text: str, marks: list[tuple[int, dict]]) -> list[dict]:
    """`text` cut at every edge of `marks` ((index, mark) pairs of this segment): [{text, start, end, marks}],
    `marks` the indices of the marks covering the piece; together the pieces are the whole text."""
    edges = {0, len(text)}
    for _, m in marks:
        edges.update((min(m["start"], len(text)), min(m["end"], len(text))))
    cuts = sorted(edges)
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [i for i, m in marks if m["start"] <= start and m["end"] >= end]
        out.append({"text": text[start:end], "start": start, "end": end, "marks": covering})
    return out


def annotate(record: dict) -> dict:
    """{marks, segments: [{name, text, pieces}]} for the record (see the module)."""
    marks = record_marks(record)
    segments = []
    for name, text in segment_texts(record).items():
        here = [(i, m) for i, m in enumerate(marks) if m["segment"] == name]
        segments.append({"name": name, "text": text, "pieces": pieces(text, here)})
    return {"marks": marks, "segments": segments}
