"""The coder's lexicon (ontology/data/lexicon.yaml): every entry has values and examples, and the real
pipeline codes every example as it says: a plain string holds at least one event; {text, code} holds an
event with that code, or none at all when code is null."""
import pytest
import yaml

from dyads.ontology.lexicon import LEXICON_PATH, load_lexicon

DATA = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
ENTRIES = {k: v for k, v in DATA.items() if isinstance(v, dict)}
EXAMPLES = [(name, example) for name, entry in ENTRIES.items() for example in entry.get("examples", [])]


def test_header_and_entries():
    assert isinstance(DATA["version"], str) and DATA["note"]
    assert ENTRIES
    for name, entry in ENTRIES.items():
        assert set(entry) == {"values", "examples"}, name
        assert entry["values"] not in (None, [], {}), name
        assert entry["examples"], f"{name} has no examples"
        values = entry["values"]
        words = values if isinstance(values, list) else \
            list(values) + list(values.values()) if isinstance(values, dict) else [values]
        assert all(not isinstance(w, bool) for w in words), f"{name}: YAML read a bare on/off/yes/no as a boolean"
    assert load_lexicon().version == DATA["version"]


def test_root_codes_exist_and_roots_are_roots():
    from dyads.ontology.cameo import load_cameo

    cameo = load_cameo()
    lex = load_lexicon()
    for root, code in lex.table("root_codes").items():
        assert code in cameo and code.startswith(root)
    for name in ("one_sided_roots", "reciprocal_roots"):
        assert all(r in cameo and len(r) == 2 for r in lex.words(name))


@pytest.fixture(scope="module")
def pipeline():
    from dyads.pipeline import Pipeline

    return Pipeline()


@pytest.mark.parametrize("name,example", EXAMPLES)
def test_example_is_coded(pipeline, name, example):
    from dyads import api

    text, code = (example, "any") if isinstance(example, str) else (example["text"], example["code"])
    (doc,) = api.annotate_texts([text], pipeline=pipeline)
    codes = [e.code for e in doc.events]
    if code is None:
        assert not codes, f"{name}: {text!r} should hold no event, got {codes}"
    elif code == "any":
        assert codes, f"{name}: no event for {text!r}"
    else:
        assert code in codes, f"{name}: {text!r} should hold {code}, got {codes}"
