"""Actors on the reference article: every golden actor check passes."""
import json
import subprocess
import sys

from tests.conftest import GOLDEN, SAMPLE, need_shared, run_dyads


def test_golden_actors(tmp_path):
    need_shared(SAMPLE)
    result = run_dyads("extract", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "record.json"
    path.write_text(result.stdout)
    score = subprocess.run([sys.executable, str(GOLDEN.parents[1] / "eval" / "score_article.py"), str(GOLDEN),
                            str(path), "--only", "actors"], capture_output=True, text=True)
    assert score.returncode == 0, score.stdout
    record = json.loads(result.stdout)
    for actor in record["actors"]:
        assert {"key", "code", "role", "name", "names", "mentions"} <= set(actor)
        assert all({"segment", "start", "end"} == set(m) for m in actor["mentions"])
