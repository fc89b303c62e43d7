"""The one serializer: Document -> the JSON record that `dyads extract --json` prints.

The contract is documented in docs/record.md and follows ../shared/eval/score_article.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from dyads.model.document import Document, Stamp

RECORD_VERSION = "2"  # 2: events in schema dyads.event/2, language_confidence


def stamp_text(value: Stamp | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value.isoformat()


def to_record(doc: Document) -> dict[str, Any]:
    """The record of docs/record.md; `Document.to_dict()` calls this."""
    record: dict[str, Any] = {
        "record_version": RECORD_VERSION,
        "id": doc.id,
        "doc": doc.doc,
        "source_path": doc.source,
        "url": doc.url,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "published": stamp_text(doc.published),
        "modified": stamp_text(doc.modified),
        "authors": list(doc.authors),
        "dateline": doc.dateline,
        "publisher": doc.publisher,
        "language": doc.language,
        "language_confidence": doc.language_confidence,
        "body": doc.body,
        "paragraphs": [{"start": s.start, "end": s.end, "kind": s.kind} for s in doc.paragraphs],
        "captions": list(doc.captions),
        "warnings": list(doc.warnings),
    }
    if doc.annotated:
        record["actors"] = [a.as_record() for a in doc.actors]
        record["events"] = [e.to_dict() for e in doc.events]
        record["quotes"] = [q.to_dict() for q in doc.quotes]
        record["dates"] = [{"text": d.text, "value": d.value, "precision": d.precision, "segment": segment,
                            "start": d.start, "end": d.end} for segment, d in doc.dates]
        record["tone"] = doc.tone
    for key, value in doc.extras.items():
        record.setdefault(key, value)
    return record
