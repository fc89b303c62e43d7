"""Every event-coding pattern carries `examples:`, our own wire-style sentences, and the real pipeline
codes each of them with that pattern: an event whose `pattern` is the entry's id. A pattern no sentence
can fire is dead weight and goes; one whose example fires another pattern is shadowed and says so here.

Run one root's examples with `pytest tests/ontology/test_pattern_examples.py -k 19-`."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

PATTERN_DIR = Path(__file__).resolve().parents[2] / "src" / "dyads" / "ontology" / "data" / "patterns"

ENTRIES = []
for path in sorted(PATTERN_DIR.glob("*.yaml")):
    for row in yaml.safe_load(path.read_text(encoding="utf-8"))["patterns"]:
        ENTRIES.append((path.name, row))
EXAMPLES = [(row["id"], text) for _, row in ENTRIES for text in row.get("examples") or []]


def test_every_pattern_has_examples():
    missing = [row["id"] for _, row in ENTRIES if not row.get("examples")]
    assert not missing, f"{len(missing)} patterns without examples: {missing[:20]}"
    for _, row in ENTRIES:
        for text in row["examples"]:
            assert isinstance(text, str) and text.strip() and text == text.strip(), row["id"]


@pytest.fixture(scope="module")
def coded():
    """pattern id -> {sentence: [(pattern, code)]}, coded in one batch."""
    from dyads import api
    from dyads.pipeline import Pipeline

    texts = sorted({text for _, text in EXAMPLES})
    docs = api.annotate_texts(texts, pipeline=Pipeline())
    return {text: [(e.pattern, e.code) for e in doc.events] for text, doc in zip(texts, docs)}


@pytest.mark.parametrize("pattern_id,text", EXAMPLES, ids=[f"{p}:{t[:40]}" for p, t in EXAMPLES])
def test_example_fires_its_pattern(coded, pattern_id, text):
    got = coded[text]
    assert any(p == pattern_id for p, _ in got), f"{pattern_id}: {text!r} gave {got}"
