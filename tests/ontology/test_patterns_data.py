"""Checks on the event-coding pattern data (src/dyads/ontology/data/patterns/*.yaml).

One YAML file per CAMEO root (01.yaml ... 20.yaml).  Each pattern names a CAMEO
code and either predicate verb lemmas or event-noun lemmas, plus optional
constraints (particle, preposition, object lemmas, noun modifiers) and where the
engine finds the target.  These tests only check the data: its shape, that every
code is a real CAMEO 1.1b3 code from cameo.tsv, and that no two patterns make
the same match with different codes.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "dyads" / "ontology" / "data"
PATTERN_DIR = DATA / "patterns"
CAMEO_TSV = DATA / "cameo.tsv"

ROOTS = [f"{n:02d}" for n in range(1, 21)]
TARGETS = {"object", "prep", "clause_subject", "none"}
VERB_KEYS = {"id", "code", "verbs", "particle", "prep", "object", "target", "target_preps",
             "symmetric", "intent", "negated_code", "note", "examples"}
NOUN_KEYS = {"id", "code", "nouns", "prep", "modifiers", "target", "target_preps",
             "symmetric", "intent", "negated_code", "note", "examples"}
MIN_PER_ROOT = 10
MIN_TOTAL = 450
WORD_RE = re.compile(r"^[^\sA-Z]+$")  # one lowercase token, no blanks


def _cameo_codes() -> set[str]:
    lines = CAMEO_TSV.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "cameo.tsv: first line should be the version comment"
    reader = csv.DictReader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
    codes = {row["code"].strip() for row in reader if row.get("code") and row["code"].strip()}
    assert codes, "cameo.tsv: no codes read"
    return codes


def _cameo_version() -> str:
    first = CAMEO_TSV.read_text(encoding="utf-8").splitlines()[0]
    for part in first.lstrip("#").split(";"):
        part = part.strip()
        if part.startswith("version "):
            return part[len("version "):].strip()
    raise AssertionError("cameo.tsv: no version in first line")


CODES = _cameo_codes()


def _load(root: str) -> dict:
    with open(PATTERN_DIR / f"{root}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def files() -> dict[str, dict]:
    return {root: _load(root) for root in ROOTS}


@pytest.fixture(scope="module")
def patterns(files) -> list[tuple[str, dict]]:
    return [(root, p) for root, doc in files.items() for p in doc["patterns"]]


def test_exactly_one_file_per_root():
    names = sorted(p.name for p in PATTERN_DIR.glob("*.yaml"))
    assert names == [f"{r}.yaml" for r in ROOTS]


@pytest.mark.parametrize("root", ROOTS)
def test_file_header(root):
    doc = _load(root)
    assert isinstance(doc, dict)
    assert set(doc) == {"version", "root", "note", "patterns"}
    assert doc["version"] == _cameo_version()
    assert doc["root"] == root
    assert isinstance(doc["note"], str) and doc["note"].strip() and "\n" not in doc["note"]
    assert isinstance(doc["patterns"], list)
    assert len(doc["patterns"]) >= MIN_PER_ROOT, f"{root}.yaml has only {len(doc['patterns'])} patterns"


def test_total_count(patterns):
    assert len(patterns) >= MIN_TOTAL


def test_ids_unique_and_well_formed(patterns):
    seen: dict[str, str] = {}
    for root, p in patterns:
        pid = p["id"]
        assert isinstance(pid, str), pid
        assert pid not in seen, f"duplicate id {pid} in {root}.yaml and {seen[pid]}.yaml"
        seen[pid] = root
        assert pid.startswith(p["code"] + "-"), f"{pid}: id must be '<code>-<slug>'"
        assert re.fullmatch(r"[0-9]{2,4}-[a-z0-9]+(?:-[a-z0-9]+)*", pid), pid


def test_codes_exist_and_match_root(patterns):
    for root, p in patterns:
        code = p["code"]
        assert isinstance(code, str), f"{p['id']}: code must be a string"
        assert code in CODES, f"{p['id']}: {code} is not a CAMEO 1.1b3 code"
        assert code.startswith(root), f"{p['id']}: {code} is not in root {root}"
        assert len(code) in (3, 4), f"{p['id']}: use 3/4-digit codes, not the root"


def test_intent_and_negated_codes_valid(patterns):
    for _, p in patterns:
        for key in ("intent", "negated_code"):
            value = p.get(key)
            if value is None:
                continue
            assert isinstance(value, str), f"{p['id']}: {key} must be a string code"
            assert value in CODES, f"{p['id']}: {key} {value} is not a CAMEO code"
            assert value != p["code"], f"{p['id']}: {key} equals the pattern's own code"
        if p.get("intent") is not None:
            assert p["intent"][:2] in {"03", "13", "18"}, f"{p['id']}: intent should be an 03/13 code (or 185)"
        if p.get("negated_code") is not None:
            assert p["negated_code"].startswith(("01", "12")), f"{p['id']}: negated_code should be a 01x/12x code"


def test_kind_and_keys(patterns):
    for _, p in patterns:
        has_verbs, has_nouns = "verbs" in p, "nouns" in p
        assert has_verbs != has_nouns, f"{p['id']}: exactly one of verbs/nouns"
        allowed = VERB_KEYS if has_verbs else NOUN_KEYS
        extra = set(p) - allowed
        assert not extra, f"{p['id']}: unexpected keys {sorted(extra)}"
        assert {"id", "code", "target"} <= set(p), p["id"]


def test_particle_object_only_with_verbs_modifiers_only_with_nouns(patterns):
    for _, p in patterns:
        if "nouns" in p:
            assert p.get("particle") is None, f"{p['id']}: particle on a noun pattern"
            assert not p.get("object"), f"{p['id']}: object on a noun pattern"
        else:
            assert not p.get("modifiers"), f"{p['id']}: modifiers on a verb pattern"


def _is_lemma(word) -> bool:
    return isinstance(word, str) and bool(WORD_RE.match(word)) and word == word.lower()


def test_lemmas_lowercase_single_tokens(patterns):
    for _, p in patterns:
        heads = p.get("verbs") or p.get("nouns")
        assert isinstance(heads, list) and heads, f"{p['id']}: empty lemma list"
        lists = {"verbs/nouns": heads,
                 "object": p.get("object") or [],
                 "modifiers": p.get("modifiers") or [],
                 "target_preps": p.get("target_preps") or []}
        for name, values in lists.items():
            assert isinstance(values, list), f"{p['id']}: {name} must be a list"
            for w in values:
                assert _is_lemma(w), f"{p['id']}: {name} lemma {w!r} is not lowercase single token"
            assert len(values) == len(set(values)), f"{p['id']}: duplicate lemma in {name}"
        for key in ("particle", "prep"):
            value = p.get(key)
            if value is not None:
                assert _is_lemma(value), f"{p['id']}: {key} {value!r}"


def test_target_values(patterns):
    for _, p in patterns:
        assert p["target"] in TARGETS, f"{p['id']}: target {p['target']!r}"
        if p["target"] == "prep":
            assert p.get("prep"), f"{p['id']}: target 'prep' needs a prep"
        assert isinstance(p.get("symmetric", False), bool), p["id"]
        if p.get("prep"):
            assert p["prep"] not in (p.get("target_preps") or []), f"{p['id']}: prep repeated in target_preps"


def _match_keys(p):
    """Every concrete match a pattern can make: (kind, head, particle, prep, object/modifier)."""
    kind = "verbs" if "verbs" in p else "nouns"
    extra = (p.get("object") if kind == "verbs" else p.get("modifiers")) or [None]
    for head in p[kind]:
        for x in extra:
            yield (kind, head, p.get("particle"), p.get("prep"), x)


def test_no_conflicting_matches(patterns):
    """The same head + constraints must not map to two different codes."""
    owner: dict[tuple, str] = {}
    codes: dict[tuple, str] = {}
    conflicts = []
    for _, p in patterns:
        for key in _match_keys(p):
            if key in codes and codes[key] != p["code"]:
                conflicts.append(f"{key}: {owner[key]} ({codes[key]}) vs {p['id']} ({p['code']})")
            codes.setdefault(key, p["code"])
            owner.setdefault(key, p["id"])
    assert not conflicts, "\n".join(conflicts)


def test_main_codes_covered(patterns):
    """Each root's 3-digit codes that English expresses directly have at least one pattern."""
    used = {p["code"] for _, p in patterns}
    expected = {
        "010", "012", "013", "014", "015", "016", "017", "018", "019",
        "020", "023", "024", "026", "027", "028",
        "030", "033", "036", "037", "039",
        "040", "041", "042", "043", "044", "045", "046",
        "050", "051", "052", "053", "054", "055", "056", "057",
        "060", "061", "062", "063", "064",
        "070", "071", "072", "073", "074", "075",
        "080", "081", "082", "083", "085", "087",
        "090", "091", "092", "093", "094",
        "100", "103", "104", "106",
        "110", "111", "112", "113", "114", "115",
        "120", "125", "128", "129",
        "130", "138", "139",
        "140", "141", "142", "143", "144", "145",
        "150", "154",
        "160", "161", "162", "163", "164", "165", "166",
        "170", "171", "172", "173", "174", "175", "176",
        "180", "181", "182", "183", "184", "185", "186",
        "190", "191", "192", "193", "194", "195", "196",
        "200", "201", "202", "203", "204",
    }
    # 204 itself is only reached through its 4-digit children
    if "204" not in used and {"2041", "2042"} <= used:
        used.add("204")
    for parent in ("084", "086", "105"):
        if any(c.startswith(parent) for c in used):
            used.add(parent)
    missing = sorted(expected - used)
    assert not missing, f"codes with no pattern: {missing}"


def test_plural_only_nouns_listed_both_ways(patterns):
    """spaCy may or may not singularise these; lists that have one form need the other."""
    pairs = [("talk", "talks"), ("negotiation", "negotiations"), ("relation", "relations"),
             ("tie", "ties"), ("hostility", "hostilities")]
    for _, p in patterns:
        for field in ("nouns", "object"):
            values = set(p.get(field) or [])
            for a, b in pairs:
                if (a in values) != (b in values):
                    pytest.fail(f"{p['id']}: {field} has only one of {a}/{b}")
