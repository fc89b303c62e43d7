"""HTML pages: trafilatura for the main text, our metadata and news cleanup on top.

trafilatura finds the article body and most metadata; we keep its paragraph structure, read the
publication times with their offsets from the page's own markup (htmldate gives the day when no
time is marked up), and remove what trafilatura leaves of page furniture.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import trafilatura
from lxml import html as lxml_html

from dyads.components import cleanup, stamps
from dyads.model.document import SpanKind

PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "article.published", "sailthru.date",
                  "parsely-pub-date", "dc.date.issued", "dcterms.created", "dc.date", "date", "og:published_time",
                  "citation_publication_date", "originalpublicationdate", "article_date_original")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                 "last-modified", "article.updated", "og:modified_time", "lastmod")
BLOCK_KIND: dict[str, SpanKind] = {"p": "paragraph", "head": "heading", "list": "list", "quote": "quote",
                                   "table": "table", "code": "paragraph"}


@dataclass
class HtmlParts:
    title: str | None = None
    subtitle: str | None = None
    published: object = None
    modified: object = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    language_hint: str | None = None
    blocks: list[tuple[str, SpanKind]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    dateline: str | None = None
    warnings: list[str] = field(default_factory=list)


LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]{0,40})[^<>]{%d,}>" % 20_000)


def _cut_long_tags(text: str, warnings: list[str]) -> str:
    """Tags with tens of thousands of characters of attributes make the HTML parser quadratic (100,000
    attributes: minutes per parse); such a tag keeps only its name."""
    cut = 0

    def shorten(match):
        nonlocal cut
        cut += 1
        return f"<{match.group(1)}>"

    text = LONG_TAG.sub(shorten, text)
    if cut:
        warnings.append(f"cut the attributes of {cut} tag(s) over 20,000 characters long")
    return text


def read_html(text: str, url: str | None = None) -> HtmlParts:
    parts = HtmlParts(url=url)
    text = _cut_long_tags(text, parts.warnings)
    try:
        tree = trafilatura.load_html(text)
        if tree is None:
            tree = lxml_html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except (ValueError, lxml_html.etree.ParserError) as err:
        raise ValueError(f"cannot parse HTML: {err}") from err
    meta = _meta_times(tree)
    page_authors = _page_authors(tree)
    figure_captions = _figcaptions(tree)
    language_hint = tree.get("lang") or None
    # fast: no comparison with readability/jusText (benchmarks/extraction.py: F1 0.967 -> 0.970, ~22 % less time);
    # the tree is not read after this call, so trafilatura may prune it in place
    result = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                         include_tables=True, include_images=False, deduplicate=False, fast=True)
    if result is None or result.body is None:
        result = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False,
                                             favor_recall=True)
    if result is None or result.body is None:
        raise ValueError("no article text found")
    parts.title = strip_site_name(cleanup.norm_line(result.title), result.sitename, url or result.url) \
        if result.title else None
    parts.authors = _authors(page_authors, result.author, result.sitename)
    parts.publisher = result.sitename or None
    parts.url = url or result.url
    parts.language_hint = language_hint
    parts.published, parts.modified = _resolve_times(meta, result.date, parts.warnings)
    parts.blocks, parts.subtitle = _blocks(result.body, parts.title)
    parts.blocks, parts.captions = _clean_blocks(parts.blocks)
    if figure_captions:
        parts.blocks = [b for b in parts.blocks if b[0] not in figure_captions]
        parts.captions = list(dict.fromkeys(figure_captions + parts.captions))
    if parts.blocks:
        parts.dateline = cleanup.find_dateline(parts.blocks[0][0])
    return parts


XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")


def strip_site_name(title: str, sitename: str | None, url: str | None) -> str:
    """'Five Lessons for Business - BusinessWeek' -> 'Five Lessons for Business' when the dropped part
    is the site's name (its stated name, or its domain)."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {n for n in (sitename or "").lower().split(" | ") if n}
    if url:
        host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
        names |= {host, host.split(".")[0]}

    def is_site(part: str) -> bool:
        low = part.lower().strip()
        squashed = re.sub(r"[^a-z0-9]", "", low)
        return any(low == n or squashed == re.sub(r"[^a-z0-9]", "", n) or (len(squashed) > 3 and squashed in n.replace(".", ""))
                   for n in names) or (len(part) <= 25 and squashed.endswith(("com", "news", "times", "post")))

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def _blocks(body, title: str | None) -> tuple[list[tuple[str, SpanKind]], str | None]:
    blocks: list[tuple[str, SpanKind]] = []
    _collect(body, blocks)
    subtitle = None
    if blocks and title and blocks[0][1] == "heading" and _same(blocks[0][0], title):
        blocks.pop(0)
        if len(blocks) > 1 and blocks[0][1] == "heading" and len(blocks[0][0]) > 30:
            subtitle = blocks.pop(0)[0]
    return blocks, subtitle


def _collect(container, blocks: list[tuple[str, SpanKind]]) -> None:
    """Blocks of trafilatura's output tree in reading order, including loose text between them."""
    _loose(container.text, blocks)
    for element in container:
        kind = BLOCK_KIND.get(element.tag)
        if element.tag == "list":
            for item in element.iter("item"):
                text = cleanup.norm_line(" ".join(item.itertext()))
                if text:
                    blocks.append((text, "list"))
        elif element.tag == "table":
            rows = [" | ".join(cleanup.norm_line(" ".join(c.itertext())) for c in row) for row in element.iter("row")]
            text = "\n".join(r for r in rows if r.strip(" |"))
            if text:
                blocks.append((text, "table"))
        elif kind is not None:
            text = cleanup.norm_line(" ".join(element.itertext()))
            if text:
                blocks.append((text, kind))
        elif element.tag not in ("graphic", "ref", "hi", "lb") and len(element):
            _collect(element, blocks)
        else:
            _loose(" ".join(element.itertext()), blocks)
        _loose(element.tail, blocks)


def _loose(text: str | None, blocks: list[tuple[str, SpanKind]]) -> None:
    text = cleanup.norm_line(text or "")
    if text:
        blocks.append((text, "paragraph"))


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()
    return norm(a) == norm(b) or norm(b).startswith(norm(a)) and len(a) > 20


def _clean_blocks(blocks: list[tuple[str, SpanKind]]) -> tuple[list[tuple[str, SpanKind]], list[str]]:
    out: list[tuple[str, SpanKind]] = []
    captions: list[str] = []
    seen: set[str] = set()
    for i, (text, kind) in enumerate(blocks):
        if i > 2 and kind in ("heading", "paragraph") and cleanup.is_trailer(text):
            break  # a related/most-read list: the article is over
        if cleanup.is_furniture(text):
            continue
        if cleanup.is_caption(text) and len(text) < 400:
            if text not in captions:
                captions.append(text)
            continue
        if text in seen and len(text) > 40:
            continue  # duplicated block (a caption or pull quote repeated in the text)
        seen.add(text)
        out.append((text, kind))
    while out and out[-1][1] in ("heading", "list") and cleanup.is_trailer(out[-1][0]):
        out.pop()
    return out, captions


def _authors(candidates: list[list[str]], found: str | None, sitename: str | None) -> list[str]:
    """trafilatura's authors, or the page's own list when it names more; the site's own name is
    never an author."""
    best = max([cleanup.split_authors(found)] + candidates, key=len)
    site = (sitename or "").lower()
    return [a for a in best if a.lower() != site and len(a) < 80 and not a.lower().startswith("http")]


def _page_authors(tree) -> list[list[str]]:
    """Author lists the page states itself: schema.org itemprop=author, author meta tags, JSON-LD."""
    candidates = []
    marked = []
    for el in tree.iter():
        if "author" in (el.get("itemprop") or "").split():
            names = [n.text_content() for n in el.iter() if (n.get("itemprop") or "") == "name"] or [el.text_content()]
            marked.extend(cleanup.norm_line(n) for n in names)
    candidates.append(cleanup.split_authors([m for m in marked if m]))
    metas = [m.get("content") for m in tree.iter("meta") if (m.get("name") or m.get("property") or "").lower()
             in ("author", "article:author", "dc.creator", "sailthru.author") and m.get("content")]
    candidates.append(cleanup.split_authors([m for m in metas if not m.startswith("http")]))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                data = json.loads(script.text)
            except (json.JSONDecodeError, ValueError):
                continue
            for node in _walk_json(data):
                author = node.get("author")
                items = author if isinstance(author, list) else [author] if author else []
                names = [a.get("name") if isinstance(a, dict) else a for a in items]
                candidates.append(cleanup.split_authors([n for n in names if isinstance(n, str)]))
    return candidates


def _figcaptions(tree) -> list[str]:
    captions = []
    for element in tree.iter("figcaption"):
        text = cleanup.norm_line(" ".join(element.itertext()))
        if len(text) > 15 and text not in captions:
            captions.append(text)
    return captions[:50]


def _meta_times(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = meta.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (json.JSONDecodeError, ValueError):
            continue
        for node in _walk_json(data):
            for key in ("datePublished", "dateCreated", "dateModified"):
                value = node.get(key)
                if isinstance(value, str) and key.lower() not in found:
                    found[key.lower()] = value
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value and (element.get("pubdate") is not None or "publish" in (element.get("class") or "").lower()
                      or "published" not in found):
            found.setdefault("published", value)
    return found


def _walk_json(data, depth: int = 0):
    if depth > 6:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk_json(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _walk_json(value, depth + 1)


def _resolve_times(meta: dict[str, str], day: str | None, warnings: list[str]):
    """The markup's time with its offset when it agrees with htmldate's day for the page.

    htmldate weighs the whole page (URL, markup, text) for the original publication day. When the
    markup's time falls on another day, the page's own day wins: a UTC time one day off is kept
    only as a day (the local time is unknown), anything further off is dropped with a warning.
    """
    published = _first_stamp(meta, PUBLISHED_KEYS + ("published",), warnings)
    modified = _first_stamp(meta, MODIFIED_KEYS, warnings)
    page_day, _ = stamps.parse_stamp(day) if day else (None, [])
    if page_day is None:
        return published, modified
    if published is None:
        return page_day, modified
    marked_day = published.date() if isinstance(published, dt.datetime) else published
    if marked_day != page_day:
        warnings.append(f"the page's markup gives {published.isoformat()} but its publication day is "
                        f"{page_day.isoformat()}; kept the day")
        published = page_day
    return published, modified


def _first_stamp(meta: dict[str, str], keys, warnings: list[str]):
    for key in keys:
        if key in meta:
            value, warns = stamps.parse_stamp(meta[key])
            if value is not None:
                warnings.extend(warns)
                return value
    return None
