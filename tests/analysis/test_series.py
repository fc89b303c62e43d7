"""`dyads series` / api.series over a migrated store with known rows: exact counts, sums, means, gaps."""
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from dyads import api
from dyads.cli.main import cli
from dyads.errors import UsageError
from dyads.storage import Store

# id, doc, cluster, day, source, target, code, goldstein, quad, tone, confidence
ROWS = [
    ("e1", "d1", "c1", "2024-01-10", "RUS", "USA", "112", -2.0, 3, -1.0, 0.9),
    ("e2", "d2", "c1", "2024-01-11", "RUS", "USA", "112", -2.0, 3, -3.0, 0.9),  # same cluster, another article
    ("e3", "d1", "c2", "2024-01-20", "RUS", "USA", "042", 1.9, 1, 2.0, 0.9),
    ("e4", "d3", "c3", "2024-03-05", "RUS", "USA", "190", -10.0, 4, -5.0, 0.8),
    ("e5", "d3", "c4", "2024-03-06", "CHN", "USA", "057", 8.0, 2, 1.0, 0.8),
    ("e6", "d3", "c5", "2024-03-07", "USA", "RUS", "036", 4.0, 1, 0.0, 0.8),
    ("e7", "d4", "c6", "2024-03-08", "RUS", "USA", "111", -2.0, 3, None, 0.3),  # below 0.5
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for i, doc, cl, day, src, tgt, code, gold, quad, tone, conf in ROWS:
            store.con.execute(
                "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
                " goldstein, quad_class, penta_class, source_key, source_code, target_key, target_code, date,"
                " date_day, mode, tone, pattern, confidence, provenance, cameo_version, ontology_version, run_id)"
                " VALUES (?, ?, ?, 'body', 0, 's', ?, ?, 'n', ?, ?, 0, ?, ?, ?, ?, ?, ?, 'asserted', ?, 'p', ?, '{}',"
                " '1.1b3', '1', 'r')",
                [i, doc, cl, code, code[:2], gold, quad, src, src, tgt, tgt, day, day, tone, conf])
        store.number_events()  # rows written in SQL: the numbers Store.save gives
    return path


def test_dyad_by_month_counts_clusters_once_and_fills_gaps(db):
    f = api.series(db, dyad="RUS,USA", by="month")
    assert [str(p.date()) for p in f["period"]] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert f["events"].tolist() == [2, 0, 1]  # c1 once, c2; February empty; e7 under the confidence
    assert f["goldstein_sum"].tolist() == pytest.approx([-0.1, 0.0, -10.0])
    assert f["goldstein_mean"][0] == pytest.approx(-0.05) and pd.isna(f["goldstein_mean"][1])
    assert f["verbal_coop"][0] == 0.5 and f["verbal_conflict"][0] == 0.5 and f["material_conflict"][2] == 1.0
    assert f["tone_mean"][0] == pytest.approx(0.5)  # (-1 + 2) / 2: the first report of c1 only
    assert f["articles"].tolist() == [2, 0, 1]  # d1 and d2 both report January


def test_mentions_count_every_report(db):
    f = api.series(db, dyad="RUS,USA", by="month", mentions=True)
    assert f["events"].tolist() == [3, 0, 1]
    assert f["goldstein_sum"][0] == pytest.approx(-2.1) and f["tone_mean"][0] == pytest.approx(-2 / 3)


def test_group_actor_quarter_day_week_and_roots(db):
    g = api.series(db, group="CHN+RUS,USA", by="quarter", by_root=True)
    assert len(g) == 1 and g["events"][0] == 4 and g["goldstein_sum"][0] == pytest.approx(-2.1)
    assert g["root_11"][0] == 1 and g["root_04"][0] == 1 and g["root_19"][0] == 1 and g["root_05"][0] == 1
    assert g["material_coop"][0] == 0.25
    a = api.series(db, actor="USA", by="month", min_confidence=0)
    assert a["events"].tolist() == [2, 0, 4]  # both sides, e7 included
    d = api.series(db, dyad="RUS,USA", by="day", since="2024-01-10", until="2024-01-20")
    assert len(d) == 11 and d["events"].sum() == 2 and d["events"].tolist()[1] == 0  # c1 on its first day
    w = api.series(db, dyad="RUS,USA", by="week", until="2024-01")
    assert [str(p.date()) for p in w["period"]] == ["2024-01-08", "2024-01-15"] and w["events"].tolist() == [1, 1]


def test_a_cluster_counts_once_but_its_later_articles_count_in_their_period(db):
    d = api.series(db, dyad="RUS,USA", by="day", since="2024-01-10", until="2024-01-11")
    assert d["events"].tolist() == [1, 0] and d["articles"].tolist() == [1, 1]
    assert pd.isna(d["goldstein_mean"][1]) and d["goldstein_sum"][1] == 0


def test_usage_errors(db):
    for kwargs, option in ((dict(dyad="XXQ,USA"), "dyad"), (dict(group="CHN+RUS"), "group"),
                           (dict(actor="USA", by="year"), "by"), (dict(actor="USA", since="2024-13"), "since"),
                           (dict(), "actor"), (dict(actor="USA", dyad="RUS,USA"), "actor")):
        with pytest.raises(UsageError) as err:
            api.series(db, **kwargs)
        assert err.value.option == option


def test_cli_csv_json_table_and_exit_codes(db):
    run = CliRunner().invoke
    out = run(cli, ["series", "--db", str(db), "--dyad", "RUS,USA", "--csv"])
    assert out.exit_code == 0
    f = pd.read_csv(io.StringIO(out.output))
    assert f["period"].tolist() == ["2024-01-01", "2024-02-01", "2024-03-01"] and f["events"].tolist() == [2, 0, 1]
    assert f["articles"].tolist() == [2, 0, 1] and pd.isna(f["goldstein_mean"][1])
    out = run(cli, ["series", "--db", str(db), "--group", "CHN+RUS,USA", "--by", "quarter", "--json", "--mentions"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 1 and rows[0]["events"] == 5 and rows[0]["period"] == "2024-01-01"
    out = run(cli, ["series", "--db", str(db), "--dyad", "RUS,USA"])
    assert out.exit_code == 0 and "2024-02-01" in out.output
    out = run(cli, ["series", "--db", str(db), "--dyad", "RUS,USA", "--since", "2025"])
    assert out.exit_code == 1
    out = run(cli, ["series", "--db", str(db), "--dyad", "XXQ,USA"])
    assert out.exit_code == 2 and "'--dyad'" in out.output


def test_a_cluster_reported_twice_on_its_first_day_counts_its_smallest_id(tmp_path):
    # written larger id first: the first report is the earliest day, then the smallest id, not the stored order
    path = tmp_path / "tie.duckdb"
    rows = [("e9b", "d1", "c9", "2024-05-02", 5.0, 1, 1.0), ("e9a", "d2", "c9", "2024-05-02", -5.0, 4, -1.0),
            ("e8", "d3", "c9", "2024-05-01", 2.0, 1, None),  # an earlier report below the confidence asked
            ("e7", "d3", "c7", "2024-05-09", 1.0, 1, 0.5)]
    with Store(path) as store:
        for i, doc, cl, day, gold, quad, tone in rows:
            store.con.execute(
                "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
                " goldstein, quad_class, penta_class, source_key, source_code, target_key, target_code, date,"
                " date_day, mode, tone, pattern, confidence, provenance, cameo_version, ontology_version, run_id)"
                " VALUES (?, ?, ?, 'body', 0, 's', '042', '04', 'n', ?, ?, 0, 'RUS', 'RUS', 'USA', 'USA', ?, ?,"
                " 'asserted', ?, 'p', ?, '{}', '1.1b3', '1', 'r')",
                [i, doc, cl, gold, quad, day, day, tone, 0.3 if i == "e8" else 0.9])
        store.number_events()
    f = api.series(path, dyad="RUS,USA", by="week")
    assert f["events"].tolist() == [1, 1] and f["goldstein_sum"].tolist() == [-5.0, 1.0]
    assert f["material_conflict"][0] == 1.0 and f["tone_mean"].tolist() == [-1.0, 0.5]
    assert f["articles"].tolist() == [2, 1]
    every = api.series(path, dyad="RUS,USA", by="week", min_confidence=0)
    assert every["events"].tolist() == [1, 1] and every["goldstein_sum"][0] == 2.0  # e8, a day earlier, now first
    assert every["articles"].tolist() == [3, 1]
