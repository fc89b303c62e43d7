"""The dashboard's JSON routes and safety rules in-process (fastapi.testclient): a store from known rows with
exact figures, the demo database's real answers, and `dyads serve` itself in a subprocess."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from dyads import api
from dyads.storage import Store
from dyads.web import create_app
from dyads.web.marks import annotate, pieces
from tests.conftest import serving

WEB = Path(__file__).resolve().parents[2] / "src" / "dyads" / "web"
MOSCOW = "ec5163e4ffc3e6913a72"  # demo/articles/moscow-joint-statement-2023.txt

# id, doc, cluster, day, source, target, code, goldstein, quad, confidence
ROWS = [
    ("e1", "d1", "c1", "2024-01-10", "RUS", "USA", "112", -2.0, 3, 0.9),
    ("e2", "d2", "c1", "2024-01-11", "RUS", "USA", "112", -2.0, 3, 0.9),  # c1 again, in another article
    ("e3", "d1", "c2", "2024-01-20", "RUS", "USA", "042", 1.9, 1, 0.9),
    ("e4", "d3", "c3", "2024-03-05", "RUS", "USA", "190", -10.0, 4, 0.8),
    ("e5", "d3", "c4", "2024-03-06", "CHN", "USA", "057", 8.0, 2, 0.8),
    ("e6", "d4", "c5", "2024-03-08", "RUS", "USA", "111", -2.0, 3, 0.3),  # under 0.5
]
BODY = "Putin met Xi in Moscow on Monday."
RECORD = {"id": "d1", "title": "Putin meets Xi", "body": BODY, "captions": [],
          "actors": [{"id": "a1", "name": "Vladimir Putin", "code": "RUSGOV", "key": "RUS",
                      "mentions": [{"segment": "body", "start": 0, "end": 5}, {"segment": "title", "start": 0, "end": 5}]},
                     {"id": "a2", "name": "Xi Jinping", "code": "CHNGOV", "key": "CHN",
                      "mentions": [{"segment": "body", "start": 10, "end": 12}]}],
          "events": [{"id": "e1", "code": "040", "name": "Consult", "segment": "body", "sentence": BODY,
                      "provenance": {"segment": "body", "sentence_start": 0, "source_span": [0, 5],
                                     "predicate_span": [6, 9], "target_span": [10, 12]}}],
          "quotes": [], "dates": [{"text": "on Monday", "value": "2024-01-08", "precision": "day", "segment": "body",
                                   "start": 23, "end": 32}]}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "web.duckdb"
    with Store(path) as store:
        for i, doc, cl, day, src, tgt, code, gold, quad, conf in ROWS:
            store.con.execute(
                "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
                " goldstein, quad_class, penta_class, source_key, source_code, target_key, target_code, date,"
                " date_day, mode, tone, pattern, confidence, provenance, cameo_version, ontology_version, run_id)"
                " VALUES (?, ?, ?, 'body', 0, 's', ?, ?, 'n', ?, ?, 0, ?, ?, ?, ?, ?, ?, 'asserted', 0, 'p', ?, '{}',"
                " '1.1b3', '1', 'r')",
                [i, doc, cl, code, code[:2], gold, quad, src, src, tgt, tgt, day, day, conf])
        store.number_events()  # rows written in SQL: the numbers Store.save gives
        for doc in ("d1", "d2", "d3", "d4"):  # every event's article (the events route joins their titles)
            record = RECORD if doc == "d1" else {"id": doc, "title": doc, "body": "text"}
            store.con.execute("INSERT INTO documents (id, source_hash, source, doc, title, body, record, run_id, "
                              "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'r', now())",
                              [doc, doc, f"{doc}.txt", f"{doc}.txt", record["title"], record["body"], json.dumps(record)])
    return path


@pytest.fixture
def client(db):
    return TestClient(create_app(db))


def test_series_route_gives_the_series_figures(client):
    out = client.get("/api/series", params={"dyad": "RUS,USA", "by": "month", "actor": ""})
    assert out.status_code == 200
    rows = out.json()["rows"]
    assert [r["period"] for r in rows] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert [r["events"] for r in rows] == [2, 0, 1] and [r["articles"] for r in rows] == [2, 0, 1]
    assert [r["goldstein_sum"] for r in rows] == pytest.approx([-0.1, 0.0, -10.0])
    assert rows[0]["goldstein_mean"] == pytest.approx(-0.05) and rows[1]["goldstein_mean"] is None  # NaN -> null
    assert rows[0]["verbal_coop"] == 0.5 and rows[2]["material_conflict"] == 1.0
    every = client.get("/api/series", params={"dyad": "RUS,USA", "mentions": "true", "min_confidence": "0"}).json()
    assert [r["events"] for r in every["rows"]] == [3, 0, 2]  # e2 and e6 counted too


def test_events_route_pages_and_caps(client, db):
    page = client.get("/api/events", params={"dyad": "RUS,USA", "limit": "2"}).json()
    assert [e["id"] for e in page["events"]] == ["e1", "e2"] and page["more"] is True and page["limit"] == 2
    assert page["events"][1]["document_title"] == "d2"
    page = client.get("/api/events", params={"actor": "USA"}).json()
    assert {e["id"] for e in page["events"]} == {"e1", "e2", "e3", "e4", "e5"} and page["more"] is False
    assert page["limit"] == 100
    one = client.get("/api/events", params={"dyad": "CHN,USA"}).json()["events"][0]
    assert (one["id"], one["code"], one["goldstein"], one["source"]["key"]) == ("e5", "057", 8.0, "CHN")
    assert one["schema_version"] == "dyads.event-row/1" and one["confidence"] == 0.8  # the table's row
    assert one == api.event_rows(db, dyad="CHN,USA")[0]  # from memory, as DuckDB gives it
    clusters = client.get("/api/events", params={"dyad": "RUS,USA", "clusters": "true"}).json()["events"]
    assert len(clusters) == 3  # c1 (twice reported), c2, c3


@pytest.mark.parametrize("path, params, option", [
    ("/api/series", {"dyad": "XXQ,USA"}, "dyad"),
    ("/api/series", {"actor": "USA", "by": "year"}, "by"),
    ("/api/series", {}, "actor"),
    ("/api/series", {"actor": "USA", "since": "2024-13"}, "since"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "1001"}, "limit"),
    ("/api/events", {"limit": "ten"}, "limit"),
    ("/api/events", {"min_confidence": "2"}, "min_confidence"),
    ("/api/events", {"code": "999"}, "code"),
    ("/api/events", {"clusters": "maybe"}, "clusters"),
    ("/api/shift", {"actor": "USA", "before": "2024:2024"}, "after"),
    ("/api/shift", {"actor": "USA", "docs": "d1"}, "docs"),
    ("/api/shift", {"actor": "USA", "docs": "d1,d2", "samples": "100000"}, "samples"),
    ("/api/network", {"min_events": "0"}, "min_events"),
])
def test_a_wrong_parameter_is_400_naming_it(client, path, params, option):
    out = client.get(path, params=params)
    assert out.status_code == 400
    assert out.json()["option"] == option and out.json()["error"].startswith(f"{option}: ")


def test_record_route_cuts_the_text_at_every_mark(client):
    out = client.get("/api/record/d1").json()
    assert out["record"]["title"] == "Putin meets Xi"
    body = next(s for s in out["segments"] if s["name"] == "body")
    assert "".join(p["text"] for p in body["pieces"]) == BODY
    kinds = {p["text"]: sorted(out["marks"][i]["kind"] for i in p["marks"]) for p in body["pieces"]}
    assert kinds["Putin"] == ["actor", "sentence", "source"] and kinds["met"] == ["predicate", "sentence"]
    assert kinds["Xi"] == ["actor", "sentence", "target"] and kinds["on Monday"] == ["date", "sentence"]
    title = next(s for s in out["segments"] if s["name"] == "title")
    assert [p["text"] for p in title["pieces"]] == ["Putin", " meets Xi"]
    assert client.get("/api/record/nothing-like-it").status_code == 404
    assert client.get("/api/record/d1%20OR%201").status_code == 400


def test_pieces_of_overlapping_marks():
    marks = [(0, {"start": 0, "end": 10}), (1, {"start": 4, "end": 6}), (2, {"start": 8, "end": 40})]
    cut = pieces("abcdefghijkl", marks)
    assert [(p["start"], p["end"], p["marks"]) for p in cut] == [
        (0, 4, [0]), (4, 6, [0, 1]), (6, 8, [0]), (8, 10, [0, 2]), (10, 12, [2])]  # the last clipped to the text
    assert annotate({"body": "x", "events": [{"id": "e", "provenance": {"segment": "body", "source_span": [0, 0]}}]}
                    )["marks"] == []  # an empty side has no mark


def test_read_only_get_only_bounded_and_local(client):
    assert client.post("/api/events").status_code == 405
    assert client.request("DELETE", "/").status_code == 405
    assert client.request("GET", "/api/events", content=b"x" * 10).status_code == 413
    assert client.get("/api/events", params={"actor": "U" * 3000}).status_code == 414
    for path in ("/", "/timeline", "/events", "/article", "/shift", "/network", "/api/articles", "/static/style.css"):
        out = client.get(path)
        assert out.status_code == 200, path
        policy = out.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self';" in policy and "unsafe" not in policy
        assert out.headers["x-content-type-options"] == "nosniff"
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and b"plotly.js v" in plotly.content[:200]
    guarded = TestClient(create_app(client.app.state.db, hosts=["127.0.0.1", "localhost"]), base_url="http://evil.test")
    assert guarded.get("/").status_code == 400  # another Host: a DNS-rebinding page cannot read the store
    assert TestClient(guarded.app, base_url="http://127.0.0.1:8765").get("/").status_code == 200


def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script():
    for path in [*(WEB / "pages").iterdir(), *(WEB / "static").iterdir()]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|//cdn|innerHTML", text), path.name
        if path.suffix == ".html":
            assert re.findall(r"<script(?![^>]*\bsrc=)", text) == [], path.name
            assert " style=" not in text and "<style" not in text, path.name


def test_demo_timeline_events_and_article(demo_db):
    client = TestClient(create_app(demo_db))
    rows = client.get("/api/series", params={"group": "CHN+RUS,USA", "by": "quarter"}).json()["rows"]
    frame = api.series(demo_db, group="CHN+RUS,USA", by="quarter")
    assert [r["events"] for r in rows] == frame["events"].tolist() == [5, 0, 0, 0, 0, 6]
    assert rows[0]["period"] == "2023-01-01" and rows[-1]["period"] == "2024-04-01"
    assert (rows[0]["goldstein_mean"], round(rows[-1]["goldstein_mean"], 2)) == (3.5, -3.7)  # Moscow 2023, Beijing 2024
    assert rows[0]["verbal_coop"] == 1.0 and rows[-1]["verbal_conflict"] == 1.0
    events = client.get("/api/events", params={"dyad": "CHN,USA"}).json()
    assert len(events["events"]) == 15 and not events["more"]
    assert {(e["source"]["key"], e["target"]["key"]) for e in events["events"]} == {("CHN", "USA")}
    assert {e["document_id"] for e in events["events"]} == {MOSCOW, "08be3fcf915346712d06"}
    out = client.get(f"/api/record/{MOSCOW}").json()
    texts = {s["name"]: s for s in out["segments"]}
    actors = {p["text"] for p in texts["body"]["pieces"]
              if any(out["marks"][i]["kind"] == "actor" for i in p["marks"])}
    assert {"Chinese President Xi Jinping", "Russian President Vladimir Putin", "United States"} <= actors
    predicates = [p["text"] for p in texts["title"]["pieces"]
                  if any(out["marks"][i]["kind"] == "predicate" for i in p["marks"])]
    assert predicates == ["urge"]


def test_demo_shift_and_network(demo_db):
    client = TestClient(create_app(demo_db))
    shift = client.get("/api/shift", params={"group": "CHN+RUS,USA", "before": "2023:2023",
                                             "after": "2024:2024"}).json()
    assert shift["verdict"].startswith("more conflictual toward USA: Goldstein mean +3.5 → -3.7 (5 → 6 events)")
    assert shift["windows"]["before"]["events"] == 5 and shift["windows"]["after"]["events"] == 6
    assert round(shift["change"]["goldstein_mean"], 2) == -7.2 and len(shift["sentences"]) == 11
    net = client.get("/api/network").json()
    assert net["nodes"] == api.network(demo_db).to_dict()["nodes"]
    assert set(net["positions"]) == {n["key"] for n in net["nodes"]}
    chn_usa = next(e for e in net["edges"] if (e["source"], e["target"]) == ("CHN", "USA"))
    assert (chn_usa["events"], chn_usa["cooperation"], chn_usa["conflict"]) == (6, 3, 3)
    assert client.get("/api/network").json()["positions"] == net["positions"]  # seeded: the same picture


def test_dyads_serve_serves_the_demo_on_loopback(demo_db, tmp_path):
    with serving(demo_db) as served:
        assert len(httpx.get(served.base + "/api/articles").json()["articles"]) == 6
        assert httpx.get(served.base + "/", headers={"Host": "evil.test"}).status_code == 400
    assert f"dyads dashboard on {served.base}/" in served.stderr_text
    missing = subprocess.run([sys.executable, "-m", "dyads.cli.main", "serve", "--db", str(tmp_path / "none.duckdb")],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "no such database" in missing.stderr


def test_static_files_come_from_memory_with_an_etag(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert css.content == (WEB / "static" / "style.css").read_bytes()
    again = client.get("/static/style.css", headers={"if-none-match": css.headers["etag"]})
    assert again.status_code == 304 and not again.content
    head = client.head("/static/common.js")
    assert head.status_code == 200 and not head.content and head.headers["content-length"] == str(
        len((WEB / "static" / "common.js").read_bytes()))
    assert client.get("/static/nothing.js").status_code == 404
    assert client.get("/static/../app.py").status_code == 404
