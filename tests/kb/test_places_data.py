"""Checks on the hand-authored gazetteer src/dyads/kb/data/places.tsv.

Loads the files with csv/yaml only (no dyads import), so a broken loader cannot hide a broken data file.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.kb.data_files import read_tsv

DATA = Path(__file__).resolve().parents[2] / "src" / "dyads" / "kb" / "data"
PLACES = DATA / "places.tsv"

COLUMNS = ["name", "aliases", "country", "kind", "note"]
KINDS = {"city", "region", "province", "island", "sea", "strait", "mountain", "river", "base", "site",
         "border_crossing", "landmark"}
STATE_SURFACE_FIELDS = ("names", "demonyms", "capitals", "seats", "military_seats")

# Ordinary English words (or forms too ambiguous to be a place) that must never be a place form.
FORBIDDEN_FORMS = {
    "Nice", "Reading", "Mobile", "Split", "Bath", "Victoria", "Georgia", "Washington", "Jersey", "Buffalo",
    "Phoenix", "Austin", "Orlando", "Charlotte", "Lincoln", "Jackson", "Middle East", "Asia", "Europe",
    "Africa", "Pentagon", "Hong Kong", "Gaza City Hall",
}

# name -> (country, aliases that must be listed)
REQUIRED = {
    "Mosul": ("IRQ", set()),
    "Aleppo": ("SYR", set()),
    "Raqqa": ("SYR", {"Raqqah", "Ar Raqqah"}),
    "Kharkiv": ("UKR", {"Kharkov"}),
    "Gaza Strip": ("PSE", set()),
    "Vostochny Cosmodrome": ("RUS", set()),
    "Russian Far East": ("RUS", set()),
    "Crimea": ("UKR", set()),
    "Strait of Hormuz": ("", set()),
    "Panmunjom": ("", set()),
    "Golan Heights": ("SYR", set()),
    "Kashmir": ("", set()),
    "Jammu and Kashmir": ("IND", set()),
    "Azad Kashmir": ("PAK", set()),
    "Taiwan Strait": ("", set()),
    "Tel Aviv": ("ISR", set()),
    "Dokdo": ("KOR", {"Takeshima"}),
    "Senkaku Islands": ("JPN", set()),
}


FIRST, HEADER, ROWS = read_tsv(PLACES)


def _aliases(row):
    return row[1].split("|") if len(row) > 1 and row[1] else []


def _forms(row):
    return [row[0], *_aliases(row)]


def _load_yaml(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def state_keys():
    return {s["key"] for s in _load_yaml("states.yaml")["states"]}


@pytest.fixture(scope="module")
def other_forms():
    """Every surface form owned by states.yaml, organisations.yaml and media.tsv, with its owner."""
    owners = {}
    for s in _load_yaml("states.yaml")["states"]:
        owners.setdefault(s["name"], f"state {s['key']} name")
        for field in STATE_SURFACE_FIELDS:
            for form in s.get(field) or []:
                owners.setdefault(form, f"state {s['key']} {field}")
    for o in _load_yaml("organisations.yaml")["organisations"]:
        owners.setdefault(o["name"], f"organisation {o['key']}")
        for form in o.get("names") or []:
            owners.setdefault(form, f"organisation {o['key']}")
    with (DATA / "media.tsv").open(encoding="utf-8", newline="") as fh:
        fh.readline()
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            owners.setdefault(row[0], "media outlet")
            for alias in row[1].split("|") if row[1] else []:
                owners.setdefault(alias, "media outlet")
    return owners


def test_version_line():
    assert FIRST.startswith("# version "), "first line must be a '# version ...' comment"
    assert "sources:" in FIRST


def test_header():
    assert HEADER == COLUMNS


def test_enough_rows():
    assert len(ROWS) >= 1200


@pytest.mark.parametrize("line,row", ROWS)
def test_row_shape(line, row):
    assert len(row) == 5, f"line {line}: {len(row)} columns"
    name, aliases, country, kind, note = row
    assert name and name == name.strip(), f"line {line}: bad name {name!r}"
    assert country == "" or re.fullmatch(r"[A-Z]{3}", country), f"line {line}: bad country {country!r}"
    assert kind in KINDS, f"line {line}: bad kind {kind!r}"
    for alias in _aliases(row):
        assert alias and alias == alias.strip(), f"line {line}: empty or padded alias in {aliases!r}"
    assert note == note.strip(), f"line {line}: padded note"


def test_countries_are_state_keys(state_keys):
    bad = [(line, row[0], row[2]) for line, row in ROWS if len(row) == 5 and row[2] and row[2] not in state_keys]
    assert not bad, f"countries not in states.yaml: {bad}"


def test_forms_unique():
    counts = Counter(form for _, row in ROWS for form in _forms(row))
    dups = sorted(form for form, n in counts.items() if n > 1)
    assert not dups, f"names/aliases used more than once: {dups}"


def test_no_collision_with_other_kb_files(other_forms):
    clashes = [(line, form, other_forms[form]) for line, row in ROWS for form in _forms(row) if form in other_forms]
    assert not clashes, f"place forms that are already actor/outlet surface forms: {clashes}"


def test_no_forbidden_forms():
    clashes = [(line, form) for line, row in ROWS for form in _forms(row) if form in FORBIDDEN_FORMS]
    assert not clashes, f"ambiguous or forbidden place forms: {clashes}"


def test_required_places():
    by_name = {row[0]: row for _, row in ROWS}
    for name, (country, aliases) in REQUIRED.items():
        assert name in by_name, f"missing required place {name!r}"
        row = by_name[name]
        assert row[2] == country, f"{name}: country {row[2]!r}, expected {country!r}"
        missing = aliases - set(_aliases(row))
        assert not missing, f"{name}: missing aliases {sorted(missing)}"


def test_seas_and_straits_mostly_unassigned():
    """Seas, oceans and straits shared between states carry no country; those with one must say so."""
    shared = {"Black Sea", "Red Sea", "South China Sea", "East China Sea", "Baltic Sea", "Persian Gulf",
              "Mediterranean Sea", "Sea of Japan", "Gulf of Aden", "Bab el-Mandeb", "Sea of Azov", "Kerch Strait"}
    by_name = {row[0]: row for _, row in ROWS}
    for name in shared:
        assert name in by_name, f"missing {name!r}"
        assert by_name[name][2] == "", f"{name} should have an empty country"


def test_occupied_or_disputed_places_carry_a_note():
    by_name = {row[0]: row for _, row in ROWS}
    for name in ("Crimea", "Golan Heights", "East Jerusalem", "Kashmir", "Senkaku Islands", "Dokdo",
                 "Donetsk Oblast", "Spratly Islands", "Falkland Islands"):
        assert by_name[name][4], f"{name} needs a note"
