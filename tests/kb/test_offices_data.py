"""Checks on the hand-authored office-holder table src/dyads/kb/data/offices.tsv."""

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from tests.kb.data_files import read_tsv

DATA = Path(__file__).resolve().parents[2] / "src" / "dyads" / "kb" / "data" / "offices.tsv"

COLUMNS = ["person", "name", "aliases", "state", "office", "title", "role", "start", "end", "note"]

OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "party_leader",
    "supreme_leader",
    "secretary_general",
    "president_of_commission",
    "president_of_council",
    "high_representative",
    "director_general",
    "managing_director",
    "president",
    "chief_prosecutor",
}

ROLES = {"GOV", "MIL"}

REQUIRED_PEOPLE = {
    "xi-jinping",
    "vladimir-putin",
    "kim-jong-un",
    "kim-jong-il",
    "joe-biden",
    "donald-trump",
    "yoon-suk-yeol",
    "lee-jae-myung",
    "volodymyr-zelensky",
    "benjamin-netanyahu",
    "antonio-guterres",
}


FIRST, HEADER, ROWS = read_tsv(DATA)


def test_version_line():
    assert FIRST.startswith("#"), "first line must be a '#' comment"


def _date(text):
    return dt.date.fromisoformat(text)


def _records():
    # malformed rows are reported by test_every_row_has_ten_fields
    return [(n, dict(zip(COLUMNS, row))) for n, row in ROWS if len(row) == len(COLUMNS)]


def test_header():
    assert HEADER == COLUMNS


def test_not_empty():
    assert len(ROWS) > 100


def test_every_row_has_ten_fields():
    bad = [n for n, row in ROWS if len(row) != len(COLUMNS)]
    assert not bad, f"lines with a wrong field count: {bad}"


def test_required_fields_present():
    for n, rec in _records():
        for key in ("person", "name", "state", "office", "title", "role", "start"):
            assert rec[key].strip(), f"line {n}: empty {key}"


def test_dates_parse_and_are_ordered():
    for n, rec in _records():
        start = _date(rec["start"])
        if rec["end"]:
            end = _date(rec["end"])
            assert start <= end, f"line {n}: start {start} after end {end}"


def test_office_in_allowed_set():
    bad = [(n, rec["office"]) for n, rec in _records() if rec["office"] not in OFFICES]
    assert not bad, bad


def test_role_in_allowed_set():
    bad = [(n, rec["role"]) for n, rec in _records() if rec["role"] not in ROLES]
    assert not bad, bad


def test_no_overlapping_terms_for_same_office():
    terms = defaultdict(list)
    for n, rec in _records():
        start = _date(rec["start"])
        end = _date(rec["end"]) if rec["end"] else dt.date.max
        terms[(rec["state"], rec["office"])].append((start, end, rec["person"], n))
    problems = []
    for key, spans in terms.items():
        spans.sort()
        for (s1, e1, p1, n1), (s2, e2, p2, n2) in zip(spans, spans[1:]):
            # the end day of one term may equal the start day of the next
            if s2 < e1:
                problems.append(f"{key}: {p1} (line {n1}) overlaps {p2} (line {n2})")
    assert not problems, "\n".join(problems)


def test_person_id_has_one_name():
    names = defaultdict(set)
    for _, rec in _records():
        names[rec["person"]].add(rec["name"])
    bad = {pid: sorted(v) for pid, v in names.items() if len(v) > 1}
    assert not bad, bad


@pytest.mark.parametrize("person", sorted(REQUIRED_PEOPLE))
def test_required_person_present(person):
    assert person in {rec["person"] for _, rec in _records()}
