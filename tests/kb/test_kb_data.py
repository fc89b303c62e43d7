"""Consistency checks for the hand-authored knowledge-base data files.

Loads the files with yaml/csv only (no dyads import), so a broken loader cannot hide a broken data file.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "dyads" / "kb" / "data"

REGIONS = {"Africa", "Americas", "Asia", "Europe", "Middle East", "Oceania"}
UN_STATUS = {"member", "observer", "none"}
ORG_KINDS = {"global", "regional", "military_alliance", "economic", "financial", "security",
             "grouping", "court", "agency", "commodity", "ngo"}
ROLES = {"GOV", "MIL", "COP", "SPY", "REB", "UAF", "OPP", "LEG", "JUD", "MED", "BUS", "CVL", "REF",
         "PTY", "EDU", "HLH", "LAB", "AGR", "ELI", "CRM", "REL", "NGO", "HRI", "ENV", "IGO"}
SURFACE_FIELDS = ("names", "demonyms", "capitals", "seats", "military_seats")
STATE_FIELDS = {"key", "cameo", "iso2", "name", "names", "demonyms", "capitals", "seats", "military_seats",
                "region", "valid_from", "valid_to", "successor", "un", "note"}
ORG_FIELDS = {"key", "cameo", "name", "names", "kind", "parent", "members", "note"}
GROUP_FIELDS = ORG_FIELDS | {"country", "role", "valid_from", "valid_to"}  # non-state groups
GROUP_KINDS = {"armed_group", "insurgent", "terrorist_designated", "militia", "political_party",
               "political_movement", "military_unit", "military_command", "military_alliance",
               "ethnic_group"}  # a people without a state CAMEO codes on its own (KUR)


def _load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def states_doc():
    return _load("states.yaml")


@pytest.fixture(scope="module")
def orgs_doc():
    return _load("organisations.yaml")


@pytest.fixture(scope="module")
def states(states_doc):
    return states_doc["states"]


@pytest.fixture(scope="module")
def orgs(orgs_doc):
    return orgs_doc["organisations"]


@pytest.fixture(scope="module")
def roles():
    with open(DATA / "roles.tsv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == ["term", "role", "note"]
        return list(reader)


def _current(states):
    return [s for s in states if s["valid_to"] is None]


def _as_date(v):
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(v)


def test_headers(states_doc, orgs_doc):
    for doc in (states_doc, orgs_doc):
        assert isinstance(doc["version"], str) and doc["version"]
        assert isinstance(doc["note"], str) and doc["note"]


def test_state_fields(states):
    for s in states:
        assert set(s) <= STATE_FIELDS, s["key"]
        assert STATE_FIELDS - {"military_seats"} <= set(s), s["key"]
        assert isinstance(s["name"], str) and s["name"], s["key"]
        assert isinstance(s["cameo"], str) and re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", s["cameo"]), s["key"]
        assert s["region"] in REGIONS, s["key"]
        assert s["un"] in UN_STATUS, s["key"]
        for f in SURFACE_FIELDS:
            vals = s.get(f, [])
            assert isinstance(vals, list), (s["key"], f)
            assert all(isinstance(v, str) and v.strip() == v and v for v in vals), (s["key"], f)


def test_state_keys_and_iso2(states):
    keys = [s["key"] for s in states]
    assert len(keys) == len(set(keys))
    for s in states:
        assert isinstance(s["key"], str) and re.fullmatch(r"[A-Z]{3}", s["key"]), s["key"]
        assert isinstance(s["iso2"], str) and re.fullmatch(r"[A-Z]{2}", s["iso2"]), s["key"]
    # ISO re-assigns alpha-2 codes of dissolved states (CS: Czechoslovakia, later Serbia and Montenegro),
    # so uniqueness is required among current entries.
    current_iso2 = Counter(s["iso2"] for s in _current(states))
    assert not [c for c, n in current_iso2.items() if n > 1]


def test_un_coverage(states):
    members = [s for s in states if s["un"] == "member"]
    assert len(members) == 193
    assert all(s["valid_to"] is None for s in members)
    observers = {s["key"] for s in states if s["un"] == "observer"}
    assert observers == {"VAT", "PSE"}
    keys = {s["key"] for s in states}
    assert {"TWN", "XKX", "SUN", "YUG", "SCG", "CSK", "DDR", "HKG", "MAC"} <= keys


def test_state_dates_and_successors(states):
    by_key = {s["key"]: s for s in states}
    for s in states:
        start, end = _as_date(s["valid_from"]), _as_date(s["valid_to"])
        if start and end:
            assert start < end, s["key"]
        if end is not None:
            assert s["successor"] in by_key, s["key"]
        else:
            assert s["successor"] is None, s["key"]
    assert _as_date(by_key["SUN"]["valid_to"]) == dt.date(1991, 12, 26)
    assert by_key["SUN"]["successor"] == "RUS"
    assert _as_date(by_key["SSD"]["valid_from"]) == dt.date(2011, 7, 9)


def test_known_codes(states):
    by_key = {s["key"]: s for s in states}
    assert by_key["XKX"]["cameo"] == "KSV"
    assert by_key["TLS"]["cameo"] == "TMP"
    assert by_key["NOR"]["iso2"] == "NO"  # must survive YAML 1.1 boolean parsing
    assert "Pentagon" in by_key["USA"]["military_seats"]


def test_surface_forms_unique_among_current_states(states):
    owner = defaultdict(set)
    for s in _current(states):
        seen = []
        for f in SURFACE_FIELDS:
            seen.extend(s.get(f, []))
        seen.append(s["name"])
        dupes_within = [v for v, n in Counter(seen).items() if n > 1]
        assert not dupes_within, (s["key"], dupes_within)
        for v in seen:
            owner[v].add(s["key"])
    clashes = {v: sorted(k) for v, k in owner.items() if len(k) > 1}
    assert not clashes


def test_ambiguous_forms_left_out(states):
    forms = set()
    for s in states:
        for f in SURFACE_FIELDS:
            forms.update(s.get(f, []))
    for bad in ("Korea", "Korean", "Koreans", "Male", "Victoria", "Pole", "Central African"):
        assert bad not in forms, bad
    by_form = {}
    for s in _current(states):
        for f in SURFACE_FIELDS:
            for v in s.get(f, []):
                by_form[v] = s["key"]
    assert by_form["Congolese"] == "COD"
    assert by_form["Irish"] == "IRL"
    assert by_form["Dutch"] == "NLD"
    assert by_form["American"] == "USA"


def test_org_fields(orgs):
    for o in orgs:
        group = "role" in o
        assert set(o) == (GROUP_FIELDS if group else ORG_FIELDS), o.get("key")
        assert isinstance(o["key"], str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", o["key"]), o["key"]
        assert o["kind"] in (GROUP_KINDS if group else ORG_KINDS), o["key"]
        assert group or o["cameo"] is None or re.fullmatch(r"(IGO|NGO)[A-Z]*", o["cameo"]), o["key"]
        assert isinstance(o["names"], list) and o["names"], o["key"]
        assert all(isinstance(v, str) and v.strip() == v and v for v in o["names"]), o["key"]
        assert len(o["names"]) == len(set(o["names"])), o["key"]


def test_keys_unique_across_states_and_orgs(states, orgs):
    keys = [s["key"] for s in states] + [o["key"] for o in orgs]
    dupes = [k for k, n in Counter(keys).items() if n > 1]
    assert not dupes


def test_org_parents(orgs):
    by_key = {o["key"]: o for o in orgs}
    for o in orgs:
        if o["parent"] is not None:
            assert o["parent"] in by_key and o["parent"] != o["key"], o["key"]
    # parent chains terminate
    for o in orgs:
        seen, cur = set(), o
        while cur["parent"] is not None:
            assert cur["key"] not in seen, o["key"]
            seen.add(cur["key"])
            cur = by_key[cur["parent"]]
    assert by_key["UNSC"]["parent"] == "UN"


def test_org_members(states, orgs):
    state_keys = {s["key"] for s in states}
    org_keys = {o["key"] for o in orgs}
    for o in orgs:
        assert isinstance(o["members"], list), o["key"]
        for m in o["members"]:
            assert set(m) <= {"key", "from", "to", "precision"}, (o["key"], m)
            assert m["key"] in state_keys or (m["key"] in org_keys and m["key"] != o["key"]), (o["key"], m)
            start, end = _as_date(m["from"]), _as_date(m["to"])
            assert isinstance(start, dt.date), (o["key"], m)
            if end is not None:
                assert start < end, (o["key"], m)
            assert m.get("precision", "day") in {"day", "month", "year"}, (o["key"], m)
        # membership spells of the same member do not overlap
        spells = defaultdict(list)
        for m in o["members"]:
            spells[m["key"]].append((_as_date(m["from"]), _as_date(m["to"]) or dt.date.max))
        for k, sp in spells.items():
            sp.sort()
            for (_, e1), (s2, _) in zip(sp, sp[1:]):
                assert e1 <= s2, (o["key"], k)


def test_required_orgs_and_members(orgs):
    by_key = {o["key"]: o for o in orgs}
    required = {"UN", "UNSC", "UNGA", "UNHRC", "UNHCR", "UNICEF", "WFP", "UNDP", "UNESCO", "OHCHR", "UNRWA", "ICJ",
                "UNPOE", "IAEA", "WHO", "WTO", "IMF", "WB", "ILO", "FAO", "ICC", "NATO", "EU", "EC", "EP", "ECB",
                "OSCE", "COE", "AUKUS", "ASEAN", "AU", "OAU", "ECOWAS", "SADC", "IGAD", "EAC", "G7", "G8", "G20",
                "BRICS", "SCO", "QUAD", "OPEC", "LAS", "GCC", "OIC", "CSTO", "EAEU", "CIS", "MERCOSUR", "OAS",
                "APEC", "INTERPOL", "ICRC", "MSF", "AMNESTY", "HRW"}
    assert required <= set(by_key)

    def current(key):
        return {m["key"] for m in by_key[key]["members"] if m["to"] is None}

    assert current("AUKUS") == {"AUS", "GBR", "USA"}
    assert current("QUAD") == {"USA", "JPN", "IND", "AUS"}
    assert len(current("NATO")) == 32
    assert len(current("EU")) == 27 and "GBR" not in current("EU")
    assert current("GCC") == {"SAU", "KWT", "ARE", "QAT", "BHR", "OMN"}
    assert {"EU", "AU"} <= current("G20")
    assert "RUS" in {m["key"] for m in by_key["G8"]["members"]}
    assert by_key["ICC"]["parent"] is None and by_key["ICC"]["kind"] == "court"
    for k in ("ICRC", "MSF", "AMNESTY", "HRW"):
        assert by_key[k]["kind"] == "ngo"


def test_org_surface_forms(states, orgs):
    state_forms = set()
    for s in states:
        state_forms.add(s["name"])
        for f in SURFACE_FIELDS:
            state_forms.update(s.get(f, []))
    owner = defaultdict(set)
    for o in orgs:
        for v in o["names"]:
            owner[v].add(o["key"])
    assert not {v: sorted(k) for v, k in owner.items() if len(k) > 1}
    assert not sorted(set(owner) & state_forms)


def test_roles(roles):
    assert len(roles) >= 250
    terms = [r["term"] for r in roles]
    dupes = [t for t, n in Counter(terms).items() if n > 1]
    assert not dupes
    for r in roles:
        assert r["term"] and r["term"] == r["term"].strip() and r["term"] == r["term"].lower(), r
        assert r["role"] in ROLES, r
        assert r["note"] is not None
    by_term = {r["term"]: r["role"] for r in roles}
    assert by_term["police"] == "COP"
    assert by_term["defence minister"] == "GOV" and by_term["defense ministry"] == "MIL"
    assert by_term["gunmen"] == "UAF"
    assert by_term["refugee"] == "REF"
