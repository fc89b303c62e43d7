"""Sentences for the sentence coder: plain lines or JSON Lines (`id`, `text`, optional `date`), from
files or standard input ('-'). A bad line is a Failure naming the file and line; the rest goes on."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

from dyads.model import Failure


def read_sentences(paths: Iterable[str]) -> Iterator[dict | Failure]:
    for path in paths or ("-",):
        name = "<stdin>" if path == "-" else path
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="strict")
        except OSError as err:
            yield Failure(name, f"cannot read: {err.strerror or err}")
            continue
        try:
            yield from _lines(name, stream)
        except UnicodeDecodeError as err:
            yield Failure(name, f"not UTF-8 text ({err.reason} at byte {err.start})")
        finally:
            if stream is not sys.stdin:
                stream.close()


def _lines(name: str, stream) -> Iterator[dict | Failure]:
    for number, line in enumerate(stream, 1):
        text = line.strip()
        if not text:
            continue
        ident = f"{name}:{number}" if name != "<stdin>" else str(number)
        if text.startswith("{"):
            try:
                row = json.loads(text)
            except json.JSONDecodeError as err:
                yield Failure(f"{name}:{number}", f"not JSON ({err.msg})")
                continue
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
                yield Failure(f"{name}:{number}", "a JSON line needs a non-empty 'text' string")
                continue
            yield {"id": str(row.get("id", ident)), "text": row["text"], "date": row.get("date")}
        else:
            yield {"id": ident, "text": text, "date": None}
