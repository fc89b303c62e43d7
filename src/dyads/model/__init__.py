"""Plain typed records: no I/O, no NLP, no database."""
from dyads.model.document import Document, RawArticle, Span, Failure
from dyads.model.record import RECORD_VERSION, to_record

__all__ = ["Document", "RawArticle", "Span", "Failure", "RECORD_VERSION", "to_record"]
