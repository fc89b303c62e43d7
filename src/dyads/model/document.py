"""The article as dyads sees it: raw input, clean document, and a failure report."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SpanKind = Literal["paragraph", "heading", "list", "quote", "table"]


@dataclass(frozen=True)
class Span:
    """A stretch of the body text: [start, end) character offsets and what it is."""

    start: int
    end: int
    kind: SpanKind = "paragraph"


@dataclass
class RawArticle:
    """One input article before extraction.

    `data` holds bytes still to decode (files, WARC payloads); `text` holds text already decoded
    (JSON Lines). `kind` is "html" or "text". `hints` are metadata given with the input (JSON Lines
    fields) that override what extraction finds.
    """

    source: str
    doc: str
    kind: str
    data: bytes | None = None
    text: str | None = None
    url: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        payload = self.data if self.data is not None else (self.text or "").encode("utf-8")
        return hashlib.sha256(payload).hexdigest()


@dataclass
class Failure:
    """An input that could not become a document, with the reason."""

    source: str
    reason: str


Stamp = dt.datetime | dt.date


@dataclass
class Document:
    """A clean article. Annotations are offsets into `body`.

    `published`/`modified` are timezone-aware datetimes when the time is known, plain dates when
    only the day is known, None when unknown.
    """

    id: str
    source: str
    doc: str
    source_hash: str
    title: str | None = None
    subtitle: str | None = None
    published: Stamp | None = None
    modified: Stamp | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    language_confidence: float | None = None  # the identifier's probability; None when given or not judged
    body: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    mentions: list[Any] = field(default_factory=list)  # model.actors.Mention
    actors: list[Any] = field(default_factory=list)  # model.actors.Actor
    events: list[Any] = field(default_factory=list)  # model.events.Event
    quotes: list[Any] = field(default_factory=list)  # model.events.Quote
    dates: list[Any] = field(default_factory=list)  # components.dates.DateValue
    tone: float | None = None
    annotated: bool = False  # True once the NLP stages have run

    def paragraph_texts(self) -> list[str]:
        return [self.body[s.start:s.end] for s in self.paragraphs]

    def headings(self) -> list[str]:
        return [self.body[s.start:s.end] for s in self.paragraphs if s.kind == "heading"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of docs/record.md (model.record.to_record)."""
        from dyads.model.record import to_record

        return to_record(self)


def content_id(title: str | None, body: str) -> str:
    """The document id: a hash of the clean title and body, so the same article read from a
    different page or format gets the same id."""
    norm = " ".join(((title or "") + "\n" + body).split()).lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def join_blocks(blocks: list[tuple[str, SpanKind]]) -> tuple[str, list[Span]]:
    """Join text blocks into one body separated by blank lines; return the body and its spans."""
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for text, kind in blocks:
        text = text.strip()
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        spans.append(Span(pos, pos + len(text), kind))
        parts.append(text)
        pos += len(text)
    return "".join(parts), spans
