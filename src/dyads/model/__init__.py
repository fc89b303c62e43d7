"""Plain typed records: no I/O, no NLP, no database."""
from dyads.model.document import Document, RawArticle, Span, Failure
from dyads.model.events import EVENT_SCHEMA, Event
from dyads.model.record import RECORD_VERSION, to_record

__all__ = ["Document", "RawArticle", "Span", "Failure", "Event", "EVENT_SCHEMA", "RECORD_VERSION", "to_record"]
