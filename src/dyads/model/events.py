"""Events, dates, places and quotes: what the coder found, with the evidence for each."""
from __future__ import annotations

from dataclasses import dataclass, field

from dyads.model.actors import ActorRef


@dataclass(frozen=True)
class DateRef:
    text: str | None  # the expression as written, None when the date is a fallback
    value: str  # ISO at its precision: 2024-05-16, 2024-05, 2024
    precision: str  # day, week, month, year
    source: str  # text (in the event's sentence), context (earlier in the paragraph), lead (the article's main date), publication
    segment: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class PlaceRef:
    text: str
    name: str
    key: str | None  # the country
    source: str  # text, dateline
    segment: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    id: str
    document_id: str
    segment: str
    sentence_index: int
    sentence: str
    sentence_start: int
    code: str
    name: str
    root: str
    goldstein: float
    quad: int
    penta: int
    plover: str | None
    source: ActorRef
    target: ActorRef
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    predicate_span: tuple[int, int]
    predicate: str
    pattern: str
    confidence: float
    mode: str = "asserted"  # asserted, intent, negated
    group: str | None = None  # events coded from one coordination share a group id
    date: DateRef | None = None
    place: PlaceRef | None = None
    tone: float | None = None
    notes: list[str] = field(default_factory=list)
    cameo_version: str = "1.1b3"
    ontology_version: str = ""

    @property
    def quad_class(self) -> int:
        """The JSON and database name of `quad`."""
        return self.quad

    @property
    def penta_class(self) -> int:
        """The JSON and database name of `penta`."""
        return self.penta

    def to_dict(self) -> dict:
        """The event as JSON (docs/record.md, schema `dyads.event/2`): the record's events,
        `dyads events --json`, `dyads code --json` and `api.events()` all give this shape."""
        return {
            "schema_version": EVENT_SCHEMA, "id": self.id, "document_id": self.document_id,
            "sentence": self.sentence, "segment": self.segment, "sentence_index": self.sentence_index,
            "code": self.code, "name": self.name, "root": self.root, "goldstein": self.goldstein,
            "quad_class": self.quad, "penta_class": self.penta, "plover": self.plover,
            "source": actor_dict(self.source), "target": actor_dict(self.target),
            "date": self.date.value if self.date else None,
            "date_info": _fields(self.date, DATE_FIELDS), "place": _fields(self.place, PLACE_FIELDS),
            "mode": self.mode, "group": self.group, "tone": self.tone,
            "provenance": {"segment": self.segment, "sentence_index": self.sentence_index,
                           "sentence_start": self.sentence_start, "source_span": list(self.source_span),
                           "predicate_span": list(self.predicate_span), "target_span": list(self.target_span),
                           "predicate": self.predicate, "pattern": self.pattern, "confidence": self.confidence,
                           "notes": list(self.notes)},
            "cameo_version": self.cameo_version, "ontology_version": self.ontology_version,
        }

    as_record = to_dict  # the name `dyads code --json` and older callers use


EVENT_SCHEMA = "dyads.event/2"
ACTOR_FIELDS = ("key", "role", "code", "name", "kind", "person", "unit", "in_kb", "former")
DATE_FIELDS = ("value", "precision", "source", "text", "segment", "start", "end")
PLACE_FIELDS = ("name", "key", "text", "source", "segment", "start", "end")


def actor_dict(ref: ActorRef) -> dict:
    """One side of an event: `{key, role, code, name, kind, person, unit, in_kb, former}`."""
    return _fields(ref, ACTOR_FIELDS)


def _fields(obj, names: tuple[str, ...]) -> dict | None:
    return None if obj is None else {name: getattr(obj, name) for name in names}


@dataclass(frozen=True)
class Quote:
    text: str
    segment: str
    start: int
    end: int
    speaker: ActorRef | None
    speaker_text: str | None
    kind: str  # direct, partial
    rule: str  # verb (the speech verb's subject), continuation (the previous quote's speaker), statement

    def to_dict(self) -> dict:
        speaker = None
        if self.speaker is not None:
            speaker = {"name": self.speaker.name, "key": self.speaker.key, "role": self.speaker.role,
                       "code": self.speaker.code, "person": self.speaker.person}
        return {"text": self.text, "speaker": speaker, "speaker_text": self.speaker_text, "kind": self.kind,
                "segment": self.segment, "start": self.start, "end": self.end, "rule": self.rule}

    as_record = to_dict
