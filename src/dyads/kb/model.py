"""Typed records of the knowledge base."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class State:
    key: str
    cameo: str
    iso2: str
    name: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    military_seats: tuple[str, ...] = ()
    region: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None
    un: str = "none"


@dataclass(frozen=True)
class Membership:
    key: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Organisation:
    key: str
    cameo: str | None
    name: str
    names: tuple[str, ...] = ()
    kind: str = "global"
    parent: str | None = None
    members: tuple[Membership, ...] = ()
    country: str | None = None  # non-state groups: main country of operation
    role: str | None = None  # non-state groups: REB, UAF, MIL, OPP, PTY

    def members_at(self, when: dt.date | None) -> list[str]:
        return [m.key for m in self.members if covers(m.start, m.end, when)]


@dataclass(frozen=True)
class Term:
    """One continuous term of one office."""

    person: str
    state: str
    office: str
    title: str
    role: str
    start: dt.date
    end: dt.date | None
    note: str = ""

    def covers(self, when: dt.date) -> bool:
        return covers(self.start, self.end, when)


@dataclass
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    terms: list[Term] = field(default_factory=list)
    source: str = "kb"

    def term_at(self, when: dt.date | None) -> Term | None:
        """The term held on `when` (the most senior when several); None when out of office."""
        if when is None:
            current = [t for t in self.terms if t.end is None]
            return min(current, key=lambda t: OFFICE_RANK.get(t.office, 9)) if current else None
        held = [t for t in self.terms if t.covers(when)]
        return min(held, key=lambda t: OFFICE_RANK.get(t.office, 9)) if held else None

    def last_term_before(self, when: dt.date) -> Term | None:
        past = [t for t in self.terms if t.end is not None and t.end < when]
        return max(past, key=lambda t: t.end) if past else None

    def first_term(self) -> Term | None:
        return min(self.terms, key=lambda t: t.start) if self.terms else None


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    country: str
    kind: str
    state_owned: str


@dataclass(frozen=True)
class Entry:
    """What a surface form can refer to: kind is state, demonym, capital, seat, military_seat, org,
    person, outlet, role or code (a PETRARCH actor phrase with dated codes)."""

    kind: str
    ref: str


OFFICE_RANK = {"supreme_leader": 0, "head_of_state": 1, "head_of_government": 2, "party_leader": 3,
               "secretary_general": 1, "president_of_commission": 1, "president_of_council": 2,
               "director_general": 1, "managing_director": 1, "president": 1, "high_representative": 3,
               "foreign_minister": 4, "defence_minister": 5, "chief_prosecutor": 4}


def covers(start: dt.date | None, end: dt.date | None, when: dt.date | None) -> bool:
    if when is None:
        return end is None
    return (start is None or start <= when) and (end is None or when <= end)
