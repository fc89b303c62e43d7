"""The dashboard answers while an ingest writes the same file, and shows each batch once it is stored:
`dyads serve` and `dyads ingest` as users start them, two processes, one database."""
import json
import subprocess
import sys
import time
import urllib.request

from tests.conftest import run_dyads, serving

ARTICLES = 24


def _get(base: str, path: str) -> tuple[int, dict]:
    with urllib.request.urlopen(base + path, timeout=60) as answer:
        return answer.status, json.load(answer)


def test_the_dashboard_answers_during_an_ingest_and_sees_each_batch(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for i in range(ARTICLES):
        (news / f"a{i:02d}.txt").write_text(f"Report {i} from the capital\n\n" + " ".join(
            f"France and Germany met on day {i} and discussed trade, ports and grain shipments {j}." for j in range(10)))
    db = tmp_path / "live.duckdb"
    first = run_dyads("ingest", str(news / "a00.txt"), "--db", str(db), "--no-progress")
    assert first.returncode == 0, first.stderr
    with serving(db) as served:
        ingest = subprocess.Popen([sys.executable, "-m", "dyads.cli.main", "ingest", str(news), "--db", str(db),
                                   "--no-progress", "--batch-size", "4"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []
        while ingest.poll() is None:
            status, body = _get(served.base, "/api/articles")
            assert status == 200
            seen.append(len(body["articles"]))
            time.sleep(0.1)
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert "ingested 23, duplicate 1" in out
        final = _get(served.base, "/api/articles")[1]["articles"]
    assert seen == sorted(seen) and seen[0] >= 1  # never fewer than before: whole batches only
    assert len(set(seen)) >= 3  # answered between batches, not only before and after
    assert len(final) == ARTICLES  # and fresh once the run is over
