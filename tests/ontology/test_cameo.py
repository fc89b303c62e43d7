"""Checks on the shipped CAMEO 1.1b3 table (src/dyads/ontology/data/cameo.tsv).

Shared reference tables (read-only, under /work/shared/evaldata; skipped if absent):

* cameo-tables/CAMEO_codefile.txt is the ICEWS code list (CAMEO 0.7b5 with ICEWS
  label changes, plus 1951/1952 added in 2021).  Expected differences to 1.1b3:
    - 1213, 1214 ("Reject judicial / intelligence cooperation") are in the ICEWS
      file but not in CAMEO 1.1b3, whose 121 has only 1211 and 1212;
    - 155 (cyber-forces), 176 (attack cybernetically) and 1834 (location bombing)
      are 1.1b3 codes that the ICEWS file lacks.
  Root codes (01..20) only appear there as comment headers, so only 3/4-digit
  codes are compared.  Malformed ICEWS keys such as "0811i" or "13y" are label
  variants, not codes, and are ignored.
* plover/CAMEO2PLOVER-2021.txt is the CAMEO->PLOVER crosswalk.  It also lists
  1213 and 1214, which are not 1.1b3 codes; every other code in it must be in
  our table with the same PLOVER event type and mode.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyads.ontology import cameo

SHARED = Path("/work/shared/evaldata")
CODEFILE = SHARED / "cameo-tables" / "CAMEO_codefile.txt"
CROSSWALK = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"

# 0.7b5/ICEWS vs 1.1b3 numbering differences documented above.
ONLY_IN_ICEWS = {"1213", "1214"}
ONLY_IN_1_1B3 = {"155", "176", "1834"}
NOT_1_1B3 = {"1213", "1214"}


def expected_quad(r: str) -> int:
    n = int(r)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def expected_penta(r: str) -> int:
    n = int(r)
    return 0 if n <= 2 else 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


@pytest.fixture(scope="module")
def table():
    return cameo.load_cameo()


def test_version_constants():
    assert cameo.CAMEO_VERSION == "1.1b3"
    assert cameo.ONTOLOGY_VERSION == "2026.12.8"


def test_twenty_roots(table):
    roots = sorted(c for c in table if len(c) == 2)
    assert roots == [f"{i:02d}" for i in range(1, 21)]


def test_codes_well_formed_and_unique(table):
    text = (Path(cameo.__file__).parent / "data" / "cameo.tsv").read_text(encoding="utf-8")
    codes = [line.split("\t")[0] for line in text.splitlines()[2:] if line.strip()]
    assert len(codes) == len(set(codes)) == len(table)
    for code in codes:
        assert re.fullmatch(r"\d{2,4}", code), code
        assert 1 <= int(code[:2]) <= 20, code


def test_hierarchy(table):
    for code in table:
        if len(code) >= 3:
            assert cameo.root(code) in table, f"{code}: root missing"
        if len(code) == 4:
            assert code[:3] in table, f"{code}: 3-digit parent missing"


def test_values_and_classes(table):
    for code, ev in table.items():
        assert ev.code == code
        assert ev.name, code
        assert -10.0 <= ev.goldstein <= 10.0, code
        r = cameo.root(code)
        assert ev.quad == expected_quad(r), code
        assert ev.penta == expected_penta(r), code
        assert ev.quad == table[r].quad and ev.penta == table[r].penta
        if r in ("01", "02"):
            assert ev.plover is None, f"{code}: PLOVER drops 01/02"
        else:
            assert ev.plover, code


def test_spot_checks(table):
    assert "intent to meet" in cameo.lookup("036").name
    assert cameo.lookup("042").name == "Make a visit"
    assert cameo.lookup("043").name == "Host a visit"
    assert cameo.lookup("046").name == "Engage in negotiation"
    assert cameo.lookup("112").name == "Accuse"
    assert cameo.lookup("1121").name == "Accuse of crime, corruption"
    name163 = cameo.lookup("163").name.lower()
    assert "embargo" in name163 or "sanctions" in name163
    assert cameo.lookup("16").name == "Reduce relations"
    assert cameo.lookup("161").name == "Reduce or break diplomatic relations"
    assert "unconventional mass violence" in cameo.lookup("20").name.lower()
    assert cameo.lookup("190").goldstein == -10.0
    assert cameo.lookup("010").goldstein == 0.0
    assert cameo.lookup("057").goldstein == 8.0
    assert cameo.lookup("12").goldstein == -4.0
    assert cameo.lookup("042").plover == "CONSULT"
    assert cameo.lookup("042").plover_mode == "visit"
    assert cameo.lookup("010").plover is None
    assert len(table) >= 280


def test_lookup_and_is_valid():
    assert cameo.is_valid("010") and cameo.is_valid("10") and cameo.is_valid("2042")
    assert not cameo.is_valid("1213")
    assert not cameo.is_valid("999")
    assert not cameo.is_valid(10)  # codes are strings, never ints
    with pytest.raises(KeyError, match="not a CAMEO 1.1b3 event code"):
        cameo.lookup("0999")
    assert cameo.root("0211") == "02"
    assert cameo.load_cameo() is cameo.load_cameo()


def _codefile_codes() -> set[str]:
    if not CODEFILE.exists():
        pytest.skip(f"{CODEFILE} not available")
    codes = set()
    for line in CODEFILE.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^LABEL[iI]?:\s*([^=\s]+)\s*=", line)
        if m and re.fullmatch(r"\d{3,4}", m.group(1)):
            codes.add(m.group(1))
    return codes


def test_against_icews_codefile(table):
    theirs = _codefile_codes()
    ours = {c for c in table if len(c) >= 3}
    missing_here = sorted(theirs - ours)
    missing_there = sorted(ours - theirs)
    print(f"\nin CAMEO_codefile.txt but not in our 1.1b3 table: {missing_here}")
    print(f"in our 1.1b3 table but not in CAMEO_codefile.txt: {missing_there}")
    assert set(missing_here) == ONLY_IN_ICEWS
    assert set(missing_there) == ONLY_IN_1_1B3


MANUAL_OVER_CROSSWALK = {"0813": "CONCEDE", "0814": "CONCEDE"}


def _crosswalk() -> dict[str, tuple[str, str]]:
    if not CROSSWALK.exists():
        pytest.skip(f"{CROSSWALK} not available")
    rows = {}
    for line in CROSSWALK.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([^#]*)#", line)
        if m:
            parts = [p.strip() for p in m.group(2).split(",")]
            rows[m.group(1)] = (parts[0], parts[1] if len(parts) > 1 else "")
    return rows


def test_against_plover_crosswalk(table):
    cw = _crosswalk()
    assert cw, "crosswalk parsed to nothing"
    not_ours = sorted(set(cw) - set(table))
    print(f"\ncrosswalk codes that are not CAMEO 1.1b3 codes: {not_ours}")
    assert set(not_ours) == NOT_1_1B3
    for code, (event, mode) in cw.items():
        if code in NOT_1_1B3:
            continue
        ev = table[code]
        if code in MANUAL_OVER_CROSSWALK:  # the manual's CONCEDE covers "removing curfews"
            assert (event, ev.plover) == ("RETREAT", MANUAL_OVER_CROSSWALK[code]), code
            continue
        assert ev.plover == (event or None), code
        assert ev.plover_mode == (mode or None), code
