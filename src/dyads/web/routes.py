"""The dashboard's JSON routes under /api: thin calls of dyads.api with the dashboard's size limits.

Parameters have the names of the api functions' arguments; an empty one counts as not given. A wrong value
is a dyads.errors.UsageError, answered 400 with its message (dyads.web.app).
"""
from __future__ import annotations

import re

import numpy as np
import orjson
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from dyads import api
from dyads.errors import StoreError, UsageError
from dyads.web.marks import annotate

router = APIRouter(prefix="/api")

MAX_EVENTS = 1000  # rows of one events page
PAGE_EVENTS = 100  # the default page
MAX_PERIODS = 5000  # rows of one series
MAX_ARTICLES = 1000
MAX_SAMPLES = 10000  # bootstrap samples of one shift
DOC_ID = re.compile(r"^[\w.:@+-]{1,200}$")


def _db(request: Request):
    return request.app.state.reader


async def _memory_first(request: Request, fn, **kwargs):
    """`fn(reader, **kwargs)` on the event loop when its answer comes from memory (the reader's `now()` view:
    the open connection and the in-memory index, no waiting, no query of the file: about a millisecond),
    else in a worker thread with the reader itself, which may wait for an ingest, open the file, build the
    index or run SQL. A worker thread costs a hop and a share of the GIL with every other one: on the loop,
    a page is served in a third of the time under load (benchmarks/serve.py)."""
    reader = _db(request)
    try:
        return fn(reader.now(), **kwargs)
    except api.WouldWait:
        return await run_in_threadpool(fn, reader, **kwargs)


def _given(value: str | None) -> str | None:
    return value if value not in (None, "") else None


def _number(value: str | None, option: str, kind=int, low=None, high=None, default=None):
    """`value` as an int (or float), within [low, high]; `default` when not given."""
    if _given(value) is None:
        return default
    try:
        number = kind(value)
    except ValueError:
        raise UsageError(option, f"{value!r} is not a {'whole ' if kind is int else ''}number") from None
    if (low is not None and number < low) or (high is not None and number > high) or number != number:
        raise UsageError(option, f"{value!r} is out of range: from {low} to {high}")
    return number


def _flag(value: str | None, option: str) -> bool:
    if _given(value) is None:
        return False
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise UsageError(option, f"{value!r} is not true or false")


def _fallback(value):
    """What orjson does not write itself: pandas timestamps as ISO strings, NaT as null, sets as lists, other
    NumPy scalars as Python numbers."""
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json(value) -> Response:
    """`value` as a JSON response: NaN and infinities as null, dates as ISO strings, NumPy values as numbers."""
    return Response(orjson.dumps(value, default=_fallback, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY),
                    media_type="application/json")


def _rows(frame: pd.DataFrame) -> list[dict]:
    """A series frame's rows as dicts, `period` as YYYY-MM-DD (column by column: a few microseconds a row)."""
    if frame.empty:
        return []
    lists = [np.datetime_as_string(column.to_numpy().astype("datetime64[D]")).tolist() if name == "period"
             else column.to_numpy().tolist() for name, column in frame.items()]
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*lists)]


@router.get("/series")
async def series(request: Request, actor: str | None = None, dyad: str | None = None, group: str | None = None,
                 by: str = "month", since: str | None = None, until: str | None = None,
                 min_confidence: str | None = None, mentions: str | None = None):
    """api.series as {rows: [{period (YYYY-MM-DD), events, goldstein_sum, ...}]} (at most MAX_PERIODS)."""
    frame = await _memory_first(
        request, api.series, actor=_given(actor), dyad=_given(dyad), group=_given(group), by=by or "month",
        since=_given(since), until=_given(until), mentions=_flag(mentions, "mentions"),
        min_confidence=_number(min_confidence, "min_confidence", float, 0, 1, api.DEFAULT_MIN_CONFIDENCE))
    if len(frame) > MAX_PERIODS:
        raise UsageError("by", f"{len(frame)} periods: at most {MAX_PERIODS}; choose a longer period or fewer days")
    return _json({"rows": _rows(frame), "columns": list(frame.columns)})


@router.get("/events")
async def events(request: Request, actor: str | None = None, dyad: str | None = None, group: str | None = None,
                 code: str | None = None, since: str | None = None, until: str | None = None,
                 min_confidence: str | None = None, clusters: str | None = None, limit: str | None = None):
    """One page of the event table: {events, limit, more (true when more match than the page holds)}; the
    events as api.event_rows gives them (the table's columns; the full event is in the article's record),
    or with `clusters` one row per cluster of reports (api.events)."""
    size = _number(limit, "limit", int, 1, MAX_EVENTS, PAGE_EVENTS)
    filters = dict(actor=_given(actor), dyad=_given(dyad), group=_given(group), code=_given(code),
                   since=_given(since), until=_given(until), limit=size + 1,
                   min_confidence=_number(min_confidence, "min_confidence", float, 0, 1, api.DEFAULT_MIN_CONFIDENCE))
    if _flag(clusters, "clusters"):
        rows = await run_in_threadpool(api.events, _db(request), clusters=True, **filters)
    else:
        rows = await _memory_first(request, api.event_rows, **filters)
    return _json({"events": rows[:size], "limit": size, "more": len(rows) > size})


@router.get("/articles")
def articles(request: Request):
    rows = api.articles(_db(request), limit=MAX_ARTICLES)
    return _json({"articles": rows})


@router.get("/actors")
def actors(request: Request):
    """The actors of the store (key, role, code, name, documents, mentions), for the pages' suggestions."""
    return _json({"actors": api.actors(_db(request), limit=MAX_ARTICLES)})


@router.get("/record/{doc_id}")
def record(request: Request, doc_id: str):
    """api.record with `marks`: per segment, its text cut into pieces, each naming the marks that cover it."""
    if not DOC_ID.match(doc_id):
        raise UsageError("id", f"{doc_id[:60]!r} is not an article id or input name")
    try:
        found = api.record(_db(request), doc_id)
    except StoreError as err:  # a prefix too short, or one that several ids share: named in the message
        return JSONResponse({"error": str(err)}, status_code=404)
    if found is None:
        return JSONResponse({"error": f"no article with the id, name or id prefix {doc_id!r}"}, status_code=404)
    return _json({"record": found} | annotate(found))


@router.get("/shift")
def shift(request: Request, actor: str | None = None, dyad: str | None = None, group: str | None = None,
          before: str | None = None, after: str | None = None, docs: str | None = None,
          min_confidence: str | None = None, mentions: str | None = None, samples: str | None = None,
          seed: str | None = None):
    """api.shift(...).to_dict(); `docs` is two article ids, comma-separated."""
    pair = [d.strip() for d in docs.split(",")] if _given(docs) else None
    if pair is not None and (len(pair) != 2 or not all(pair)):
        raise UsageError("docs", f"{docs!r}: expected two article ids, BEFORE,AFTER")
    result = api.shift(
        _db(request), actor=_given(actor), dyad=_given(dyad), group=_given(group), before=_given(before),
        after=_given(after), docs=tuple(pair) if pair else None, mentions=_flag(mentions, "mentions"),
        min_confidence=_number(min_confidence, "min_confidence", float, 0, 1, api.DEFAULT_MIN_CONFIDENCE),
        samples=_number(samples, "samples", int, 1, MAX_SAMPLES, 2000), seed=_number(seed, "seed", int, 0, 2**31, 0))
    return _json(result.to_dict())


@router.get("/network")
def network(request: Request, since: str | None = None, until: str | None = None, min_confidence: str | None = None,
            actor: str | None = None, code: str | None = None, mentions: str | None = None,
            min_events: str | None = None, seed: str | None = None):
    """api.network(...).to_dict() with `positions` {node: [x, y]}: networkx's spring layout (unweighted),
    seeded (`seed`, default 7), so the same store draws the same picture."""
    import networkx as nx

    result = api.network(
        _db(request), since=_given(since), until=_given(until), actor=_given(actor), code=_given(code),
        mentions=_flag(mentions, "mentions"), min_events=_number(min_events, "min_events", int, 1, 10**6, 1),
        min_confidence=_number(min_confidence, "min_confidence", float, 0, 1, api.DEFAULT_MIN_CONFIDENCE))
    graph = result.graph
    seed = _number(seed, "seed", int, 0, 2**31, 7)
    # k 1.5, wider than networkx's 1/sqrt(n): the small components' pull leaves the big one room for its labels
    layout = nx.spring_layout(graph, k=1.5, weight=None, seed=seed, iterations=200) if len(graph) else {}
    positions = {str(node): [round(float(x), 4), round(float(y), 4)] for node, (x, y) in layout.items()}
    return _json(result.to_dict() | {"positions": positions})
