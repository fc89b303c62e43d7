"""Checks for the non-state armed groups, movements and military commands in organisations.yaml.

The group entries are the ones carrying a `role` field. Loads the file with yaml only (no dyads import).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "dyads" / "kb" / "data"

GROUP_ROLES = {"REB", "UAF", "MIL", "OPP", "PTY"}
GROUP_KINDS = {"armed_group", "insurgent", "terrorist_designated", "militia", "political_party",
               "political_movement", "military_unit", "military_command", "military_alliance",
               "ethnic_group"}  # a people without a state that CAMEO codes on its own (KUR): no role
GROUP_FIELDS = ["key", "cameo", "name", "names", "kind", "parent", "members", "country", "role",
                "valid_from", "valid_to", "note"]
REQUIRED = {"ISIL", "ALQAEDA", "HAMAS", "HEZBOLLAH", "TALIBAN", "HOUTHIS", "CJTFOIR", "CENTCOM"}


def _as_date(v):
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(v)


@pytest.fixture(scope="module")
def orgs():
    with open(DATA / "organisations.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["organisations"]


@pytest.fixture(scope="module")
def groups(orgs):
    return [o for o in orgs if "role" in o]


@pytest.fixture(scope="module")
def state_keys():
    with open(DATA / "states.yaml", encoding="utf-8") as fh:
        return {s["key"] for s in yaml.safe_load(fh)["states"]}


def _forms(o):
    return [o["name"], *o["names"]]


def test_keys_unique(orgs):
    keys = [o["key"] for o in orgs]
    assert not [k for k, n in Counter(keys).items() if n > 1]


def test_surface_forms_unique_across_entries(orgs):
    owner = defaultdict(set)
    for o in orgs:
        for form in _forms(o):
            owner[form].add(o["key"])
    assert not {form: sorted(keys) for form, keys in owner.items() if len(keys) > 1}


def test_group_fields(groups, state_keys):
    assert len(groups) >= 60
    for g in groups:
        assert list(g) == GROUP_FIELDS, g["key"]
        assert re.fullmatch(r"[A-Z]{3,12}", g["key"]), g["key"]
        assert g["key"] not in state_keys, g["key"]
        assert g["role"] in GROUP_ROLES or (g["kind"] == "ethnic_group" and g["role"] is None), g["key"]
        assert g["kind"] in GROUP_KINDS, g["key"]
        assert g["country"] is None or (isinstance(g["country"], str) and re.fullmatch(r"[A-Z]{3}", g["country"])), \
            g["key"]
        assert g["country"] is None or g["country"] in state_keys, g["key"]
        assert g["cameo"] is None or (isinstance(g["cameo"], str) and re.fullmatch(r"[A-Z]{3,}", g["cameo"])), g["key"]
        assert g["parent"] is None and g["members"] == [], g["key"]
        assert isinstance(g["name"], str) and g["name"] in g["names"], g["key"]
        assert all(isinstance(v, str) and v and v.strip() == v for v in g["names"]), g["key"]
        assert len(g["names"]) == len(set(g["names"])), g["key"]
        assert isinstance(g["note"], str) and g["note"], g["key"]
        start, end = _as_date(g["valid_from"]), _as_date(g["valid_to"])
        assert start is None or isinstance(start, dt.date), g["key"]
        assert end is None or isinstance(end, dt.date), g["key"]
        if start and end:
            assert start < end, g["key"]


def test_required_groups(groups):
    by_key = {g["key"]: g for g in groups}
    assert REQUIRED <= set(by_key)
    assert by_key["CJTFOIR"]["kind"] == "military_alliance"
    assert by_key["CENTCOM"]["kind"] == "military_command"
    assert by_key["CENTCOM"]["country"] == "USA" and by_key["CENTCOM"]["role"] == "MIL"
    assert by_key["ISIL"]["country"] is None and by_key["ALQAEDA"]["country"] is None
    assert by_key["ALQAEDA"]["cameo"] == "IMGMUSALQ"
    assert by_key["HAMAS"]["cameo"] == "PSEREBHMS"


def test_isil_names(orgs):
    owner = {}
    for o in orgs:
        for form in _forms(o):
            owner[form] = o["key"]
    for form in ("Daesh", "ISIL", "Da’esh", "Da'esh", "ISIS", "Islamic State"):
        assert owner.get(form) == "ISIL", form
    assert "IS" not in owner  # an English word
    assert owner.get("Hezbollah") == "HEZBOLLAH"
    assert owner.get("Houthis") == "HOUTHIS"
    assert owner.get("Taliban") == "TALIBAN"


def test_a_people_without_a_state_is_an_actor():
    from dyads import api

    (protest, attack) = api.annotate_texts(["Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.",
                                            "Turkish troops attacked Kurds in northern Syria."])
    assert [(e.root, e.source.code) for e in protest.events] == [("14", "KUR")]
    assert [(e.code, e.source.code, e.target.code) for e in attack.events] == [("190", "TURMIL", "KUR")]
