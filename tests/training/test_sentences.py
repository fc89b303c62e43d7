"""Our training sentences follow training/GUIDELINE.md, and the shipped model was trained on them as
they are now (retrain with `make train` after any change to training/sentences/)."""
import sys

from dyads.components.classifier import load_classifier
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "training"))

import check_sentences  # noqa: E402
import train  # noqa: E402


def test_sentences_pass_the_checker(capsys):
    files = sorted(str(p) for p in (ROOT / "training" / "sentences").glob("*.jsonl"))
    assert len(files) >= 5
    assert check_sentences.main(files) == 0, capsys.readouterr().out


def test_every_root_and_hard_negatives_are_covered():
    labels = [label for _, label in train.load_rows()]
    for root in (f"{r:02d}" for r in range(1, 21)):
        assert labels.count(root) >= 40, root
    assert labels.count("none") >= 500
    assert len(labels) >= 3000


def test_shipped_model_is_trained_on_the_current_sentences():
    model = load_classifier()
    assert model is not None, "src/dyads/components/data/event_model.npz is missing: run make train"
    assert f"data {train.data_hash()}" in model.version, "training/sentences changed: run make train"
    assert set(model.classes) == {f"{r:02d}" for r in range(1, 21)} | {"none"}


def test_no_shared_text_in_the_training_sentences():
    """The evaluation sets stay out of training: no training sentence is one of theirs."""
    from tests.conftest import SHARED

    path = SHARED / "evaldata" / "conflibert" / "cameo_class.train.tsv"
    if not path.exists():
        return
    theirs = {" ".join(line.rsplit("\t", 1)[0].lower().split()) for line in path.read_text(encoding="utf-8").splitlines()}
    ours = {" ".join(t.lower().split()) for t, _ in train.load_rows()}
    assert not ours & theirs
