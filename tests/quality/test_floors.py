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
    "plover_precision": 0.70, "plover_recall": 0.16,
    "conflibert_accuracy": 0.76, "conflibert_coverage": 0.23,
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


def test_plover_and_conflibert(pipeline):
    evaldata = need_shared(SHARED / "evaldata")
    import events

    plover = events.plover(evaldata / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt", pipeline)
    assert plover["precision"] >= FLOORS["plover_precision"] and plover["recall"] >= FLOORS["plover_recall"]
    conflibert = events.conflibert(evaldata / "conflibert" / "cameo_class.train.tsv", pipeline)
    assert conflibert["accuracy"] >= FLOORS["conflibert_accuracy"]
    assert conflibert["coverage"] >= FLOORS["conflibert_coverage"]
