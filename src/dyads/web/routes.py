"""The dashboard's JSON routes under /api: thin calls of dyads.api with the dashboard's size limits.

Parameters have the names of the api functions' arguments; an empty one counts as not given. A wrong value
is a dyads.errors.UsageError, answered 400 with its message (dyads.web.app).
"""
from __future__ import annotations

import datetime as dt
import math
import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

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


def plain(value):
    """JSON-ready: NaN and infinities as None, dates as ISO strings, numpy scalars as Python numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@router.get("/series")
def series(request: Request, actor: str | None = None, dyad: str | None = None, group: str | None = None,
           by: str = "month", since: str | None = None, until: str | None = None, min_confidence: str | None = None,
           mentions: str | None = None):
    """api.series as {rows: [{period (YYYY-MM-DD), events, goldstein_sum, ...}]} (at most MAX_PERIODS)."""
    frame = api.series(_db(request), actor=_given(actor), dyad=_given(dyad), group=_given(group), by=by or "month",
                       since=_given(since), until=_given(until), mentions=_flag(mentions, "mentions"),
                       min_confidence=_number(min_confidence, "min_confidence", float, 0, 1,
                                              api.DEFAULT_MIN_CONFIDENCE))
    if len(frame) > MAX_PERIODS:
        raise UsageError("by", f"{len(frame)} periods: at most {MAX_PERIODS}; choose a longer period or fewer days")
    if not frame.empty:
        frame["period"] = frame["period"].dt.strftime("%Y-%m-%d")
    return JSONResponse(plain({"rows": frame.to_dict(orient="records"), "columns": list(frame.columns)}))


@router.get("/events")
def events(request: Request, actor: str | None = None, dyad: str | None = None, group: str | None = None,
           code: str | None = None, since: str | None = None, until: str | None = None,
           min_confidence: str | None = None, clusters: str | None = None, limit: str | None = None):
    """api.events, one page: {events, limit, more (true when more events match than the page holds)}."""
    size = _number(limit, "limit", int, 1, MAX_EVENTS, PAGE_EVENTS)
    rows = api.events(_db(request), actor=_given(actor), dyad=_given(dyad), group=_given(group), code=_given(code),
                      since=_given(since), until=_given(until), clusters=_flag(clusters, "clusters"), limit=size + 1,
                      min_confidence=_number(min_confidence, "min_confidence", float, 0, 1,
                                             api.DEFAULT_MIN_CONFIDENCE))
    return JSONResponse(plain({"events": rows[:size], "limit": size, "more": len(rows) > size}))


@router.get("/articles")
def articles(request: Request):
    rows = api.articles(_db(request), limit=MAX_ARTICLES)
    return JSONResponse(plain({"articles": rows}))


@router.get("/actors")
def actors(request: Request):
    """The actors of the store (key, role, code, name, documents, mentions), for the pages' suggestions."""
    return JSONResponse(plain({"actors": api.actors(_db(request), limit=MAX_ARTICLES)}))


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
    return JSONResponse(plain({"record": found} | annotate(found)))


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
    return JSONResponse(plain(result.to_dict()))


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
    return JSONResponse(plain(result.to_dict() | {"positions": positions}))
