"""The filters of `dyads events` and `api.events`, checked and resolved against what is known.

Actors are given as keys (`USA`, `EU`) or CAMEO actor codes (`USAGOV`, `IGOEUREEC`), as the tables show
them: a key filters the key columns, a code the code columns. Event codes are roots or full CAMEO codes.
Days are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A value that is none of these raises a UsageError naming
the closest known ones.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from dyads.errors import UsageError

DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class ActorFilter:
    """One actor filter: `column` is "key" or "code"; `value` what that column must hold."""

    column: str
    value: str


def parse_day(value, option: str = "since", end: bool = False) -> dt.date:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or a date) -> its first day, or its last one with `end`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = DAY.match(text)
    if not match:
        raise UsageError(option, f"{text!r} is not a day: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-05-16)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            first = dt.date(year, month, 1)
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) if end else first
        return dt.date(year, month, day)
    except ValueError as err:
        raise UsageError(option, f"{text!r} is not a day: {err}") from None


def parse_dyad(value) -> tuple[str, str]:
    """"SOURCE,TARGET" or a (source, target) pair -> the two, upper-cased."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",")]
    else:
        parts = [str(p or "").strip() for p in value] if isinstance(value, (tuple, list)) else []
    if len(parts) != 2 or not all(parts):
        raise UsageError("dyad", f"{value!r}: expected SOURCE,TARGET (keys or codes), e.g. RUS,UKR or UKRGOV,RUS")
    return parts[0].upper(), parts[1].upper()


def parse_group(value) -> tuple[list[str], list[str]]:
    """"CHN+RUS,USA" -> (["CHN", "RUS"], ["USA"]): any of the sources acting on any of the targets."""
    sides = [[t.strip().upper() for t in p.split("+") if t.strip()] for p in str(value).split(",")]
    if len(sides) != 2 or not all(sides):
        raise UsageError("group", f"{value!r}: expected SOURCES,TARGETS with + between actors, e.g. CHN+RUS,USA")
    return sides[0], sides[1]


def check_code(value) -> str:
    """A CAMEO event code or root, as given; else a UsageError naming the closest codes."""
    from dyads.ontology.cameo import CAMEO_VERSION, load_cameo

    code = str(value).strip()
    table = load_cameo()
    if code in table:
        return code
    near = closest_codes(code, list(table))
    hint = f"; closest: {', '.join(near)}" if near else ""
    raise UsageError("code", f"{code!r} is not a CAMEO {CAMEO_VERSION} event code (roots are 01 to 20){hint}")


def closest_codes(code: str, codes: list[str], n: int = 5) -> list[str]:
    near = difflib.get_close_matches(code, codes, n, 0.6)
    if near or not code.isdigit():
        return near
    same = [c for c in codes if len(c) == len(code)] or codes
    return sorted(same, key=lambda c: (abs(int(c) - int(code)), c))[:n]


# The default --min-confidence of every reader (CLI, API, dashboard): the highest threshold at which every
# dev figure of benchmarks/coding.py still meets the acceptance bars (its last lines print the sweep).
DEFAULT_MIN_CONFIDENCE = 0.5


def check_confidence(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise UsageError("min_confidence", f"{value!r} is not a number from 0 to 1")
    return number


def check_limit(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError("limit", f"{value!r} is not a whole number of at least 1")
    return value


@dataclass(frozen=True)
class EventFilters:
    """The filters of one events query, checked; actors still as given (resolved against a store)."""

    actor: str | None = None
    sources: tuple[str, ...] = ()  # any of them acting on any of the targets
    targets: tuple[str, ...] = ()
    side: str | None = None  # the option that named them (dyad, group), or None for source / target
    code: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float = 0.0
    clusters: bool = False
    limit: int | None = None


def check_filters(actor=None, dyad=None, code=None, since=None, until=None, min_confidence=0.0, clusters=False,
                  limit=None, source=None, target=None, group=None) -> EventFilters:
    """Every filter checked (UsageError naming the option otherwise); `dyad` is "A,B" or a pair, `group`
    "A+B,C"."""
    for option, value in (("actor", actor), ("source", source), ("target", target)):
        if value is not None and not isinstance(value, str):
            raise UsageError(option, f"{value!r} is not an actor key or code")
    sources = [source.strip().upper()] if source else []
    targets = [target.strip().upper()] if target else []
    side = None
    for option, value, parse in (("dyad", dyad, parse_dyad), ("group", group, parse_group)):
        if value is None:
            continue
        if side or sources or targets:
            raise UsageError(option, f"give one of dyad, group or source/target, not {option} beside another")
        sources, targets = (list(x) if isinstance(x, list) else [x] for x in parse(value))
        side = option
    return EventFilters(
        actor=actor.strip().upper() or None if actor else None, sources=tuple(sources), targets=tuple(targets),
        side=side,
        code=check_code(code) if code is not None else None,
        since=parse_day(since, "since") if since is not None else None,
        until=parse_day(until, "until", end=True) if until is not None else None,
        min_confidence=check_confidence(min_confidence), clusters=bool(clusters), limit=check_limit(limit))


@dataclass(frozen=True)
class ResolvedActors:
    """The actor filters of checked filters, resolved: `actor` (either side), any of `sources` acting on any of
    `targets` (empty: no condition on that side)."""

    actor: ActorFilter | None = None
    sources: tuple[ActorFilter, ...] = ()
    targets: tuple[ActorFilter, ...] = ()


def resolve_actors(con, f: EventFilters, known=None) -> ResolvedActors:
    """The actors of `f` resolved against the store and the KB (ActorNames; `known` as there)."""
    if not (f.actor or f.sources or f.targets):
        return ResolvedActors()
    names = ActorNames(con, known)
    return ResolvedActors(actor=names.resolve(f.actor, "actor") if f.actor else None,
                          sources=tuple(names.resolve(t, f.side or "source") for t in f.sources),
                          targets=tuple(names.resolve(t, f.side or "target") for t in f.targets))


def conditions(con, f: EventFilters) -> tuple[str, list]:
    """The WHERE clause of checked filters, actors resolved against the store and the KB, with its
    parameters."""
    who = resolve_actors(con, f)
    parts: list[tuple[str, list]] = [("confidence >= ?", [f.min_confidence])]
    if who.actor:
        column, value = who.actor.column, who.actor.value
        parts.append((f"(source_{column} = ? OR target_{column} = ?)", [value, value]))
    for side, found in (("source", who.sources), ("target", who.targets)):
        if found:
            parts.append(("(" + " OR ".join(f"{side}_{w.column} = ?" for w in found) + ")", [w.value for w in found]))
    if f.code:
        parts.append(("starts_with(code, ?)", [f.code]))
    if f.since:
        parts.append(("date_day >= ?", [f.since]))
    if f.until:
        parts.append(("date_day <= ?", [f.until]))
    return " AND ".join(sql for sql, _ in parts), [v for _, values in parts for v in values]


class ActorNames:
    """The actor keys and codes known to the store (its events) and, on demand, to the knowledge base.
    A term is looked up by itself (a scan that stops at the first match), so that a filter costs little
    on a large store; the full lists are read only to name the closest ones to an unknown term. `known`,
    when given, answers both from memory instead: `known.stored(column, term)`, `known.values()` (the keys
    and codes of the events' sides; storage.readmodel.EventIndex)."""

    def __init__(self, con, known=None):
        self.con = con
        self._kb = None
        self._known = known

    def _stored(self, column: str, term: str) -> bool:
        if self._known is not None:
            return self._known.stored(column, term)
        return bool(self.con.execute(f"SELECT 1 FROM events WHERE source_{column} = ? OR target_{column} = ? LIMIT 1",
                                     [term, term]).fetchall())  # fetchall: no unfinished result left behind

    def resolve(self, term: str, option: str) -> ActorFilter:
        term = term.strip().upper()
        if self._stored("key", term):
            return ActorFilter("key", term)
        if self._stored("code", term):
            return ActorFilter("code", term)
        keys, bases, roles = self.kb()
        if term in keys:
            return ActorFilter("key", term)
        if any(term.startswith(b) and term[len(b):] in roles for b in bases):
            return ActorFilter("code", term)
        if self._known is not None:
            stored = set(self._known.values())
        else:
            rows = self.con.execute("SELECT DISTINCT source_key, source_code, target_key, target_code FROM events"
                                    ).fetchall()
            stored = {r[i] for r in rows for i in range(4) if r[i]}
        known = sorted(stored | keys | {b + r for b in bases for r in roles if len(b) == 3})
        near = difflib.get_close_matches(term, known, 5, 0.6)
        hint = f"; closest: {', '.join(near)}" if near else ""
        raise UsageError(option, f"{term!r} is not an actor key or code known to the knowledge base or the "
                                 f"database{hint}")

    def kb(self) -> tuple[set[str], set[str], set[str]]:
        """KB keys, base codes (a state's or organisation's code, `---`) and roles ("" for none)."""
        if self._kb is None:
            from dyads.kb import load_kb

            kb = load_kb()
            keys = set(kb.states) | set(kb.orgs)
            bases = {s.cameo for s in kb.states.values()} | {o.cameo or "IGO" for o in kb.orgs.values()} | {"---"}
            bases |= {o.country for o in kb.orgs.values() if o.country}
            self._kb = (keys, bases, set(kb.roles.values()) | {""})
        return self._kb
