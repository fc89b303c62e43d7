"""Turn paths (files, folders, JSON Lines, WARC archives) into RawArticle items.

Every problem becomes a Failure naming the input and the reason; the walk goes on.
"""
from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.io.decode import binary_kind, decode
from dyads.io.feeds import looks_like_feed, read_feed
from dyads.model import Failure, RawArticle

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
TEXT_EXT = {".txt", ".text", ".md"}
JSONL_EXT = {".jsonl", ".ndjson", ".jl", ".json"}
WARC_EXT = {".warc", ".arc"}
FEED_EXT = {".rss", ".atom", ".xml"}
HINT_FIELDS = {"title", "subtitle", "published", "modified", "authors", "author", "language", "url",
               "publisher", "dateline", "source"}

Item = RawArticle | Failure


def iter_inputs(paths: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield a RawArticle or a Failure for every article found under `paths`."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path, max_bytes)
        elif not path.exists() and not path.is_symlink():
            yield Failure(str(path), "no such file or folder")
        else:
            yield from read_path(path, max_bytes)


def _walk(folder: Path, max_bytes: int) -> Iterator[Item]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            yield from read_path(Path(root) / name, max_bytes)
        while errors:
            err = errors.pop()
            yield Failure(str(err.filename or folder), f"cannot read folder: {err.strerror or err}")


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(source, f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
            return
        data = path.read_bytes()
    except OSError as err:
        yield Failure(source, f"cannot read file: {err.strerror or err}")
        return
    name = path.name.lower()
    if name.endswith(".gz"):
        try:
            data = _gunzip(data, max_bytes)
        except (OSError, EOFError, ValueError) as err:
            yield Failure(source, f"cannot decompress: {err}")
            return
        name = name[:-3]
    yield from read_bytes(data, source, path.name, Path(name).suffix, max_bytes)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(f"decompressed size exceeds the limit of {max_bytes / 1e6:.0f} MB")
    return out


def read_bytes(data: bytes, source: str, doc: str, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Classify one file's bytes and yield its articles."""
    if not data.strip():
        yield Failure(source, "empty file")
        return
    if suffix in WARC_EXT or data[:5] in (b"WARC/", b"filed"):
        yield from read_warc(data, source, max_bytes)
        return
    kind = binary_kind(data)
    if kind:
        yield Failure(source, f"not a text or HTML file ({kind})")
        return
    if suffix in JSONL_EXT:
        yield from read_jsonl(data, source)
        return
    if suffix in FEED_EXT or looks_like_feed(data):
        if looks_like_feed(data):
            yield from read_feed(data, source)
        else:
            yield Failure(source, "an XML file that is neither an RSS nor an Atom feed")
        return
    kind = "text" if suffix in TEXT_EXT else "html" if suffix in HTML_EXT else sniff_kind(data)
    yield RawArticle(source=source, doc=doc, kind=kind, data=data)


def sniff_kind(data: bytes) -> str:
    head = data[:4096].lower()
    markers = (b"<html", b"<!doctype html", b"<body", b"<head", b"<article", b"<p>", b"<div")
    return "html" if any(m in head for m in markers) else "text"


def read_jsonl(data: bytes, source: str) -> Iterator[Item]:
    """One article per line: `html` or `text`, optional `id` and metadata fields that override
    extraction. A JSON array of such objects is accepted too."""
    text, _, _ = decode(data)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as err:
            yield Failure(source, f"invalid JSON: {err}")
            return
        lines = [(i + 1, item) for i, item in enumerate(items)]
    else:
        lines = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                lines.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                yield Failure(f"{source}:{number}", f"invalid JSON: {err.msg} at column {err.colno}")
    for number, obj in lines:
        where = f"{source}:{number}"
        if not isinstance(obj, dict):
            yield Failure(where, "expected a JSON object per line")
            continue
        html, body = obj.get("html"), obj.get("text")
        if not isinstance(html, str) and not isinstance(body, str):
            yield Failure(where, "the object has neither 'html' nor 'text'")
            continue
        if not (html or body or "").strip():
            yield Failure(where, "empty 'html'/'text' field")
            continue
        hints = {k: v for k, v in obj.items() if k in HINT_FIELDS and v not in (None, "", [])}
        ident = obj.get("id")
        if ident not in (None, ""):
            hints["id"] = str(ident)
        is_html = isinstance(html, str) and bool(html.strip())
        yield RawArticle(source=where, doc=hints.get("id", f"{Path(source).name}:{number}"),
                         kind="html" if is_html else "body", text=html if is_html else body, url=obj.get("url"),
                         hints=hints)


def read_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Item]:
    """HTML response records of a WARC (or WARC.gz) archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), 1):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {number}"
            where = f"{source}#{uri}"
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            payload = record.content_stream().read(max_bytes + 1)
            found += 1
            if status and not str(status).startswith("2"):
                yield Failure(where, f"HTTP status {status}")
            elif len(payload) > max_bytes:
                yield Failure(where, f"record too large (over {max_bytes / 1e6:.0f} MB)")
            elif not payload.strip():
                yield Failure(where, "empty response body")
            else:
                charset = _charset_of(ctype)
                yield RawArticle(source=where, doc=uri, kind="html", data=payload, url=uri,
                                 hints={"charset": charset} if charset else {})
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as err:
        yield Failure(source, f"damaged WARC archive after {found} HTML records: {err}")
        return
    if not found:
        yield Failure(source, "WARC archive holds no HTML response records")


def _charset_of(ctype: str) -> str | None:
    for part in ctype.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("'\" ").lower()
    return None
