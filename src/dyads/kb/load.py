"""Load the knowledge base from the package's data files (and users' PETRARCH dictionaries)."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from dyads.kb.model import OFFICE_RANK, Entry, Membership, Organisation, Outlet, Person, State, Term
from dyads.yamlfile import load_yaml

DATA = files("dyads.kb") / "data"


def _date(value) -> dt.date | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _tsv(name: str) -> tuple[str, list[dict[str, str]]]:
    text = (DATA / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    version = lines[0].lstrip("# ").split(";")[0].replace("version", "").strip() if lines[0].startswith("#") else ""
    body = "\n".join(line for line in lines if not line.startswith("#"))
    return version, list(csv.DictReader(io.StringIO(body), delimiter="\t"))


class KnowledgeBase:
    """States, organisations, people with dated terms, role words and outlets, with a surface index."""

    def __init__(self) -> None:
        self.states: dict[str, State] = {}
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.roles: dict[str, str] = {}
        self.outlets: dict[str, Outlet] = {}
        self.places: dict[str, tuple[str | None, str]] = {}  # name -> (country key, kind)
        self.surface: dict[str, list[Entry]] = defaultdict(list)
        self.by_cameo: dict[str, str] = {}
        self.versions: dict[str, str] = {}
        self.dated_codes: dict[str, object] = {}  # PETRARCH actor entries by phrase id
        self._surnames: dict[str, list[Person]] | None = None

    # -- building ---------------------------------------------------------------------------------
    def add_surface(self, form: str, entry: Entry) -> None:
        form = " ".join(form.split())
        if form and entry not in self.surface[form]:
            self.surface[form].append(entry)

    def load_package_data(self) -> "KnowledgeBase":
        states = load_yaml((DATA / "states.yaml").read_text(encoding="utf-8"))
        self.versions["states"] = str(states.get("version", ""))
        for row in states["states"]:
            state = State(key=row["key"], cameo=row.get("cameo") or row["key"], iso2=str(row.get("iso2") or ""),
                          name=row["name"], names=tuple(row.get("names") or ()),
                          demonyms=tuple(row.get("demonyms") or ()), capitals=tuple(row.get("capitals") or ()),
                          seats=tuple(row.get("seats") or ()), military_seats=tuple(row.get("military_seats") or ()),
                          region=row.get("region"), valid_from=_date(row.get("valid_from")),
                          valid_to=_date(row.get("valid_to")), successor=row.get("successor"),
                          un=str(row.get("un") or "none"))
            self.states[state.key] = state
            self.by_cameo.setdefault(state.cameo, state.key)
            historical = state.valid_to is not None
            for form in (state.name, *state.names):
                if not historical or not self.surface.get(form):
                    self.add_surface(form, Entry("state", state.key))
            for kind, forms in (("demonym", state.demonyms), ("capital", state.capitals), ("seat", state.seats),
                                ("military_seat", state.military_seats)):
                for form in forms:
                    if not historical:
                        self.add_surface(form, Entry(kind, state.key))
        orgs = load_yaml((DATA / "organisations.yaml").read_text(encoding="utf-8"))
        self.versions["organisations"] = str(orgs.get("version", ""))
        for row in orgs["organisations"]:
            org = Organisation(key=row["key"], cameo=row.get("cameo"), name=row["name"],
                               names=tuple(row.get("names") or ()), kind=row.get("kind") or "global",
                               parent=row.get("parent"),
                               members=tuple(Membership(m["key"], _date(m.get("from")), _date(m.get("to")))
                                             for m in row.get("members") or ()),
                               country=row.get("country"), role=row.get("role"))
            self.orgs[org.key] = org
            if org.cameo and org.parent is None and org.role is None:
                self.by_cameo.setdefault(org.cameo, org.key)
            for form in (org.name, *org.names):
                self.add_surface(form, Entry("org", org.key))
        for org in self.orgs.values():  # "Farc", "Isil", "Brics": acronyms said as words, in British style
            for form in (f.title() for f in org.names if f.isalpha() and f.isupper() and len(f) >= 4):
                if not self.surface.get(form):
                    self.add_surface(form, Entry("org", org.key))
        version, rows = _tsv("offices.tsv")
        self.versions["offices"] = version
        for row in rows:
            person = self.people.get(row["person"])
            if person is None:
                aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
                person = self.people[row["person"]] = Person(row["person"], row["name"], aliases)
                for form in (person.name, *aliases):
                    self.add_surface(form, Entry("person", person.id))
            person.terms.append(Term(person=person.id, state=row["state"], office=row["office"], title=row["title"],
                                     role=row["role"] or "GOV", start=_date(row["start"]), end=_date(row["end"]),
                                     note=row.get("note") or ""))
        version, rows = _tsv("roles.tsv")
        self.versions["roles"] = version or "2026.11.1"
        for row in rows:
            term = row["term"].strip().lower()
            if term:
                self.roles[term] = row["role"].strip()
        if (DATA / "media.tsv").is_file():
            version, rows = _tsv("media.tsv")
            self.versions["media"] = version
            for row in rows:
                outlet = Outlet(row["name"], tuple(a for a in (row.get("aliases") or "").split("|") if a),
                                row["country"], row.get("kind") or "newspaper", row.get("state_owned") or "no")
                self.outlets[outlet.name] = outlet
                for form in (outlet.name, *outlet.aliases):
                    self.add_surface(form, Entry("outlet", outlet.name))
        if (DATA / "places.tsv").is_file():
            version, rows = _tsv("places.tsv")
            self.versions["places"] = version
            for row in rows:
                name = row["name"].strip()
                self.places[name] = (row.get("country") or None, row.get("kind") or "city")
                for form in (name, *[a for a in (row.get("aliases") or "").split("|") if a]):
                    if not self.surface.get(form):
                        self.add_surface(form, Entry("place", name))
        return self

    # -- questions --------------------------------------------------------------------------------
    def lookup(self, form: str) -> list[Entry]:
        return self.surface.get(" ".join(form.split()), [])

    def key_of_code(self, code: str) -> str | None:
        """CAMEO actor code -> our key ('RUSGOV' -> 'RUS', 'IGOUNO' -> 'UN')."""
        code = code.upper()
        if code in self.by_cameo:
            return self.by_cameo[code]
        if code[:3] in self.states:
            return code[:3]
        known = self.by_cameo.get(code[:6]) or self.by_cameo.get(code[:3])
        return known or (code[:3] if len(code) >= 3 else None)  # a user dictionary's own actor

    def office_holder(self, state: str, offices: tuple[str, ...], when: dt.date | None) -> Person | None:
        """Who held one of `offices` (in that order of preference) in `state` on `when`."""
        best: tuple[int, Person] | None = None
        for person in self.people.values():
            for term in person.terms:
                if term.state != state or term.office not in offices:
                    continue
                if (when is None and term.end is None) or (when is not None and term.covers(when)):
                    rank = offices.index(term.office)
                    if best is None or rank < best[0]:
                        best = (rank, person)
        return best[1] if best else None

    def surname_holders(self, token: str, when: dt.date | None, former: bool = False) -> list[Person]:
        """People in office on `when` whose name starts or ends with `token` ('Xi', 'Putin'); with
        `former`, when nobody of that name is in office, the people who held an office before."""
        if self._surnames is None:
            self._surnames = {}
            for person in self.people.values():
                for name in (person.name, *person.aliases):
                    words = name.replace("-", " ").split()
                    for key in {name.split()[0], name.split()[-1], words[0], words[-1]}:
                        if len(key) > 1 and person not in self._surnames.setdefault(key, []):
                            self._surnames[key].append(person)
        candidates = self._surnames.get(token, [])
        current = [p for p in candidates if p.term_at(when) is not None]
        if current or not former:
            return current
        if when is None:  # an undated sentence: anyone who held an office ('Obama met Putin')
            return [p for p in candidates if p.terms]
        return [p for p in candidates if p.last_term_before(when) is not None]

    def version(self) -> str:
        return ";".join(f"{k}={v}" for k, v in sorted(self.versions.items()))


@lru_cache(maxsize=4)
def load_kb(extra_dictionaries: tuple[str, ...] = ()) -> KnowledgeBase:
    """The package KB, extended with users' CAMEO/PETRARCH actor and agent dictionaries."""
    kb = KnowledgeBase().load_package_data()
    if extra_dictionaries:
        from dyads.kb.extend import extend_with_petrarch

        for path in extra_dictionaries:
            extend_with_petrarch(kb, Path(path))
    return kb


__all__ = ["KnowledgeBase", "load_kb", "OFFICE_RANK"]
