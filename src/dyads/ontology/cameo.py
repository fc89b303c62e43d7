"""CAMEO 1.1b3 event-code table: names, Goldstein values, quad/penta classes, PLOVER.

The data lives in ``data/cameo.tsv`` (tab-separated, one header comment line,
then a column header).  A ``-`` in the ``plover``/``plover_mode`` columns means
"none" and is loaded as ``None``.  Codes are strings: ``"010"`` and ``"10"``
are different codes and must never be converted to integers.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
from dataclasses import dataclass

CAMEO_VERSION = "1.1b3"

_COLUMNS = ["code", "name", "goldstein", "quad", "penta", "plover", "plover_mode", "note"]


@dataclass(frozen=True)
class EventCode:
    code: str
    name: str
    goldstein: float
    quad: int
    penta: int
    plover: str | None
    plover_mode: str | None
    note: str = ""


def _read_text() -> str:
    path = importlib.resources.files("dyads.ontology") / "data" / "cameo.tsv"
    return path.read_text(encoding="utf-8")


def _parse_version(first_line: str) -> str:
    # "# CAMEO 1.1b3 event codes; version 2026.11.1; ..."
    for part in first_line.lstrip("#").split(";"):
        part = part.strip()
        if part.startswith("version "):
            return part[len("version "):].strip()
    raise ValueError(f"cameo.tsv: no 'version' in first line: {first_line!r}")


ONTOLOGY_VERSION = _parse_version(_read_text().splitlines()[0])


def _none(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


@functools.lru_cache(maxsize=1)
def load_cameo() -> dict[str, EventCode]:
    """Return every CAMEO code in the table, keyed by its code string."""
    lines = _read_text().splitlines()[1:]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    if header != _COLUMNS:
        raise ValueError(f"cameo.tsv: unexpected header {header!r}")
    table: dict[str, EventCode] = {}
    for lineno, row in enumerate(reader, start=3):
        if not row or not row[0].strip():
            continue
        if len(row) < len(_COLUMNS) - 1:
            raise ValueError(f"cameo.tsv line {lineno}: expected {len(_COLUMNS)} columns, got {len(row)}")
        row = row + [""] * (len(_COLUMNS) - len(row))
        code = row[0].strip()
        if code in table:
            raise ValueError(f"cameo.tsv line {lineno}: duplicate code {code!r}")
        table[code] = EventCode(
            code=code,
            name=row[1].strip(),
            goldstein=float(row[2]),
            quad=int(row[3]),
            penta=int(row[4]),
            plover=_none(row[5]),
            plover_mode=_none(row[6]),
            note=row[7].strip(),
        )
    return table


def root(code: str) -> str:
    """The two-digit root (cue category) of a CAMEO code, e.g. ``"0431"`` -> ``"04"``."""
    return str(code).strip()[:2]


def lookup(code: str) -> EventCode:
    """Return the entry for ``code``; raise ``KeyError`` if it is not a CAMEO 1.1b3 code."""
    table = load_cameo()
    key = str(code).strip()
    try:
        return table[key]
    except KeyError:
        raise KeyError(
            f"{code!r} is not a CAMEO {CAMEO_VERSION} event code "
            f"(codes are strings with leading zeros, e.g. '010', '0211', '20')"
        ) from None


def is_valid(code: str) -> bool:
    """True if ``code`` (a string) is a CAMEO 1.1b3 event code in the table."""
    return isinstance(code, str) and code.strip() in load_cameo()
