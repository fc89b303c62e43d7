"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item, its HTML content with the item's metadata as hints.

A feed that carries only teasers gives items that extraction then refuses with the reason ("no
article text found"): fetch the pages themselves and ingest those.
"""
from __future__ import annotations

import email.utils
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from dyads.model import Failure, RawArticle

NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "rss1": "http://purl.org/rss/1.0/",
      "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (head.startswith(b"<?xml") and any(m in head for m in FEED_MARKERS)) or head.startswith(FEED_MARKERS)


def read_feed(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        yield Failure(source, f"malformed feed XML: {err}")
        return
    items = root.findall("./channel/item") or root.findall("atom:entry", NS) or root.findall("rss1:item", NS)
    if not items:
        yield Failure(source, "feed has no items")
        return
    for number, item in enumerate(items, 1):
        if item.tag == "item":
            title = _text(item, "title")
            link = _text(item, "link")
            published = _rfc822(_text(item, "pubDate")) or _text(item, "dc:date")
            authors = [a for a in (_text(item, "dc:creator"), _text(item, "author")) if a]
            content = _text(item, "content:encoded") or _text(item, "description")
            ident = _text(item, "guid") or link
        elif item.tag == f"{{{NS['rss1']}}}item":
            title = _text(item, "rss1:title") or _text(item, "dc:title")
            link = _text(item, "rss1:link") or item.get(f"{{{NS['rdf']}}}about")
            published = _text(item, "dc:date")
            authors = [a for a in (_text(item, "dc:creator"),) if a]
            content = _text(item, "content:encoded") or _text(item, "rss1:description") or _text(item, "dc:description")
            ident = item.get(f"{{{NS['rdf']}}}about") or link
        else:
            title = _text(item, "atom:title")
            link_el = item.find("atom:link[@rel='alternate']", NS)
            if link_el is None:
                link_el = item.find("atom:link", NS)
            link = link_el.get("href") if link_el is not None else None
            published = _text(item, "atom:published") or _text(item, "atom:updated")
            authors = [a.findtext("atom:name", default="", namespaces=NS).strip()
                       for a in item.findall("atom:author", NS)]
            content = _text(item, "atom:content") or _text(item, "atom:summary")
            ident = _text(item, "atom:id") or link
        where = f"{source}#{link or number}"
        if not content:
            yield Failure(where, "feed item has no content")
            continue
        html = content if "<" in content else "".join(f"<p>{p}</p>" for p in content.split("\n\n"))
        hints = {k: v for k, v in (("title", title), ("published", published), ("url", link)) if v}
        if authors:
            hints["authors"] = [a for a in authors if a]
        yield RawArticle(source=where, doc=ident or where, kind="html",
                         text=f"<html><body><article>{html}</article></body></html>", url=link, hints=hints)


def _text(item, path: str) -> str | None:
    value = item.findtext(path, namespaces=NS)
    return value.strip() if value and value.strip() else None


def _rfc822(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return value
