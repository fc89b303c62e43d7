"""The events of one store generation held in memory, for the dashboard: the filters of `dyads events`
answered from NumPy arrays in display order, and the rows of its event table taken from those codes and Arrow.

A columnar file is fast to scan and slow to read a few scattered rows from (every column's block must be
decompressed for each of them), and a page of the event table is a few scattered rows: through DuckDB one
uncached page costs tens of milliseconds on a store of a million events, from memory well under one. So
`dyads serve` builds an EventIndex once per generation of its SharedReader (a read-only connection is
never changed under it; a new generation builds a new index) and answers event pages from it.

What it holds (about 250 bytes an event besides its sentence; building it for a million events takes two
to three seconds, and DuckDB keeps the memory of the sort in its buffer pool: a server over a million
synthetic events holds about 1 GB): the events sorted in display order (`DISPLAY_ORDER`), the filter
columns as dictionary codes with, per actor column, the positions of each code (a stable argsort: each
code's positions come out in display order), the series columns, and the table's row columns (repeated
values once, by code).
A store of more than `max_events()` events (DYADS_INDEX_EVENTS, default 5,000,000) is not held: its pages
are read through DuckDB (`table_rows`), with the same answers.
"""
from __future__ import annotations

import os
from typing import Any

import numpy as np

from dyads.storage.events import DISPLAY_ORDER
from dyads.storage.filters import EventFilters, ResolvedActors, conditions, resolve_actors

ROW_SCHEMA = "dyads.event-row/1"
ACTOR_COLUMNS = ("source_key", "target_key", "source_code", "target_code")
# the event table's row columns: what `shaped_rows` reads
ROW_COLUMNS = ("id", "document_id", "document_title", "cluster_id", "date", "code", "name", "root", "goldstein",
               "quad_class", "plover", "mode", "confidence", "place_name", "place_key", "sentence",
               "source_key", "source_role", "source_code", "source_name",
               "target_key", "target_role", "target_code", "target_name")
CODED = ("code", "root", "document_id", "cluster_id")  # dictionary-coded for the filters and the series
UNIQUE = ("id", "sentence")  # row columns with a value per event: not worth a dictionary
CHUNK = 4096  # display positions of the first block (see EventIndex.select)
EPOCH = 719163  # date.toordinal() of 1970-01-01


def max_events() -> int:
    """The largest store held in memory: DYADS_INDEX_EVENTS, else 5,000,000."""
    try:
        return int(os.environ.get("DYADS_INDEX_EVENTS", "5000000"))
    except ValueError:
        return 5_000_000


def shaped_rows(c: dict[str, list]) -> list[dict[str, Any]]:
    """Rows of the dashboard's event table (`dyads.event-row/1`) from the values of ROW_COLUMNS, column by
    column: what the table shows and links to; the full event is in the article's record."""
    sides = [[{"key": k, "role": r, "code": code, "name": n}
              for k, r, code, n in zip(c[f"{side}_key"], c[f"{side}_role"], c[f"{side}_code"], c[f"{side}_name"])]
             for side in ("source", "target")]
    places = [None if n is None else {"name": n, "key": k} for n, k in zip(c["place_name"], c["place_key"])]
    return [{"schema_version": ROW_SCHEMA, "id": i, "document_id": doc, "document_title": title, "cluster_id": cl,
             "date": day, "code": code, "name": name, "root": root, "goldstein": gold, "quad_class": quad,
             "plover": plover, "mode": mode, "confidence": conf, "source": source, "target": target, "place": place,
             "sentence": sentence}
            for i, doc, title, cl, day, code, name, root, gold, quad, plover, mode, conf, source, target, place, sentence
            in zip(c["id"], c["document_id"], c["document_title"], c["cluster_id"], c["date"], c["code"], c["name"],
                   c["root"], c["goldstein"], c["quad_class"], c["plover"], c["mode"], c["confidence"], *sides,
                   places, c["sentence"])]


SERIES_COLUMNS = ("date_day", "tone")  # held besides the row columns, for the series (analysis/series.py)


def _select(source: str = "events", extra: tuple[str, ...] = ()) -> str:
    """The row columns (and `extra`) of the events of `source`, with their documents' titles, in display order."""
    columns = ", ".join("d.title AS document_title" if c == "document_title" else f"e.{c}"
                        for c in ROW_COLUMNS + extra)
    order = ", ".join(f"e.{part}" for part in DISPLAY_ORDER.split(", "))
    return f"SELECT {columns} FROM {source} e LEFT JOIN documents d ON d.id = e.document_id ORDER BY {order}"


def table_rows(con, f: EventFilters) -> list[dict[str, Any]]:
    """The event table's rows matching `f` (events, not clusters) in display order, read through DuckDB."""
    cond, args = conditions(con, f)
    sql = f"WITH m AS (SELECT * FROM events WHERE {cond}) {_select('m')}"
    if f.limit:
        sql += f" LIMIT {int(f.limit)}"
    cur = con.execute(sql, args)
    names = [c[0] for c in cur.description]
    rows = cur.fetchall()
    return shaped_rows({name: [row[i] for row in rows] for i, name in enumerate(names)})


def _postings(codes: np.ndarray, distinct: int) -> tuple[np.ndarray, np.ndarray]:
    """(positions, bounds): the positions of code c are positions[bounds[c]:bounds[c + 1]], ascending."""
    order = np.argsort(codes, kind="stable").astype(np.int32)
    return order, np.searchsorted(codes[order], np.arange(distinct + 1))


class EventIndex:
    """The events of a store in display order, in memory (see the module)."""

    def __init__(self, con):
        import pyarrow as pa
        import pyarrow.compute as pc

        table = con.sql(_select(extra=SERIES_COLUMNS)).to_arrow_table()
        self.size = table.num_rows
        self._codes: dict[str, np.ndarray] = {}
        self._vocab: dict[str, dict[str, int]] = {}  # the values of the columns filters name, by code
        self._distinct: dict[str, int] = {}
        self._prefixes: dict[str, np.ndarray] = {}  # `_under`
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        columns, self._row_values = {}, {}
        for name in table.column_names:
            column = table.column(name).combine_chunks()
            repeated = name in ACTOR_COLUMNS + CODED or (name in ROW_COLUMNS and name not in UNIQUE
                                                         and pa.types.is_string(column.type))
            if repeated:  # names, codes, dates, titles: a value for many events, held once
                encoded = pc.dictionary_encode(column)
                codes = pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int32)  # NULL: -1
                values = encoded.dictionary.to_pylist()
                self._codes[name] = codes
                self._distinct[name] = len(values)
                if name in ROW_COLUMNS:  # a list (taking a few values from Arrow costs more), then None: code -1
                    self._row_values[name] = values + [None]
                if name in ACTOR_COLUMNS + ("code", "root"):
                    self._vocab[name] = {v: i for i, v in enumerate(values)}
                if name in ACTOR_COLUMNS:
                    self._postings[name] = _postings(codes, self._distinct[name])
            columns[name] = column
        for part in ("key", "code"):  # either side: an actor filter reads one list (an event acting on itself once)
            src, tgt = self._vocab[f"source_{part}"], self._vocab[f"target_{part}"]
            both = {v: i for i, v in enumerate(sorted(set(src) | set(tgt)))}
            s_codes = np.array([both[v] for v in src] + [-1], dtype=np.int32)[self._codes[f"source_{part}"]]
            t_codes = np.array([both[v] for v in tgt] + [-1], dtype=np.int32)[self._codes[f"target_{part}"]]
            positions = np.arange(self.size, dtype=np.int32)
            other = (t_codes >= 0) & (t_codes != s_codes)
            codes = np.concatenate([s_codes[s_codes >= 0], t_codes[other]])
            at = np.concatenate([positions[s_codes >= 0], positions[other]])
            order = np.lexsort((at, codes))
            self._vocab[f"either_{part}"] = both
            self._postings[f"either_{part}"] = (at[order], np.searchsorted(codes[order], np.arange(len(both) + 1)))
        # the other row columns, one chunk each: `take` is cheap
        self._plain = pa.table({name: columns[name] for name in ROW_COLUMNS if name not in self._row_values})
        days = columns["date_day"].cast(pa.int32())
        self._has_day = days.is_valid().to_numpy(zero_copy_only=False)
        self._day = days.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int32)
        self._dated = int(self._has_day.sum())  # the first positions: NULL days sort last
        self._confidence, self.goldstein, self.tone, self.quad = (
            columns[c].cast(pa.float64()).fill_null(float("nan")).to_numpy(zero_copy_only=False)
            for c in ("confidence", "goldstein", "tone", "quad_class"))
        # the rank of each id (a cluster's first report is its earliest, then the smallest id)
        self.id_rank = np.empty(self.size, dtype=np.int32)
        self.id_rank[pc.sort_indices(columns["id"]).to_numpy()] = np.arange(self.size, dtype=np.int32)

    # -- filters ---------------------------------------------------------------------------------------------

    def codes(self, column: str) -> tuple[np.ndarray, int]:
        """A dictionary-coded column (CODED or an actor column): each position's code (-1 for NULL), and the
        number of distinct values."""
        return self._codes[column], self._distinct[column]

    def code_of(self, column: str, value: str) -> int | None:
        """The code of `value` in the column `code`, `root` or an actor column; None when no event holds it."""
        return self._vocab[column].get(value)

    @property
    def days(self) -> tuple[np.ndarray, np.ndarray]:
        """Each position's day as days since 1970-01-01, and whether it has one."""
        return self._day, self._has_day

    def stored(self, column: str, term: str) -> bool:
        """Whether an event holds `term` in source_<column> or target_<column> (ActorNames' question)."""
        return term in self._vocab[f"source_{column}"] or term in self._vocab[f"target_{column}"]

    def values(self) -> set[str]:
        """The keys and codes the events' sides hold (for ActorNames' closest names)."""
        return {v for column in ACTOR_COLUMNS for v in self._vocab[column] if v}

    def _positions(self, column: str, value: str) -> np.ndarray:
        code = self._vocab[column].get(value)
        if code is None:
            return np.empty(0, dtype=np.int32)
        order, bounds = self._postings[column]
        return order[bounds[code]:bounds[code + 1]]

    @staticmethod
    def _groups(who: ResolvedActors) -> list[list[tuple[str, str]]]:
        """The actor filters as groups of (column, value) terms: an event passes a group when it holds any of
        its terms, and the filters when it passes every group."""
        groups = []
        if who.actor:
            groups.append([(f"either_{who.actor.column}", who.actor.value)])
        for side, terms in (("source", who.sources), ("target", who.targets)):
            if terms:
                groups.append([(f"{side}_{t.column}", t.value) for t in terms])
        return groups

    def _block(self, groups, lo: int, hi: int) -> np.ndarray:
        """Positions in [lo, hi) that pass the actor groups, ascending: the postings of the first group (the
        smallest, `select` puts it first) cut to the block by binary search and merged, then the other
        groups tested on those positions' codes."""
        if not groups:
            return np.arange(lo, hi, dtype=np.int32)
        bounds = np.array((lo, hi), dtype=np.int32)  # of the haystack's type: else numpy casts the haystack
        parts = []
        for column, value in groups[0]:
            positions = self._positions(column, value)
            a, b = np.searchsorted(positions, bounds)
            parts.append(positions[a:b])
        pos = parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
        for group in groups[1:]:
            keep = np.zeros(len(pos), dtype=bool)
            for column, value in group:
                for one in ((column.replace("either", "source"), column.replace("either", "target"))
                            if column.startswith("either_") else (column,)):
                    code = self._vocab[one].get(value)
                    if code is not None:
                        keep |= self._codes[one][pos] == code
            pos = pos[keep]
        return pos

    def _under(self, prefix: str) -> np.ndarray:
        """The codes of the CAMEO codes starting with `prefix` (kept: a few hundred codes to look through)."""
        found = self._prefixes.get(prefix)
        if found is None:
            found = np.array([i for v, i in self._vocab["code"].items() if v.startswith(prefix)], dtype=np.int32)
            self._prefixes[prefix] = found
        return found

    def _keep(self, pos: np.ndarray, f: EventFilters, codes, since, until) -> np.ndarray:
        keep = self._confidence[pos] >= f.min_confidence
        if codes is not None:
            keep &= np.isin(self._codes["code"][pos], codes)
        if since is not None or until is not None:
            day = self._day[pos]
            keep &= self._has_day[pos]
            if since is not None:
                keep &= day >= since
            if until is not None:
                keep &= day <= until
        return pos[keep]

    def select(self, con, f: EventFilters) -> np.ndarray:
        """Positions of the events matching `f` in display order, at most `f.limit` of them: blocks of display
        positions, each twice the last, until the page is full (a common actor's first block fills it; a
        rare dyad's postings are crossed in a few binary searches per block)."""
        groups = sorted(self._groups(resolve_actors(con, f, known=self)),
                        key=lambda g: sum(len(self._positions(c, v)) for c, v in g))
        codes = self._under(f.code) if f.code else None
        since = f.since.toordinal() - EPOCH if f.since else None  # days since 1970-01-01, as date32
        until = f.until.toordinal() - EPOCH if f.until else None
        lo, end = 0, self.size
        if since is not None or until is not None:  # display order is day order (days NULLS LAST): a range
            dated = self._day[:self._dated]
            lo = int(np.searchsorted(dated, np.int32(since), "left")) if since is not None else 0
            end = int(np.searchsorted(dated, np.int32(until), "right")) if until is not None else self._dated
        size = end - lo  # every match wanted, or a short driver list: all at once
        if f.limit and groups:  # else a block expected to hold about four pages of the driver's positions
            driver = sum(len(self._positions(c, v)) for c, v in groups[0])
            size = max(CHUNK, int(self.size * min(1.0, 4 * f.limit / max(driver, 1))))
        elif f.limit:
            size = CHUNK
        picked, count = [], 0
        while lo < end:
            hi = min(end, lo + size)
            pos = self._keep(self._block(groups, lo, hi), f, codes, since, until)
            picked.append(pos)
            count += len(pos)
            if f.limit and count >= f.limit:
                break
            lo, size = hi, size * 2
        found = np.concatenate(picked) if picked else np.empty(0, dtype=np.int32)
        return found[:f.limit] if f.limit else found

    def table_rows(self, con, f: EventFilters) -> list[dict[str, Any]]:
        """What `table_rows(con, f)` gives, from memory."""
        positions = self.select(con, f)
        lists = {name: [values[c] for c in self._codes[name][positions].tolist()]  # -1: the None at the end
                 for name, values in self._row_values.items()}
        plain = self._plain.take(positions)
        lists |= {name: plain.column(name).to_pylist() for name in plain.column_names}
        return shaped_rows(lists)
