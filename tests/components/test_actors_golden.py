"""Actors on the reference article: every golden actor check passes."""
import json

from tests.conftest import SAMPLE, need_shared, run_dyads, score_golden


def test_golden_actors(tmp_path):
    need_shared(SAMPLE)
    result = run_dyads("extract", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    score = score_golden(tmp_path, result.stdout, "--only", "actors")
    assert score.returncode == 0, score.stdout
    record = json.loads(result.stdout)
    for actor in record["actors"]:
        assert {"key", "code", "role", "name", "names", "mentions"} <= set(actor)
        assert all({"segment", "start", "end"} == set(m) for m in actor["mentions"])
