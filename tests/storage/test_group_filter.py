"""`--group A+B,C` on the event commands (events, export, the dashboard's table): any of the sources toward any of
the targets, the union of the dyads, over the demo database."""
from fastapi.testclient import TestClient

from dyads import api
from dyads.web import create_app
from tests.conftest import run_dyads


def test_a_group_is_the_union_of_its_dyads(demo_db, tmp_path):
    group = api.events(demo_db, group="CHN+RUS,USA")
    dyads = api.events(demo_db, dyad="CHN,USA") + api.events(demo_db, dyad="RUS,USA")
    assert len(group) == len(dyads) == 28  # the two joint statements toward the US
    assert sorted(e["id"] for e in group) == sorted(e["id"] for e in dyads)
    assert len(api.events_frame(demo_db, group="CHN+RUS,USA")) == 28
    out = tmp_path / "g.csv"
    done = run_dyads("export", "--db", str(demo_db), "--group", "CHN+RUS,USA", "-o", str(out))
    assert done.returncode == 0 and len(out.read_text().splitlines()) == 29, done.stderr
    listed = run_dyads("events", "--db", str(demo_db), "--group", "CHN+RUS,USA", "--json")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 28
    both = run_dyads("events", "--db", str(demo_db), "--group", "CHN+RUS,USA", "--dyad", "RUS,USA")
    assert both.returncode == 2 and "--group" in both.stderr
    page = TestClient(create_app(demo_db)).get("/api/events", params={"group": "CHN+RUS,USA", "limit": "100"}).json()
    assert sorted(e["id"] for e in page["events"]) == sorted(e["id"] for e in group) and page["more"] is False
