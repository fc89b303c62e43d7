"""Events out of the store: CSV, JSON Lines, Parquet, GDELT 2.0 event columns and PLOVER JSON Lines.

Every format is one SELECT over the events (the filters of `dyads events`, `storage.filters`) written by
DuckDB's own COPY, so an export streams in SQL whatever its size. Filter values are always parameters;
the output path, which COPY does not take as a parameter, is quoted as an SQL string literal.
docs/export.md says where each column comes from.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass

import duckdb

from dyads.errors import StoreError, UsageError

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "plover")
HEADER_FORMATS = ("csv", "gdelt")
ORDER = "e.date_day NULLS LAST, e.document_id, e.segment, e.sentence_index, e.id"
DOCUMENT_COLUMNS = {"document_url": "url", "document_title": "title", "document_publisher": "publisher",
                    "document_published_day": "published_day"}


@dataclass(frozen=True)
class Matching:
    """Which events: a WHERE clause over the events table and its parameters (storage.filters.conditions,
    which the API builds), one report per cluster or every one, at most `limit`."""

    where: str = "TRUE"
    args: tuple = ()
    clusters: bool = False
    limit: int | None = None


# the store's integer numbers of events, clusters and documents (storage/migrations.py, NUMBER_COLUMNS): its
# own means to group fast, left out of what is exported
NUMBER_COLUMNS = ("seq", "cluster_seq", "document_seq", "id_key")


def selection(f: Matching, more: dict[str, str] | None = None, json_provenance: bool = False,
              ordered: bool = True) -> tuple[str, list]:
    """SELECT of the matching events (every events column, then DOCUMENT_COLUMNS and `more`: name -> a
    documents column), in the order of `dyads events` (in no particular order unless `ordered` or
    `f.limit`: sorting is most of a large export's time); with `f.clusters`, each cluster's first report."""
    cond, args = f.where, list(f.args)
    once = " QUALIFY row_number() OVER (PARTITION BY cluster_seq ORDER BY date_day NULLS LAST, id_key) = 1" \
        if f.clusters else ""
    docs = {**DOCUMENT_COLUMNS, **(more or {})}
    columns = "".join(f", d.{column} AS {name}" for name, column in docs.items())
    provenance = "" if json_provenance else " REPLACE (CAST(e.provenance AS VARCHAR) AS provenance)"
    sql = (f"SELECT e.* EXCLUDE ({', '.join(NUMBER_COLUMNS)}){provenance}{columns} "
           f"FROM (SELECT * FROM events WHERE {cond}{once}) e "
           f"LEFT JOIN documents d ON d.id = e.document_id")
    if ordered or f.limit:
        sql += f" ORDER BY {ORDER}"
    if f.limit:
        sql += " LIMIT ?"
        args = [*args, f.limit]
    return sql, args


def events_frame(con, f: Matching):
    """The matching events as a pandas DataFrame (provenance as a JSON string)."""
    sql, args = selection(f)
    return con.execute(sql, args).df()


def _clean(expr: str) -> str:
    """A text column with tabs and line breaks made spaces (GDELT's files have one line per event)."""
    return f"nullif(regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g'), '')"


def _actor(n: int, side: str, country: str) -> list[tuple[str, str, str]]:
    p = f"Actor{n}"
    return [(f"{p}Code", "VARCHAR", f"nullif(e.{side}_code, '')"), (f"{p}Name", "VARCHAR", _clean(f"e.{side}_name")),
            (f"{p}CountryCode", "VARCHAR", f"{country}.country"), (f"{p}KnownGroupCode", "VARCHAR", ""),
            (f"{p}EthnicCode", "VARCHAR", ""), (f"{p}Religion1Code", "VARCHAR", ""),
            (f"{p}Religion2Code", "VARCHAR", ""), (f"{p}Type1Code", "VARCHAR", f"nullif(e.{side}_role, '')"),
            (f"{p}Type2Code", "VARCHAR", ""), (f"{p}Type3Code", "VARCHAR", "")]


def _geo(prefix: str, place: bool) -> list[tuple[str, str, str]]:
    filled = {"Type": "g.geo_type", "FullName": _clean("e.place_name"), "CountryCode": "e.place_key"} if place else {}
    return [(f"{prefix}Geo_{name}", kind, filled.get(name, "")) for name, kind in
            (("Type", "INTEGER"), ("FullName", "VARCHAR"), ("CountryCode", "VARCHAR"), ("ADM1Code", "VARCHAR"),
             ("ADM2Code", "VARCHAR"), ("Lat", "DOUBLE"), ("Long", "DOUBLE"), ("FeatureID", "VARCHAR"))]


DAY = "e.date_day"
ROOT_EVENT = ("CASE WHEN e.segment IN ('title', 'subtitle') OR (e.segment = 'body' AND coalesce(TRY_CAST("
              "e.provenance ->> 'sentence_start' AS INTEGER), CASE WHEN e.sentence_index = 0 THEN 0 END) < "
              "l.lead_end) THEN 1 ELSE 0 END")
# (name, type, SQL expression or "" for a field the store does not have), in GDELT 2.0's order: 61 columns
GDELT_COLUMNS: list[tuple[str, str, str]] = [
    ("GLOBALEVENTID", "BIGINT", "CAST(CAST(('0x' || substr(md5(e.id), 1, 16)) AS UBIGINT) >> 1 AS BIGINT)"),
    ("SQLDATE", "INTEGER", f"CAST(strftime({DAY}, '%Y%m%d') AS INTEGER)"),
    ("MonthYear", "INTEGER", f"CAST(strftime({DAY}, '%Y%m') AS INTEGER)"),
    ("Year", "INTEGER", f"year({DAY})"),
    ("FractionDate", "DOUBLE", f"round(year({DAY}) + (dayofyear({DAY}) - 1) / date_diff('day', "
                               f"make_date(year({DAY}), 1, 1), make_date(year({DAY}) + 1, 1, 1)), 4)"),
    *_actor(1, "source", "c1"), *_actor(2, "target", "c2"),
    ("IsRootEvent", "INTEGER", ROOT_EVENT),
    ("EventCode", "VARCHAR", "e.code"), ("EventBaseCode", "VARCHAR", "left(e.code, 3)"),
    ("EventRootCode", "VARCHAR", "e.root"), ("QuadClass", "INTEGER", "e.quad_class"),
    ("GoldsteinScale", "DOUBLE", "e.goldstein"), ("NumMentions", "INTEGER", "k.mentions"),
    ("NumSources", "INTEGER", "k.sources"), ("NumArticles", "INTEGER", "k.articles"),
    ("AvgTone", "DOUBLE", "round(k.tone * 100, 3)"),
    *_geo("Actor1", False), *_geo("Actor2", False), *_geo("Action", True),
    ("DATEADDED", "BIGINT", "CAST(strftime(timezone('UTC', e.document_ingested_at), '%Y%m%d%H%M%S') AS BIGINT)"),
    ("SOURCEURL", "VARCHAR", _clean("e.document_url")),
]
GDELT_DTYPES = {name: ("string" if kind == "VARCHAR" else "Int64" if kind in ("INTEGER", "BIGINT") else "float64")
                for name, kind, _ in GDELT_COLUMNS}  # for pandas.read_csv(..., sep="\t", dtype=GDELT_DTYPES)


def gdelt_sql(f: Matching) -> tuple[str, list]:
    """The GDELT 2.0 event columns of the matching events: cluster counts over every stored report of
    the event's cluster, countries and place types from the knowledge base (passed as list parameters)."""
    countries, places = kb_lookups()
    base, args = selection(f, {"document_ingested_at": "ingested_at"}, json_provenance=True, ordered=False)
    fields = ", ".join(f"CAST({expr or 'NULL'} AS {kind}) AS {name}" for name, kind, expr in GDELT_COLUMNS)
    sql = (f"WITH c AS (SELECT unnest(CAST(? AS VARCHAR[])) AS key, unnest(CAST(? AS VARCHAR[])) AS country), "
           f"g AS (SELECT unnest(CAST(? AS VARCHAR[])) AS name, unnest(CAST(? AS VARCHAR[])) AS country, "
           f"unnest(CAST(? AS INTEGER[])) AS geo_type), e AS ({base}), "
           f"r AS (SELECT r.cluster_id, r.document_id FROM events r WHERE r.cluster_id IN (SELECT cluster_id FROM e)), "
           f"k AS (SELECT r.cluster_id, count(*) AS mentions, count(DISTINCT r.document_id) AS articles, "
           f"count(DISTINCT d.publisher) AS sources, avg(d.tone) FILTER (WHERE r.first) AS tone "
           f"FROM (SELECT *, row_number() OVER (PARTITION BY cluster_id, document_id) = 1 AS first FROM r) r "
           f"LEFT JOIN documents d ON d.id = r.document_id GROUP BY r.cluster_id), "
           f"l AS (SELECT id, CASE WHEN strpos(body, chr(10) || chr(10)) > 0 THEN strpos(body, chr(10) || chr(10)) - 1 "
           f"ELSE length(body) END AS lead_end FROM documents WHERE id IN (SELECT document_id FROM e)) "
           f"SELECT {fields} FROM e LEFT JOIN k ON k.cluster_id = e.cluster_id LEFT JOIN l ON l.id = e.document_id "
           f"LEFT JOIN c c1 ON c1.key = e.source_key LEFT JOIN c c2 ON c2.key = e.target_key "
           f"LEFT JOIN g ON g.name = e.place_name AND g.country IS NOT DISTINCT FROM e.place_key "
           f"ORDER BY {ORDER}")
    lists = [list(countries), list(countries.values()), [n for n, _ in places], [c for _, c in places],
             list(places.values())]
    return sql, [*lists, *args]


def plover_sql(f: Matching, coder: str) -> tuple[str, list]:
    """PLOVER JSON field names (the PLOVER manual's "Data Fields"): one object per event."""
    base, args = selection(f, json_provenance=True, ordered=False)

    def entity(side: str) -> str:
        return (f"CASE WHEN coalesce(e.{side}_code, '') = '' AND coalesce(e.{side}_name, '') = '' THEN [] ELSE "
                f"[struct_pack(entity_text := nullif(e.{side}_name, ''), code := nullif(e.{side}_key, '---'), "
                f"sector := e.{side}_role, cameo_code := nullif(e.{side}_code, ''))] END")

    sql = (f"WITH e AS ({base}) SELECT e.id AS id, e.date_day AS date, e.date_precision AS date_precision, "
           f"CASE WHEN e.plover IS NULL THEN []::VARCHAR[] ELSE [e.plover] END AS event, [e.mode] AS mode, "
           f"[]::VARCHAR[] AS context, e.code AS cameo_code, e.name AS cameo_name, e.goldstein AS goldstein, "
           f"e.quad_class AS quad_code, {entity('source')} AS actor, {entity('target')} AS recipient, "
           f"CASE WHEN e.place_name IS NULL THEN NULL ELSE struct_pack(extracted_place := "
           f"e.provenance -> 'detail' -> 'place' ->> 'text', resolved_place := e.place_name, "
           f"country_code := e.place_key) END AS event_loc, "
           f"regexp_replace(e.sentence, '\\s+$', '') AS text, "
           f"struct_pack(segment := e.segment, sequence := e.sentence_index) AS text_info, "
           f"struct_pack(citation := e.document_id, url := e.document_url, title := e.document_title, "
           f"publication := e.document_publisher) AS cite_info, e.confidence AS confidence, e.pattern AS pattern, "
           f"CAST(? AS VARCHAR) AS coder FROM e ORDER BY {ORDER}")
    return sql, [*args, coder]


def check_export(path, fmt: str, header: bool = True) -> None:
    """UsageError for a format that is not one of FORMATS, no header outside csv and gdelt, Parquet to '-'."""
    if fmt not in FORMATS:
        raise UsageError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if not header and fmt not in HEADER_FORMATS:
        raise UsageError("no_header", f"only csv and gdelt have a header row, not {fmt}")
    if os.fspath(path) == "-" and fmt == "parquet":
        raise UsageError("output", "Parquet is binary: give a file, not '-' (standard output)")
    if not os.fspath(path):
        raise UsageError("output", "give a file name or '-' (standard output)")


def export(con, path: str, fmt: str, f: Matching, header: bool = True, coder: str = "dyads") -> int:
    """Write the matching events to `path` ('-': standard output, text formats only); rows written."""
    check_export(path, fmt, header)
    path = os.fspath(path)
    if fmt == "gdelt":
        sql, args = gdelt_sql(f)
        options = f"FORMAT csv, DELIMITER '\t', HEADER {str(header).lower()}"
    elif fmt == "plover":
        sql, args = plover_sql(f, coder)
        options = "FORMAT json"
    else:
        sql, args = selection(f, json_provenance=fmt == "jsonl", ordered=fmt != "parquet")
        options = {"csv": f"FORMAT csv, HEADER {str(header).lower()}", "jsonl": "FORMAT json",
                   "parquet": "FORMAT parquet"}[fmt]
    if path != "-":
        return _copy(con, sql, args, path, options)
    with tempfile.TemporaryDirectory(prefix="dyads-export-") as folder:
        temp = os.path.join(folder, "out")
        rows = _copy(con, sql, args, temp, options)
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        with open(temp, "rb") as written:
            if out is not None:
                shutil.copyfileobj(written, out)
                out.flush()
            else:
                sys.stdout.write(written.read().decode("utf-8"))
        return rows


def _copy(con, sql: str, args: list, path: str, options: str) -> int:
    literal = "'" + path.replace("'", "''") + "'"
    try:
        return int(con.execute(f"COPY ({sql}) TO {literal} ({options})", args).fetchone()[0])
    except duckdb.IOException as err:
        raise UsageError("output", f"cannot write {path}: {err}") from None
    except duckdb.Error as err:
        raise StoreError(f"cannot export to {path}: {err}") from None


def kb_lookups() -> tuple[dict[str, str], dict[tuple[str, str | None], int]]:
    """From the knowledge base: actor key -> CAMEO country code (states, and non-state groups' country),
    and (place name, country key) -> GDELT geo type (1 country, 2 US state, 3 US city, 4 city, 5 province)."""
    from dyads.kb import load_kb

    kb = load_kb()
    countries = {key: state.cameo for key, state in kb.states.items()}
    for key, org in kb.orgs.items():
        if org.country and key not in countries:
            countries[key] = kb.states[org.country].cameo if org.country in kb.states else org.country
    places: dict[tuple[str, str | None], int] = {}

    def add(name: str, country: str | None, kind: str) -> None:
        us = country == "USA"
        geo = {"country": 1, "city": 3 if us else 4, "province": 2 if us else 5}.get(kind)
        if geo is not None:
            places.setdefault((name, country), geo)

    for key, state in kb.states.items():
        add(state.name, key, "country")
        for capital in state.capitals:
            add(capital, key, "city")
    for name, (country, kind) in kb.places.items():
        add(name, country, kind)
    return countries, places
