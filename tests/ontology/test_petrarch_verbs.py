"""Reader for PETRARCH/CAMEO verb-pattern dictionaries (dyads.ontology.petrarch_verbs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyads.kb.petrarch import DictionaryError
from dyads.ontology.petrarch_verbs import (
    VerbPattern,
    lemma_candidates,
    read_verb_dictionary,
    regular_forms,
    tokenise_pattern,
)
from tests.conftest import PETRARCH_DICTS as DICTS


VERBS = """\
<!-- TEST VERBS -->
<!--
--- NOT_A_BLOCK [999] ---
-->
# ====== SYNSETS ======
&PREPOSIT1_
+AGAINST
+IN

&CURRENCY  # money
+DOLLARS
+SWISS_FRANCS
+CASH_

&ACCORDSYN
+&CURRENCY
+CLOSER

--- ABANDON  [345]  ---
ABANDON    # pas 15 Jul 2003
+ABC_DEF
KLM_NOP_+RST [002]
- * NEW_&CURRENCY_RELATIONS [903] #  -PAS 12.01.12
- * EFFORT  [987]  # pas 15 Jul 2003
- IN_*  [075]
- SO IN_AND_*_OUT_AGAIN NOW [074]
- + * &PREPOSIT1 $ ^ % [---]
- * &UNDEFINED [111]
- SAID * AN OFFER # no code
- * COMMIT * AID [033]
- TIVILIAN [202]

--- EXPLAIN_VERBAL [010]  # comment in a header ---
EXPLAIN
SAY  {SAYS SAID SAYING}
EXPRESS [0110]
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF }
WIRE_+TAP {WIRE_+TAPS, WIRE_+TAPPED WIRE_+TAPPING}
+ANGERED_BY {}
- * (TO {BANNED PARTIES}) $   [1722]        # ADD
- * {FINANCIAL AID}           [073]
- &ACCORDSYN *  [083]

--- DELAY [120]  [031:031]  ---
DELAY
SAY {SAID}
- * &ACCORDSYN  [191]

~ a (a b ATTACK) SAY = a b 015
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test.verbs"
    path.write_text(text, encoding="utf-8")
    return path


def need(name: str) -> Path:
    path = DICTS / name
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared missing)")
    return path


def test_regular_forms_and_lemmas():
    assert regular_forms("ACCUSE") == ("ACCUSES", "ACCUSED", "ACCUSING")
    assert regular_forms("CARRY") == ("CARRIES", "CARRIED", "CARRYING")
    assert regular_forms("PRESS") == ("PRESSES", "PRESSED", "PRESSING")
    assert regular_forms("DIE") == ("DIES", "DIED", "DYING")
    assert regular_forms("VISIT") == ("VISITS", "VISITED", "VISITING")
    assert "ACCUSE" in lemma_candidates("ACCUSED")
    assert "BAN" in lemma_candidates("BANNED")
    assert "HURRY" in lemma_candidates("HURRIED")
    assert "DIE" in lemma_candidates("DYING")
    assert "PRESS" in lemma_candidates("PRESSES")


def test_tokenise_pattern():
    assert tokenise_pattern("SO IN_AND_*_OUT_AGAIN NOW") == ["SO", "IN_AND_", "*", "_OUT_AGAIN", "NOW"]
    assert tokenise_pattern("* (TO {BANNED PARTIES}) $") == ["*", "(TO {BANNED PARTIES})", "$"]
    assert tokenise_pattern("IN_*") == ["IN_", "*"]


def test_verb_syntax(tmp_path):
    vd = read_verb_dictionary(write(tmp_path, VERBS))
    print("\n".join(vd.warnings))
    assert vd.synsets == {"&PREPOSIT1": ("AGAINST", "IN"), "&CURRENCY": ("DOLLARS", "SWISS FRANCS", "CASH"),
                          "&ACCORDSYN": ("&CURRENCY", "CLOSER")}
    assert vd.transformations == ["~ a (a b ATTACK) SAY = a b 015"]
    assert "NOT A BLOCK" not in vd.verbs

    abandon = vd.verbs["ABANDON"]
    assert abandon.code == "345" and abandon.block == "ABANDON" and abandon.line == 20
    assert abandon.forms == ("ABANDON", "ABANDONS", "ABANDONED", "ABANDONING")
    assert [p.code for p in abandon.patterns] == ["903", "987", "075", "074", ""]
    first = abandon.patterns[0]
    assert first == VerbPattern("ABANDON", "903", (), ("NEW_&CURRENCY_RELATIONS",),
                                "* NEW_&CURRENCY_RELATIONS", 23, "-PAS 12.01.12")
    assert abandon.patterns[2].before == ("IN_",) and abandon.patterns[2].after == ()
    assert abandon.patterns[3].before == ("SO", "IN_AND_") and abandon.patterns[3].after == ("_OUT_AGAIN", "NOW")
    assert abandon.patterns[4].before == ("+",) and abandon.patterns[4].after == ("&PREPOSIT1", "$", "^", "%")
    compound = vd.verbs["ABC DEF"]
    assert compound.head == "ABC" and compound.code == "345" and compound.patterns == abandon.patterns
    assert "ABCS DEF" in compound.forms and compound.patterns[0].verb == "ABANDON"
    rst = vd.verbs["KLM NOP RST"]
    assert rst.head == "RST" and rst.code == "002" and "KLM NOP RSTED" in rst.forms

    say = vd.verbs["SAY"]
    assert say.forms == ("SAY", "SAYS", "SAID", "SAYING")
    assert say.code == "010" and say.block == "EXPLAIN_VERBAL"
    assert len(say.patterns) == 4 and say.patterns[-1].code == "191"  # merged from the DELAY block
    assert say.patterns[0].after == ("(TO {BANNED PARTIES})", "$") and say.patterns[0].verb == "EXPLAIN"
    assert vd.verbs["EXPRESS"].code == "0110"
    assert vd.verbs["CORDON OFF"].forms == ("CORDON OFF", "CORDONED OFF", "CORDONS OFF", "CORDONING OFF")
    assert vd.verbs["WIRE TAP"].head == "TAP"
    assert vd.verbs["WIRE TAP"].forms == ("WIRE TAP", "WIRE TAPS", "WIRE TAPPED", "WIRE TAPPING")
    assert vd.verbs["ANGERED BY"].forms == ("ANGERED BY",)
    assert vd.verbs["DELAY"].code == "120"

    assert vd.find("said") is say and vd.find("Saying") is say
    assert vd.find("abandoned") is abandon and vd.find("ABANDONS") is abandon
    assert vd.find("cordoned off") is vd.verbs["CORDON OFF"] and vd.find("cordoned_off") is vd.verbs["CORDON OFF"]
    assert vd.find("wire tapped") is vd.verbs["WIRE TAP"]
    assert vd.find("explains") is vd.verbs["EXPLAIN"] and vd.find("explaining") is vd.verbs["EXPLAIN"]
    assert vd.find("delayed") is vd.verbs["DELAY"]
    assert vd.find("abandonment") is None and vd.find("") is None

    assert len(vd.warnings) == 6
    for line, words in ((28, "&UNDEFINED"), (29, "code"), (30, "'*'"), (31, "'*'"), (44, "first"), (46, "SAY")):
        assert any(f"test.verbs:{line}:" in w and words in w for w in vd.warnings), (line, words)


def test_strict_mode_raises(tmp_path):
    with pytest.raises(DictionaryError, match=r"test.verbs:28:"):
        read_verb_dictionary(write(tmp_path, VERBS), strict=True)


REAL = {
    # name: (minimum verbs, minimum patterns, minimum synsets)
    "PETR.Validate.verbs.txt": (200, 400, 10),
    "CAMEO.verbpatterns.150430.txt": (1500, 10000, 30),
    "CAMEO.2.0.txt": (1500, 4000, 30),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_verb_dictionaries(name):
    vd = read_verb_dictionary(need(name))
    counts = (len(vd.verbs), vd.pattern_count(), len(vd.synsets))
    print(f"{name}: {counts[0]} verbs, {counts[1]} patterns, {counts[2]} synsets, "
          f"{len(vd.transformations)} transformations, {len(vd.warnings)} warnings")
    for warning in vd.warnings:
        print("  ", warning)
    assert all(found >= minimum for found, minimum in zip(counts, REAL[name]))
    assert len(vd.warnings) <= 40
    for entry in vd.verbs.values():
        assert entry.forms[0] == entry.verb
        for pattern in entry.patterns:
            assert "*" not in pattern.before + pattern.after
            assert "[" not in pattern.code and pattern.code != "---"


@pytest.mark.parametrize("name", ["CAMEO.verbpatterns.150430.txt", "CAMEO.2.0.txt"])
def test_cameo_known_verbs(name):
    vd = read_verb_dictionary(need(name))
    accuse = vd.verbs["ACCUSE"]
    assert accuse.code == "112" and accuse.patterns
    for form in ("accused", "accuses", "accusing", "ACCUSE"):
        assert vd.find(form) is accuse, form
    visit = vd.verbs["VISIT"]
    assert visit.code == "042:043" and visit.patterns
    assert vd.find("visited") is visit
    assert vd.find("said") is vd.verbs["SAY"]
    assert "&CURRENCY" in vd.synsets and "DOLLAR" in vd.synsets["&CURRENCY"]


def test_petr_validate_verbs():
    vd = read_verb_dictionary(need("PETR.Validate.verbs.txt"))
    assert vd.verbs["VISIT"].code == "032:032"
    assert vd.find("visiting") is vd.verbs["VISIT"]
    assert vd.find("banned") is vd.verbs["BAN"]
    assert vd.find("cordoned off") is vd.verbs["CORDON OFF"]
    assert vd.verbs["CORDON OFF"].code == "1721"
    assert len(vd.verbs["SHOT"].patterns) == 2  # two SHOT blocks, merged
