"""The reference article end to end: events (recall >= 0.85, precision >= 0.8), dates and quotes."""
import json

import pytest

from tests.conftest import SAMPLE, need_shared, run_dyads, score_golden


@pytest.mark.parametrize("selective", [True, False])
def test_golden_record_scores(tmp_path, selective, monkeypatch):
    need_shared(SAMPLE)
    if selective:
        result = run_dyads("extract", str(SAMPLE), "--json")
        assert result.returncode == 0, result.stderr
        text = result.stdout
    else:
        from dyads import api
        from dyads.model import to_record

        options = api.Options(pipeline=api.PipelineOptions(selective=False))
        text = json.dumps(to_record(next(iter(api.extract([SAMPLE], options)))))
    score = score_golden(tmp_path, text, "--min-recall", "0.85", "--min-precision", "0.8")
    assert score.returncode == 0, score.stdout
    assert "FAIL" not in score.stdout


def test_every_event_keeps_its_evidence(tmp_path):
    need_shared(SAMPLE)
    record = json.loads(run_dyads("extract", str(SAMPLE), "--json").stdout)
    assert record["events"]
    body = record["body"]
    for ev in record["events"]:
        prov = ev["provenance"]
        assert prov["pattern"] and 0 < prov["confidence"] <= 1
        assert ev["sentence"] and ev["root"] == ev["code"][:2] and ev["goldstein"] is not None
        if ev["segment"] == "body":
            start, end = prov["predicate_span"]
            assert body[start:end] == prov["predicate"]
            assert ev["sentence"] in body
        assert ev["date_info"]["source"] in ("text", "context", "lead", "publication")
