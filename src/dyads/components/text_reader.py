"""Scraped plain text: title line, stamp lines, deck, captions with credits, bylines, furniture.

The layout this reads is the one scrapers leave behind when they copy a news page as text:

    Title line
    Posted on : 2024-05-17 16:55 KST Modified on : 2024-05-17 16:55 KST
    Deck (a summary line without a final full stop)
    Caption with a credit (AFP/Yonhap)        <- often twice
    Body paragraphs, with short section headings between them
    By Name, title; Name, title
    Related stories / Most viewed / contact lines / button labels
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from dyads.components import cleanup, stamps
from dyads.model.document import SpanKind

HEADER_LINES = 8


@dataclass
class TextParts:
    title: str | None = None
    subtitle: str | None = None
    published: object = None
    modified: object = None
    authors: list[str] = field(default_factory=list)
    blocks: list[tuple[str, SpanKind]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    dateline: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_text(text: str, body_only: bool = False) -> TextParts:
    """Read scraped text; with `body_only` (a JSON Lines `text` field: the article body, its title and
    metadata given apart) no line is taken for a title, stamp or deck."""
    parts = TextParts()
    lines = [cleanup.norm_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    lines = _drop_trailer(lines, parts)
    if not body_only:
        lines = _take_header(lines, parts)
    lines = _take_captions(lines, parts)
    body_lines = []
    for line in lines:
        names = cleanup.parse_byline(line)
        if names and len(line) < 200:
            parts.authors.extend(n for n in names if n not in parts.authors)
            continue
        if cleanup.is_furniture(line):
            continue
        body_lines.append(line)
    parts.blocks = _classify(body_lines)
    if parts.blocks:
        parts.dateline = cleanup.find_dateline(parts.blocks[0][0])
    return parts


def _drop_trailer(lines: list[str], parts: TextParts) -> list[str]:
    """Cut related/most-viewed blocks, contact lines, button labels and the closing byline."""
    cut = len(lines)
    for i, line in enumerate(lines):
        if i > HEADER_LINES and cleanup.is_trailer(line):
            cut = i
            break
    lines = lines[:cut]
    while lines:
        last = lines[-1]
        names = cleanup.parse_byline(last)
        if names and len(last) < 200:
            parts.authors = names + [a for a in parts.authors if a not in names]
            lines.pop()
        elif cleanup.is_furniture(last) or cleanup.is_trailer(last):
            lines.pop()
        elif not cleanup.is_sentence(last) and len(last) < 60 and len(lines) > 3:
            lines.pop()  # a stray label: too short for a paragraph, no sentence end
        else:
            break
    return lines


def _take_header(lines: list[str], parts: TextParts) -> list[str]:
    if not lines:
        return lines
    rest = list(lines)
    first = rest[0]
    if not stamps.is_stamp_line(first) and len(first) < 300:
        parts.title = first.strip()
        rest.pop(0)
    i = 0
    while i < min(len(rest), HEADER_LINES):
        line = rest[i]
        found = stamps.find_stamps(line)
        values = {k: stamps.parse_stamp(v) for k, v in found.items()}
        if found and all(v[0] is not None for v in values.values()):
            for key, (value, warns) in values.items():
                setattr(parts, key, value)
                parts.warnings.extend(warns)
            rest.pop(i)
            continue
        names = cleanup.parse_byline(line)
        if names and len(line) < 200:
            parts.authors.extend(n for n in names if n not in parts.authors)
            rest.pop(i)
            continue
        i += 1
    # The deck: the first line after the header, when it reads as a summary, not a paragraph.
    if rest and not cleanup.is_caption(rest[0]) and 30 <= len(rest[0]) <= 320 and not rest[0].endswith((".", "!", "?", "”", '"')) \
            and len(rest) > 1:
        parts.subtitle = rest.pop(0)
    return rest


def _take_captions(lines: list[str], parts: TextParts) -> list[str]:
    """Captions keep once, apart from the body: credited lines and lines repeated verbatim."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    out = []
    for line in lines:
        repeated = counts[line] > 1 and len(line) > 40
        if cleanup.is_caption(line) or (repeated and not cleanup.is_sentence(line)):
            if line not in parts.captions:
                parts.captions.append(line)
            continue
        if repeated and line in out:
            continue
        out.append(line)
    return out


def _classify(lines: list[str]) -> list[tuple[str, SpanKind]]:
    """Short lines without a sentence end, between paragraphs, are section headings."""
    blocks: list[tuple[str, SpanKind]] = []
    for i, line in enumerate(lines):
        heading = (0 < i < len(lines) - 1 and len(line) < 120 and not cleanup.is_sentence(line)
                   and not re.match(r"^[-•*·]\s", line))
        kind: SpanKind = "heading" if heading else "list" if re.match(r"^[-•*·]\s", line) else "paragraph"
        blocks.append((line, kind))
    return blocks
