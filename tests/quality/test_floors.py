"""Quality floors, measured on ../shared on every test run. A change that lowers a figure below its
floor fails here; raising a floor is a deliberate edit with the new measurement in the commit."""
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, need_shared

sys.path.insert(0, str(ROOT / "benchmarks"))

FLOORS = {
    "extraction_f1": 0.962,  # plain trafilatura's F1 on the same pages: we must not fall below it
    "htmldate_day_accuracy": 0.90,
    "re3d_recall": 0.48, "re3d_precision": 0.76,
    # benchmarks/coding.py, on the held-back test parts (aggregates only)
    # (2026-12-02: coverage 0.604, accuracy 0.796; agreement 0.618, pairs 0.453; PLOVER 0.814 / 0.522; alarms 0.008)
    # (2026-12-04: coverage 0.659, accuracy 0.813; agreement 0.666, pairs 0.495; PLOVER 0.780 / 0.500; alarms 0.016)
    # (2026-12-04, lexicon 2026.12.10: coverage 0.652, accuracy 0.822; agreement 0.664, pairs 0.495;
    #  PLOVER 0.797 / 0.511; alarms 0.016)
    # (2026-12-05, lexicon 2026.12.12, NER text mended: coverage 0.655, accuracy 0.819; agreement 0.661, pairs 0.508;
    #  PLOVER 0.797 / 0.511; alarms 0.016)
    # (2026-12-07, lexicon 2026.12.16: coverage 0.655, accuracy 0.830; agreement 0.673, pairs 0.517;
    #  PLOVER 0.828 / 0.522; alarms 0.016)
    # (2026-12-07, later, lexicon 2026.12.25: coverage 0.698, accuracy 0.837; agreement 0.688, pairs 0.553;
    #  PLOVER 0.831 / 0.533; alarms 0.024)
    "conflibert_coverage": 0.68, "conflibert_accuracy": 0.825,
    "ner_agreement": 0.675, "ner_pair_recall": 0.53,
    "plover_precision": 0.80, "plover_recall": 0.51,
    "no_event_false_alarms": 0.03,
}


@pytest.fixture(scope="module")
def pipeline():
    from dyads.pipeline import Pipeline

    return Pipeline()


def test_extraction_f1_at_least_trafilatura(tmp_path):
    need_shared(SHARED / "evaldata" / "article-extraction")
    import extraction

    figures = extraction.measure(SHARED, tmp_path)
    assert figures["dyads"] >= FLOORS["extraction_f1"]
    assert figures["dyads"] >= figures["trafilatura"] - 0.002


def test_publication_day_accuracy():
    need_shared(SHARED / "evaldata" / "htmldate")
    import metadata

    assert metadata.htmldate_set(SHARED / "evaldata" / "htmldate") >= FLOORS["htmldate_day_accuracy"]


def test_re3d_actor_mentions():
    need_shared(SHARED / "evaldata" / "re3d")
    import actors

    recall, precision = actors.measure(SHARED)["all"]
    assert recall >= FLOORS["re3d_recall"] and precision >= FLOORS["re3d_precision"]


def test_event_coding_on_the_test_parts(pipeline):
    need_shared(SHARED / "evaldata" / "conflibert")
    import coding

    built = {"plain": pipeline, "petrarch": pipeline}
    figures = coding.measure(SHARED, parts=("test",), only={"conflibert-class", "conflibert-ner", "plover", "no-event"},
                             built=built)
    cls, ner = figures["conflibert-class"]["test"], figures["conflibert-ner"]["test"]
    assert cls["coverage"] >= FLOORS["conflibert_coverage"] and cls["accuracy"] >= FLOORS["conflibert_accuracy"]
    assert ner["agreement"] >= FLOORS["ner_agreement"] and ner["pair_recall"] >= FLOORS["ner_pair_recall"]
    plover = figures["plover"]["test"]
    assert plover["precision"] >= FLOORS["plover_precision"] and plover["recall"] >= FLOORS["plover_recall"]
    assert figures["no-event"]["test"]["false_alarms"] <= FLOORS["no_event_false_alarms"]
