"""PETRARCH verb dictionaries as coder patterns (dyads.ontology.petrarch_patterns) and their loading
into the Pipeline (dyads.pipeline.runner)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyads.ontology.patterns import PatternSet, load_patterns, pattern_from_dict
from dyads.ontology.petrarch_patterns import (
    convert_verb_dictionary,
    is_verb_dictionary,
    patterns_from_verb_dictionary,
)
from tests.conftest import PETRARCH_DICTS as DICTS, need_shared

VALIDATE = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt")

VERBS = """\
<!-- TEST VERBS -->
&CURRENCY
+DOLLARS
+EURO

&NEAR_PREPS
+AGAINST
+NEAR

--- CONSULT [040] ---
MEET {MEETS MET MEETING}
VISIT [042:043]
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF}
WIRE_+TAP
- * WITH + [046]
- * TALKS [043]
- * &CURRENCY [071]
- * DOWN [111]
- * (FOR AID) [070]
- NOT * AGREEMENT [111]
- * OF VIOLAT LAW [112]
- * &NEAR_PREPS + [120]
- SAID * [010]
- * + IN_TALKS [044]

--- STATEMENT [---] ---
SAY {SAYS SAID SAYING}
- * PEACE [---]
"""


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(needle))


@pytest.fixture
def inline(tmp_path: Path):
    path = tmp_path / "test.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return path, convert_verb_dictionary(path)


def by_id(patterns, path: Path, needle: str):
    ident = f"petr:{path.name}:{line_of(VERBS, needle)}"
    found = [p for p in patterns if p.id == ident]
    return found[0] if found else None


def test_bare_patterns(inline):
    path, conv = inline
    meet = by_id(conv.patterns, path, "MEET {")
    assert meet is not None and meet.verbs == ("meet",) and meet.code == "040" and meet.target == "object"
    assert meet.source_file == path.name and meet.specificity() == 0
    visit = by_id(conv.patterns, path, "VISIT")
    assert visit.verbs == ("visit",) and visit.code == "042"  # "042:043" -> the first code
    cordon = by_id(conv.patterns, path, "+CORDON_OFF")
    assert cordon.verbs == ("cordon",) and cordon.particle == "off" and cordon.code == "040"
    assert by_id(conv.patterns, path, "WIRE_+TAP") is None  # cannot be expressed
    assert conv.skipped["multi-word verb"] == 1
    assert not any("say" in p.verbs for p in conv.patterns)  # null code: no event
    assert conv.skipped["verb with null code"] == 1


def test_prep_object_synset_and_particle_patterns(inline):
    path, conv = inline
    with_ = by_id(conv.patterns, path, "- * WITH +")
    assert with_.prep == "with" and with_.target == "prep" and with_.code == "046"
    assert set(with_.verbs) == {"meet", "visit"}  # the block's single-word verbs
    talks = by_id(conv.patterns, path, "- * TALKS")
    assert set(talks.object) == {"talks", "talk"} and talks.prep is None and talks.code == "043"
    money = by_id(conv.patterns, path, "- * &CURRENCY")
    assert {"dollars", "dollar", "euro"} <= set(money.object) and money.code == "071"
    down = by_id(conv.patterns, path, "- * DOWN")
    assert down.particle == "down" and not down.object
    aid = by_id(conv.patterns, path, "- * (FOR AID)")
    assert aid.prep == "for" and aid.object == ("aid",)
    in_talks = by_id(conv.patterns, path, "- * + IN_TALKS")
    assert in_talks.target == "object" and in_talks.prep == "in" and "talk" in in_talks.object
    assert all(p.id.startswith(f"petr:{path.name}:") for p in conv.patterns)
    assert patterns_from_verb_dictionary(path) == conv.patterns


def test_inexpressible_patterns_are_skipped_and_counted(inline):
    path, conv = inline
    for needle in ("- NOT * AGREEMENT", "- * OF VIOLAT LAW", "- * &NEAR_PREPS +", "- SAID *", "- * PEACE"):
        assert by_id(conv.patterns, path, needle) is None, needle
    assert conv.skipped["negation or modal before the verb"] == 1
    assert conv.skipped["words after the preposition"] == 1
    assert conv.skipped["synset of prepositions"] == 1
    assert conv.skipped["no condition after the verb"] == 1
    assert conv.skipped["null code"] == 1
    assert "skipped" in conv.summary()


def test_is_verb_dictionary(inline, tmp_path):
    path, _ = inline
    assert is_verb_dictionary(path)
    actors = tmp_path / "actors.txt"
    actors.write_text("ARNOR [ARN]\n+ARNORIAN\nGONDOR [GON]   # --- a comment ---\n", encoding="utf-8")
    assert not is_verb_dictionary(actors)
    assert not is_verb_dictionary(tmp_path / "missing.txt")


def test_validation_verbs_convert():
    path = need_shared(DICTS / "PETR.Validate.verbs.txt")
    conv = convert_verb_dictionary(path)
    assert len(conv.patterns) > 100 and sum(conv.skipped.values()) > 0
    restore = [p for p in conv.patterns if p.verbs == ("restore",)]
    assert any(p.code == "064" and p.specificity() == 0 for p in restore)
    assert any(p.code == "064" and "tie" in p.object for p in restore)  # - * TIES [064]
    agree = [p for p in conv.patterns if "agree" in p.verbs and p.prep == "with"]
    assert agree and agree[0].code == "031" and agree[0].target == "prep"  # - * WITH % [031]
    assert all(p.source_file == "PETR.Validate.verbs.txt" for p in conv.patterns)
    assert is_verb_dictionary(path)
    assert not is_verb_dictionary(DICTS / "PETR.Validate.actors.txt")
    assert not is_verb_dictionary(DICTS / "PETR.Validate.agents.txt")


def test_cameo_verbpatterns_convert():
    path = need_shared(DICTS / "CAMEO.verbpatterns.150430.txt")
    conv = convert_verb_dictionary(path)
    assert len(conv.patterns) > 1000
    accuse = [p for p in conv.patterns if p.verbs == ("accuse",)]
    assert accuse and accuse[0].code == "112"


def _validate_options():
    from dyads.pipeline import PipelineOptions

    for name in VALIDATE:
        need_shared(DICTS / name)
    return PipelineOptions(dictionaries=tuple(str(DICTS / name) for name in VALIDATE))


def _dyads(doc):
    return [(e.code, e.source.key, e.source.code, e.target.key, e.target.code, e.pattern) for e in doc.events]


def test_pipeline_codes_with_validation_dictionaries():
    from dyads import api
    from dyads.pipeline import Pipeline

    options = _validate_options()
    if "accuse" not in load_patterns().by_verb and not any(
            "accuse" in p.verbs for p in patterns_from_verb_dictionary(DICTS / "PETR.Validate.verbs.txt")):
        pytest.skip("no pattern for 'accuse': the package's pattern files are not here yet")
    pipeline = Pipeline(options)
    doc = api.annotate_texts(["Arnor accused Gondor of aggression."], published=dt.date(1995, 1, 1),
                             pipeline=pipeline)[0]
    got = _dyads(doc)
    assert any(e.source.key == "ARN" and e.target.key == "GON" for e in doc.events), \
        f"events {got}; mentions {[(m.text, [r.key for r in m.refs]) for m in doc.mentions]}; {doc.warnings}"


def test_pipeline_merges_verb_dictionary_without_touching_package_patterns(monkeypatch):
    """With a stand-in package set: the verb dictionary's patterns are added to a copy, its
    patterns code events, and the actor KB is not fed the verb dictionary."""
    from dyads import api
    from dyads.pipeline import Pipeline, runner

    options = _validate_options()
    package = PatternSet()
    package.add(pattern_from_dict({"id": "pkg-accuse", "code": "112", "verbs": "accuse"}, "stub.yaml"))
    package.add(pattern_from_dict({"id": "pkg-restore", "code": "064", "verbs": "restore"}, "stub.yaml"))
    package.versions["stub.yaml"] = "1"
    monkeypatch.setattr(runner, "load_patterns", lambda: package)
    pipeline = Pipeline(options)

    assert set(package.by_verb) == {"accuse", "restore"} and len(package.by_verb["restore"]) == 1
    assert pipeline.patterns is not package and len(pipeline.patterns) > len(package)
    assert "dictionary:PETR.Validate.verbs.txt" in pipeline.patterns.versions
    assert "patterns" in pipeline.patterns.versions["dictionary:PETR.Validate.verbs.txt"]
    assert "dictionary:PETR.Validate.verbs.txt" not in pipeline.kb.versions
    assert "dictionary:PETR.Validate.actors.txt" in pipeline.kb.versions
    assert pipeline.patterns.by_verb["restore"][-1].id == "pkg-restore"

    docs = api.annotate_texts(["Arnor accused Gondor of aggression.",
                               "Arnor restored full diplomatic ties with Gondor.",
                               "Arnor agreed with Gondor."], published=dt.date(1995, 1, 1), pipeline=pipeline)
    accused, restored, agreed = (_dyads(d) for d in docs)
    assert ("112", "ARN", "ARN", "GON", "GON", "pkg-accuse") in accused, accused
    assert any(code == "064" and src == "ARN" and tgt == "GON" and pat.startswith("petr:PETR.Validate.verbs.txt:")
               for code, src, _, tgt, _, pat in restored), restored
    assert any(code == "031" and src == "ARN" and tgt == "GON" for code, src, _, tgt, _, _ in agreed), agreed
