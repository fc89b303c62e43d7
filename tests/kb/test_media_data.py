"""Checks on the hand-authored media-outlet table src/dyads/kb/data/media.tsv."""

import re
from pathlib import Path

import pytest

from tests.kb.data_files import read_tsv

DATA = Path(__file__).resolve().parents[2] / "src" / "dyads" / "kb" / "data" / "media.tsv"

COLUMNS = ["name", "aliases", "country", "kind", "state_owned", "note"]
KINDS = {"agency", "newspaper", "broadcaster", "magazine", "online", "photo_agency"}
STATE_OWNED = {"yes", "no", "public"}

# Surface forms that are ordinary English words or collide with states/organisations.
FORBIDDEN_FORMS = {
    "post", "times", "mail", "sun", "star", "nation", "hill", "guardian", "independent",
    "time", "telegraph", "herald", "globe", "tribune", "express", "mirror", "observer",
    "standard", "monitor", "inquirer", "pa", "pna", "gna", "pap", "anp", "mena", "map",
    "tap", "epa", "cctv", "fars", "petra", "fox", "getty", "dr", "mia", "agi",
    # acronyms of parties, organisations and common terms
    "aap", "pti", "akp", "upi", "nrc", "rbc", "hrt", "smh", "aa", "cp", "cns", "rss", "nan",
    "foreign policy", "foreign affairs", "the times",
}

# name -> aliases that must be listed for it
REQUIRED = {
    "Washington Post": set(),
    "Agence France-Presse": {"AFP"},
    "Yonhap News Agency": {"Yonhap"},
    "Reuters": set(),
    "Associated Press": {"AP"},
    "Korean Central News Agency": {"KCNA"},
    "Xinhua News Agency": {"Xinhua"},
    "TASS": set(),
}


FIRST, HEADER, ROWS = read_tsv(DATA)


def _aliases(row):
    return [a for a in row[1].split("|")] if row[1] else []


def test_version_line():
    assert FIRST.startswith("#"), "first line must be a '#' comment"
    assert FIRST.startswith("# version ")


def test_header():
    assert HEADER == COLUMNS


def test_enough_rows():
    assert len(ROWS) >= 150


@pytest.mark.parametrize("line,row", ROWS)
def test_row_shape(line, row):
    assert len(row) == 6, f"line {line}: {len(row)} columns"
    name, aliases, country, kind, state_owned, note = row
    assert name and name == name.strip(), f"line {line}: bad name {name!r}"
    assert re.fullmatch(r"[A-Z]{3}", country), f"line {line}: bad country {country!r}"
    assert kind in KINDS, f"line {line}: bad kind {kind!r}"
    assert state_owned in STATE_OWNED, f"line {line}: bad state_owned {state_owned!r}"
    for alias in _aliases(row):
        assert alias and alias == alias.strip(), f"line {line}: empty or padded alias in {aliases!r}"
    assert note == note.strip(), f"line {line}: padded note"


def test_names_and_aliases_unique():
    seen = {}
    for line, row in ROWS:
        for form in [row[0], *_aliases(row)]:
            key = form.casefold()
            assert key not in seen, f"line {line}: {form!r} already used on line {seen[key]}"
            seen[key] = line


def test_no_forbidden_forms():
    for line, row in ROWS:
        for form in [row[0], *_aliases(row)]:
            assert form.casefold() not in FORBIDDEN_FORMS, f"line {line}: ambiguous surface form {form!r}"


def test_required_outlets():
    by_name = {row[0]: row for _, row in ROWS}
    for name, aliases in REQUIRED.items():
        assert name in by_name, f"missing {name}"
        missing = aliases - set(_aliases(by_name[name]))
        assert not missing, f"{name} lacks aliases {missing}"


def test_required_countries():
    by_name = {row[0]: row[2] for _, row in ROWS}
    assert by_name["Reuters"] == "GBR"
    assert by_name["Agence France-Presse"] == "FRA"
    assert by_name["Associated Press"] == "USA"
    assert by_name["Yonhap News Agency"] == "KOR"
    assert by_name["Korean Central News Agency"] == "PRK"
    assert by_name["Xinhua News Agency"] == "CHN"
    assert by_name["TASS"] == "RUS"
    assert by_name["Al Jazeera"] == "QAT"
