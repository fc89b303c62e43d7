"""Extract: RawArticle -> clean Document (main text and metadata), or InputError with the reason."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dyads.components import cleanup, stamps
from dyads.components.html_reader import read_html
from dyads.components.language import identify
from dyads.components.text_reader import read_text
from dyads.errors import InputError
from dyads.io.decode import decode, declared_charset
from dyads.model.document import Document, RawArticle, content_id, join_blocks

MIN_BODY_CHARS = 40


@dataclass(frozen=True)
class ExtractOptions:
    """Options of the extraction stage, built once and passed along."""

    min_body_chars: int = MIN_BODY_CHARS
    expected_language: str = "en"  # short texts are judged leniently toward it
    force_language: str | None = None  # every document is taken to be in this language (`--language`)


def extract(raw: RawArticle, options: ExtractOptions = ExtractOptions()) -> Document:
    warnings: list[str] = []
    if raw.text is not None:
        text = raw.text
    else:
        declared = raw.hints.get("charset") or (declared_charset(raw.data or b"") if raw.kind == "html" else None)
        text, _, warns = decode(raw.data or b"", declared)
        warnings.extend(warns)
    if not text.strip():
        raise InputError(raw.source, "empty document")
    if raw.kind == "html":
        try:
            parts = read_html(text, url=raw.url or raw.hints.get("url"))
        except ValueError as err:
            raise InputError(raw.source, str(err)) from None
        lang_hint = parts.language_hint
    else:
        parts = read_text(text, body_only=raw.kind == "body")
        lang_hint = None
    warnings.extend(parts.warnings)
    body, spans = join_blocks(parts.blocks)
    if len(body) < options.min_body_chars:
        raise InputError(raw.source, f"no article text found ({len(body)} characters of body)")
    doc = Document(
        id="", source=raw.source, doc=raw.doc, source_hash=raw.content_hash(),
        title=parts.title, subtitle=parts.subtitle, published=parts.published, modified=parts.modified,
        authors=list(parts.authors), dateline=parts.dateline, publisher=getattr(parts, "publisher", None),
        url=raw.url or getattr(parts, "url", None), body=body, paragraphs=spans, captions=list(parts.captions),
        warnings=warnings,
    )
    _apply_hints(doc, raw.hints)
    _language(doc, lang_hint, options)
    doc.id = str(raw.hints["id"]) if raw.hints.get("id") else content_id(doc.title, doc.body)
    return doc


def _apply_hints(doc: Document, hints: dict) -> None:
    """Metadata given with the input wins over what extraction found."""
    for key in ("title", "subtitle", "dateline", "publisher", "url"):
        if isinstance(hints.get(key), str) and hints[key].strip():
            setattr(doc, key, hints[key].strip())
    authors = hints.get("authors", hints.get("author"))
    if authors:
        doc.authors = cleanup.split_authors(authors)
    for key in ("published", "modified"):
        value = hints.get(key)
        if value:
            parsed, warns = _hint_stamp(value)
            if parsed is None:
                doc.warnings.append(f"{key} {value!r} given with the input is not a date; ignored")
            else:
                setattr(doc, key, parsed)
                doc.warnings.extend(warns)
    if isinstance(hints.get("language"), str):
        doc.language = hints["language"].strip().lower()


def _hint_stamp(value):
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, dt.timezone.utc), []
    text = str(value)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            return parsed, []
        if len(text) == 10:
            return parsed.date(), []
    except ValueError:
        pass
    return stamps.parse_stamp(text)


def _language(doc: Document, hint: str | None, options: ExtractOptions) -> None:
    """The document's language and the identifier's confidence: forced by the options, given with the
    input, or identified (the page's declared language when the text is too short to tell)."""
    if options.force_language:
        doc.language, doc.language_confidence = options.force_language, None
        return
    if doc.language:  # given with the input
        return
    lang, prob = identify((doc.title or "") + "\n" + doc.body, options.expected_language)
    if lang is None and hint:
        lang = hint.split("-")[0].lower()
    doc.language = lang
    doc.language_confidence = round(prob, 3) if prob else None
