"""Plain-text tables for the terminal."""
from __future__ import annotations

import click


def shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(header)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


def describe(doc) -> str:
    """A short human-readable view of an extracted document."""
    lines = [doc.doc, f"  title: {doc.title}", f"  published: {doc.published.isoformat() if doc.published else None}",
             f"  authors: {', '.join(doc.authors)}", f"  language: {doc.language}",
             f"  body: {len(doc.body)} characters, {len(doc.paragraphs)} blocks"]
    if doc.annotated:
        lines.append("  actors: " + ", ".join(f"{a.name} ({a.code or '-'})" for a in doc.actors[:12]))
        for e in doc.events:
            when = e.date.value if e.date else "?"
            lines.append(f"  event: {when} {e.source.code} {e.code} {e.target.code} ({e.name}): {shorten(e.sentence, 80)}")
        for q in doc.quotes:
            who = q.speaker.name if q.speaker else "?"
            lines.append(f"  quote: {who}: {shorten(q.text, 80)}")
    lines.extend(f"  warning: {w}" for w in doc.warnings)
    return "\n".join(lines)
